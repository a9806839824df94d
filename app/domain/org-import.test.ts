import { describe, expect, test } from "vitest";
import { describeChange, planCounts, planImport, type ChartPerson } from "./org-import";

const stored = new Map<string, ChartPerson>([
  ["ana@x.test", { name: "Ana Diaz", team: "Sales", managerEmail: "mo@x.test", roles: [] }],
  ["mo@x.test", { name: "Mo Chen", team: "Sales", managerEmail: null, roles: ["manager", "hr"] }],
]);

describe("an import is planned row by row against what is stored", () => {
  test("a row that states what is stored is unchanged: team case and role order do not matter", () => {
    const plan = planImport(
      [
        { row: 2, email: "ana@x.test", name: "Ana Diaz", team: "sales", managerEmail: "mo@x.test", roles: [] },
        { row: 3, email: "mo@x.test", name: "Mo Chen", team: "Sales", managerEmail: null, roles: ["hr", "manager"] },
      ],
      stored,
    );
    expect(plan.map((p) => p.kind)).toEqual(["unchanged", "unchanged"]);
    expect(planCounts(plan)).toEqual({ created: 0, changed: 0, unchanged: 2 });
  });

  test("a changed row lists only the fields that differ, each before and after", () => {
    const [plan] = planImport(
      [{ row: 2, email: "ana@x.test", name: "Ana Diaz", team: "Support", managerEmail: null, roles: ["manager"] }],
      stored,
    );
    expect(plan).toEqual({
      kind: "change",
      row: 2,
      email: "ana@x.test",
      name: "Ana Diaz",
      changes: [
        { field: "team", from: "Sales", to: "Support" },
        { field: "manager", from: "mo@x.test", to: null },
        { field: "roles", from: null, to: "manager" },
      ],
    });
    expect(plan!.kind === "change" && plan!.changes.map(describeChange)).toEqual([
      "team: Sales → Support",
      "manager: mo@x.test → (nobody)",
      "roles: (none) → manager",
    ]);
  });

  test("a new person is created with what the file sets", () => {
    const plan = planImport(
      [{ row: 4, email: "new@x.test", name: "New Hire", team: null, managerEmail: "mo@x.test", roles: [] }],
      stored,
    );
    expect(plan).toEqual([
      {
        kind: "create",
        row: 4,
        email: "new@x.test",
        name: "New Hire",
        set: [
          { field: "name", from: null, to: "New Hire" },
          { field: "manager", from: null, to: "mo@x.test" },
        ],
      },
    ]);
    expect(planCounts(plan)).toEqual({ created: 1, changed: 0, unchanged: 0 });
  });
});
