import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { DatabaseHandle } from "#db/client";
import { actionItems, goals, meetings, meetingSeries, risks } from "#db/schema";
import type { Viewer } from "~/auth/policies";
import { reportHealth } from "~/domain/health";
import { changeManager, createPerson } from "#tests/setup/db-builders";
import { createTestDatabase } from "#tests/setup/test-database";
import { getMyPeopleFacts } from "./my-people.server";

let handle: DatabaseHandle;
const now = new Date("2026-06-15T12:00:00Z");

async function managerWith(reportCount: number): Promise<{ viewer: Viewer; reportIds: string[] }> {
  const db = handle.db;
  const m = await createPerson(db, { roles: ["manager"] });
  const reportIds: string[] = [];
  for (let i = 0; i < reportCount; i++) {
    const r = await createPerson(db, { managerId: m.id, name: `Report ${i}` });
    reportIds.push(r.id);
    await db
      .insert(meetingSeries)
      .values({ managerId: m.id, reportId: r.id, intervalDays: 14, createdAt: new Date("2026-01-01") });
    await db.insert(meetings).values({
      managerId: m.id,
      reportId: r.id,
      scheduledAt: new Date("2026-06-01T10:00:00Z"),
      status: "held",
      heldAt: new Date("2026-06-01T10:30:00Z"),
    });
    await db
      .insert(goals)
      .values({ ownerId: r.id, title: `Goal ${i}`, targetDate: "2026-06-20", createdAt: new Date("2026-01-01") });
    await db.insert(actionItems).values({
      reportId: r.id,
      managerId: m.id,
      ownerId: r.id,
      createdBy: m.id,
      title: "Send the draft",
      dueOn: "2026-06-01",
    });
    await db.insert(risks).values({
      subjectId: r.id,
      authorId: m.id,
      kind: "overload",
      description: "Two projects at once",
      likelihood: 2,
      impact: 3,
    });
  }
  return { viewer: { id: m.id, name: m.name, email: m.email, roles: ["manager"] }, reportIds };
}

beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(() => handle.close());

describe("My people facts", () => {
  test("the number of queries does not grow with the number of reports", async () => {
    const small = await managerWith(2);
    const large = await managerWith(12);
    let before = handle.queryCount();
    const a = await getMyPeopleFacts(handle.db, small.viewer, now);
    const smallQueries = handle.queryCount() - before;
    before = handle.queryCount();
    const b = await getMyPeopleFacts(handle.db, large.viewer, now);
    const largeQueries = handle.queryCount() - before;
    expect(a.reports).toHaveLength(2);
    expect(b.reports).toHaveLength(12);
    expect(largeQueries).toBe(smallQueries);
    expect(largeQueries).toBeLessThanOrEqual(3);
  });

  test("each row carries the facts of that report only, and only the viewer's direct reports appear", async () => {
    const { viewer, reportIds } = await managerWith(3);
    const facts = await getMyPeopleFacts(handle.db, viewer, now);
    expect(facts.reports.map((r) => r.id).sort()).toEqual([...reportIds].sort());
    for (const r of facts.reports) {
      expect(r).toMatchObject({ openActions: 1, overdueActions: 1, openRisks: 1, highestRisk: 6, intervalDays: 14 });
      expect(new Date(r.lastHeldAt!).toISOString()).toBe("2026-06-01T10:30:00.000Z");
    }
    expect(facts.activeGoals).toHaveLength(3);
    expect(new Set(facts.activeGoals.map((g) => g.ownerId))).toEqual(new Set(reportIds));
  });

  test("a pair that never met has no last 1:1, even when the report met their former manager", async () => {
    const db = handle.db;
    const former = await createPerson(db, { roles: ["manager"] });
    const m = await createPerson(db, { roles: ["manager"] });
    const r = await createPerson(db, { managerId: former.id, name: "New Report" });
    await db.insert(meetings).values({
      managerId: former.id,
      reportId: r.id,
      scheduledAt: new Date("2026-05-01T10:00:00Z"),
      status: "held",
      heldAt: new Date("2026-05-01T10:30:00Z"),
    });
    await changeManager(db, r.id, m.id);
    await db
      .insert(meetingSeries)
      .values({ managerId: m.id, reportId: r.id, intervalDays: 7, createdAt: new Date("2026-05-21T12:00:00Z") });
    // Planned but not held: still never met.
    await db
      .insert(meetings)
      .values({ managerId: m.id, reportId: r.id, scheduledAt: new Date("2026-05-28T10:00:00Z"), status: "planned" });

    const viewer: Viewer = { id: m.id, name: m.name, email: m.email, roles: ["manager"] };
    const facts = await getMyPeopleFacts(db, viewer, now);
    expect(facts.reports).toHaveLength(1);
    expect(facts.reports[0]!.lastHeldAt).toBeNull();
    const row = reportHealth(facts.reports[0]!, [], [], now);
    expect(row.cadence).toMatchObject({ neverMet: true, daysSince: 25, intervalDays: 7 });
  });
});
