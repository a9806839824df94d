import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { and, eq } from "drizzle-orm";
import type { DatabaseHandle } from "#db/client";
import { auditEvents, goals } from "#db/schema";
import { createPerson } from "#tests/setup/db-builders";
import { createTestDatabase } from "#tests/setup/test-database";
import { RecordNotFound, StaleRecordError } from "./errors.server";
import { lockVersioned, saveVersioned, versioned } from "./versioned-write.server";

let handle: DatabaseHandle;
let ownerId: string;
let otherId: string;
const GOAL = versioned(goals, "goal");
const now = new Date("2026-03-04T05:06:07.000Z");

beforeAll(async () => {
  handle = await createTestDatabase();
  ownerId = (await createPerson(handle.db, { name: "Olly Owner" })).id;
  otherId = (await createPerson(handle.db, { name: "Ola Other" })).id;
});
afterAll(() => handle.close());

async function newGoal() {
  const [goal] = await handle.db
    .insert(goals)
    .values({ ownerId, title: "Ship", whyItMatters: "", successMeasure: "" })
    .returning();
  return goal!;
}

const events = (goalId: string) =>
  handle.db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.entity, "goal"), eq(auditEvents.entityId, goalId)));

const rename = (goalId: string, expectedVersion: number | null, title: string) =>
  handle.db.transaction(async (tx) => {
    const before = await lockVersioned(tx, GOAL, { id: goalId, expectedVersion });
    return saveVersioned(tx, GOAL, before, {
      set: { title },
      now,
      audit: {
        actorId: ownerId,
        subjectId: ownerId,
        action: "update",
        diff: ["title", "progress"],
        changes: { note: [null, "why"] },
      },
    });
  });

describe("a versioned save", () => {
  test("moves the version on, stamps the caller's now, and audits the changed fields with the extra changes", async () => {
    const goal = await newGoal();
    const after = await rename(goal.id, 1, "Ship it");
    expect(after).toMatchObject({ title: "Ship it", version: 2, updatedAt: now });
    expect(await events(goal.id)).toMatchObject([
      {
        actorId: ownerId,
        subjectId: ownerId,
        action: "update",
        changes: { title: ["Ship", "Ship it"], note: [null, "why"] },
      },
    ]);
  });

  test("from a stale version is refused with the latest change, and writes nothing", async () => {
    const goal = await newGoal();
    await rename(goal.id, 1, "First");
    const stale = rename(goal.id, 1, "Second");
    await expect(stale).rejects.toBeInstanceOf(StaleRecordError);
    const error = (await stale.catch((e: unknown) => e)) as StaleRecordError;
    expect(error.currentVersion).toBe(2);
    expect(error.lastChange).toMatchObject({
      actorName: "Olly Owner",
      action: "update",
      changes: { title: ["Ship", "First"] },
    });
    const [stored] = await handle.db.select().from(goals).where(eq(goals.id, goal.id));
    expect(stored).toMatchObject({ title: "First", version: 2 });
    expect(await events(goal.id)).toHaveLength(1);
  });

  test("without an expected version saves whatever version is stored", async () => {
    const goal = await newGoal();
    await rename(goal.id, 1, "First");
    expect(await rename(goal.id, null, "Second")).toMatchObject({ title: "Second", version: 3 });
  });

  test("finds nothing outside its scope, or for an id that is not one", async () => {
    const goal = await newGoal();
    const lock = (id: string, owner: string) =>
      handle.db.transaction((tx) =>
        lockVersioned(tx, GOAL, { id, scope: eq(goals.ownerId, owner), expectedVersion: 1 }),
      );
    await expect(lock(goal.id, otherId)).rejects.toBeInstanceOf(RecordNotFound);
    await expect(lock("' or 1=1 --", ownerId)).rejects.toBeInstanceOf(RecordNotFound);
    expect(await lock(goal.id, ownerId)).toMatchObject({ id: goal.id, version: 1 });
  });

  test("and its audit event stand or fall with the caller's transaction", async () => {
    const goal = await newGoal();
    const failing = handle.db.transaction(async (tx) => {
      const before = await lockVersioned(tx, GOAL, { id: goal.id, expectedVersion: 1 });
      await saveVersioned(tx, GOAL, before, {
        set: { title: "Lost" },
        now,
        audit: { actorId: ownerId, subjectId: ownerId, action: "update", diff: ["title"] },
      });
      throw new Error("a later rule said no");
    });
    await expect(failing).rejects.toThrow("a later rule said no");
    const [stored] = await handle.db.select().from(goals).where(eq(goals.id, goal.id));
    expect(stored).toMatchObject({ title: "Ship", version: 1 });
    expect(await events(goal.id)).toEqual([]);
  });
});
