import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { DatabaseHandle } from "#db/client";
import { meetings } from "#db/schema";
import type { Viewer } from "~/auth/policies";
import { createPerson } from "#tests/setup/db-builders";
import { createTestDatabase } from "#tests/setup/test-database";
import { getAccount, loadAccountHead } from "./account.server";
import { createGoal, recordGoalProgress } from "./goals.server";
import { closeRisk, createRisk } from "./risks.server";

let handle: DatabaseHandle;
const now = new Date("2026-06-15T12:00:00Z");
const at = (iso: string) => new Date(iso);

async function pair() {
  const db = handle.db;
  const m = await createPerson(db, { roles: ["manager"], name: "Ana Lima" });
  const r = await createPerson(db, { managerId: m.id, name: "Sam Okafor" });
  const asViewer = (p: typeof m): Viewer => ({ id: p.id, name: p.name, email: p.email, roles: [] });
  const head = (await loadAccountHead(db, r.id))!;
  return { manager: { ...asViewer(m), roles: ["manager"] } as Viewer, report: asViewer(r), subject: head.subject };
}

beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(() => handle.close());

describe("the account's 1:1 history", () => {
  test("the next planned 1:1 first, then past ones newest first; later planned ones are not history", async () => {
    const { manager, subject } = await pair();
    const meeting = (scheduledAt: string, status: "planned" | "held" | "cancelled", heldAt?: string) => ({
      managerId: manager.id,
      reportId: subject.id,
      scheduledAt: at(scheduledAt),
      status,
      heldAt: heldAt ? at(heldAt) : null,
    });
    const rows = await handle.db
      .insert(meetings)
      .values([
        meeting("2026-05-01T09:00:00Z", "held", "2026-05-01T09:05:00Z"),
        meeting("2026-06-29T09:00:00Z", "planned"),
        meeting("2026-06-01T09:00:00Z", "held", "2026-06-02T10:00:00Z"),
        meeting("2026-06-16T09:00:00Z", "planned"),
        meeting("2026-05-15T09:00:00Z", "cancelled"),
        meeting("2026-06-08T09:00:00Z", "planned"),
      ])
      .returning({ id: meetings.id, scheduledAt: meetings.scheduledAt });
    const idOn = (day: string) => rows.find((m) => m.scheduledAt.toISOString().startsWith(day))!.id;

    const account = await getAccount(handle.db, manager, subject, now);
    expect(account.next?.id).toBe(idOn("2026-06-16"));
    expect(account.past.map((m) => [m.id, m.status])).toEqual([
      [idOn("2026-06-08"), "planned"], // its time passed without a held 1:1
      [idOn("2026-06-01"), "held"],
      [idOn("2026-05-15"), "cancelled"],
      [idOn("2026-05-01"), "held"],
    ]);
  });

  test("a pair with nothing planned has no next 1:1", async () => {
    const { manager, subject } = await pair();
    const account = await getAccount(handle.db, manager, subject, now);
    expect(account.next).toBeNull();
    expect(account.past).toEqual([]);
  });
});

describe("the account's trail", () => {
  test("each event says who did it (by id) and what the record is called now", async () => {
    const { manager, report, subject } = await pair();
    const goal = await createGoal(handle.db, report, {
      title: "Speak at the guild",
      whyItMatters: "",
      successMeasure: "",
    });
    await recordGoalProgress(
      handle.db,
      report,
      { goalId: goal.id, version: goal.version, progress: 40, note: "" },
      now,
    );
    const risk = await createRisk(handle.db, manager, subject, {
      kind: "flight",
      description: "Quietly interviewing",
      likelihood: 2,
      impact: 3,
      mitigation: "",
    });
    await closeRisk(handle.db, manager, subject, risk.id, { version: risk.version, note: "Stayed" }, now);

    const { trail } = await getAccount(handle.db, manager, subject, now);
    const byAction = Object.fromEntries(trail.map((e) => [`${e.entity}:${e.action}`, e]));
    expect(byAction["goal:progress"]).toMatchObject({ actorId: report.id, label: "Speak at the guild" });
    expect(byAction["risk:close"]).toMatchObject({ actorId: manager.id, label: "Quietly interviewing" });
  });
});
