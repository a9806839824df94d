import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { and, count, eq } from "drizzle-orm";
import type { DatabaseHandle } from "#db/client";
import { auditEvents, goals, goalUpdates } from "#db/schema";
import type { Viewer } from "~/auth/policies";
import { createPerson } from "#tests/setup/db-builders";
import { createTestDatabase } from "#tests/setup/test-database";
import { RecordNotFound, StaleRecordError } from "./errors.server";
import {
  createGoal,
  getOwnGoal,
  listOwnGoalUpdates,
  recordGoalProgress,
  setGoalStatus,
  updateGoal,
} from "./goals.server";

let handle: DatabaseHandle;
let owner: Viewer;
let manager: Viewer;

const asViewer = (p: { id: string; name: string; email: string }, roles: Viewer["roles"] = []): Viewer => ({
  ...p,
  roles,
});

beforeAll(async () => {
  handle = await createTestDatabase();
  const m = await createPerson(handle.db, { name: "Mia Manager" });
  const o = await createPerson(handle.db, { name: "Olly Owner", managerId: m.id });
  owner = asViewer(o);
  manager = asViewer(m, ["manager"]);
});
afterAll(() => handle.close());

const newGoal = () =>
  createGoal(handle.db, owner, {
    title: "Ship the importer",
    whyItMatters: "I want to own a launch",
    successMeasure: "Used by 3 teams",
    targetDate: "2026-12-01",
  });

describe("goals belong to their owner", () => {
  test("an id that is not a uuid names no goal: not found, never a database cast error", async () => {
    for (const goalId of ["", "not-a-uuid", "00000000-0000-4000-8000-000000000000x", "' or 1=1 --"]) {
      expect(await getOwnGoal(handle.db, owner, goalId)).toBeNull();
      expect(await listOwnGoalUpdates(handle.db, owner, goalId)).toEqual([]);
      const input = { title: "Renamed", whyItMatters: "", successMeasure: "", version: 1 };
      await expect(updateGoal(handle.db, owner, goalId, input, new Date())).rejects.toBeInstanceOf(RecordNotFound);
      await expect(
        recordGoalProgress(handle.db, owner, { goalId, version: 1, progress: 50, note: "" }, new Date()),
      ).rejects.toBeInstanceOf(RecordNotFound);
      await expect(
        setGoalStatus(handle.db, owner, { goalId, version: 1, status: "dropped" }, new Date()),
      ).rejects.toBeInstanceOf(RecordNotFound);
    }
  });

  test("creating writes the goal and its audit row", async () => {
    const goal = await newGoal();
    expect(goal).toMatchObject({ ownerId: owner.id, version: 1, progress: 0, status: "active" });
    const [audit] = await handle.db.select().from(auditEvents).where(eq(auditEvents.entityId, goal.id));
    expect(audit).toMatchObject({ actorId: owner.id, subjectId: owner.id, entity: "goal", action: "create" });
    expect(audit!.changes).toMatchObject({ title: [null, "Ship the importer"] });
  });

  test("the manager cannot edit, progress or close the report's goal, even by id", async () => {
    const goal = await newGoal();
    const input = { title: "Manager's wording", whyItMatters: "", successMeasure: "", version: 1 };
    await expect(updateGoal(handle.db, manager, goal.id, input, new Date())).rejects.toBeInstanceOf(RecordNotFound);
    await expect(
      recordGoalProgress(handle.db, manager, { goalId: goal.id, version: 1, progress: 90, note: "" }, new Date()),
    ).rejects.toBeInstanceOf(RecordNotFound);
    await expect(
      setGoalStatus(handle.db, manager, { goalId: goal.id, version: 1, status: "dropped" }, new Date()),
    ).rejects.toBeInstanceOf(RecordNotFound);
    const [stored] = await handle.db.select().from(goals).where(eq(goals.id, goal.id));
    expect(stored).toMatchObject({ title: "Ship the importer", progress: 0, status: "active", version: 1 });
  });

  test("progress writes a note, moves the goal and keeps the history", async () => {
    const goal = await newGoal();
    const after = await recordGoalProgress(
      handle.db,
      owner,
      { goalId: goal.id, version: 1, progress: 40, note: "Parser done" },
      new Date(),
    );
    expect(after).toMatchObject({ progress: 40, version: 2 });
    const updates = await handle.db.select().from(goalUpdates).where(eq(goalUpdates.goalId, goal.id));
    expect(updates).toEqual([expect.objectContaining({ progress: 40, note: "Parser done", authorId: owner.id })]);
    const [audit] = await handle.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.entityId, goal.id), eq(auditEvents.action, "progress")));
    expect(audit!.changes).toMatchObject({ progress: [0, 40] });
  });

  test("achieving sets progress to 100", async () => {
    const goal = await newGoal();
    expect(
      await setGoalStatus(handle.db, owner, { goalId: goal.id, version: 1, status: "achieved" }, new Date()),
    ).toMatchObject({ status: "achieved", progress: 100 });
  });
});

describe("lost updates are refused", () => {
  test("a save from a stale form is refused with who changed what, and nothing is written", async () => {
    const goal = await newGoal();
    // Two tabs open version 1; the first saves.
    await updateGoal(
      handle.db,
      owner,
      goal.id,
      { title: "Ship the CSV importer", whyItMatters: "", successMeasure: "", version: 1 },
      new Date(),
    );
    const countBefore = await handle.db
      .select({ n: count() })
      .from(auditEvents)
      .where(eq(auditEvents.entityId, goal.id));
    const stale = updateGoal(
      handle.db,
      owner,
      goal.id,
      { title: "Ship it", whyItMatters: "", successMeasure: "", version: 1 },
      new Date(),
    );
    await expect(stale).rejects.toBeInstanceOf(StaleRecordError);
    const error = (await stale.catch((e: unknown) => e)) as StaleRecordError;
    expect(error.currentVersion).toBe(2);
    expect(error.lastChange).toMatchObject({ actorName: "Olly Owner", action: "update" });
    expect(error.lastChange!.changes.title).toEqual(["Ship the importer", "Ship the CSV importer"]);

    const [stored] = await handle.db.select().from(goals).where(eq(goals.id, goal.id));
    expect(stored).toMatchObject({ title: "Ship the CSV importer", version: 2 });
    const countAfter = await handle.db
      .select({ n: count() })
      .from(auditEvents)
      .where(eq(auditEvents.entityId, goal.id));
    expect(countAfter).toEqual(countBefore);
  });

  test("two saves racing from the same version: exactly one wins", async () => {
    const goal = await newGoal();
    const results = await Promise.allSettled(
      [10, 20, 30].map((progress) =>
        recordGoalProgress(handle.db, owner, { goalId: goal.id, version: 1, progress, note: "" }, new Date()),
      ),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(results.filter((r) => r.status === "rejected" && r.reason instanceof StaleRecordError)).toHaveLength(2);
    const updates = await handle.db.select().from(goalUpdates).where(eq(goalUpdates.goalId, goal.id));
    expect(updates).toHaveLength(1);
  });
});
