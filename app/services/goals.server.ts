import { and, desc, eq, sql } from "drizzle-orm";
import { goals, goalUpdates } from "#db/schema";
import type { Viewer } from "~/auth/policies";
import type { GoalStatus } from "~/domain/enums";
import { assertCurrentVersion, diffFields, recordAudit } from "./audit.server";
import type { Database } from "./db.server";
import { RecordNotFound } from "./errors.server";
import { isRecordId } from "~/utils/ids";

/**
 * Goals are the report's own: every write here is scoped to the viewer as
 * owner, so a manager (or anyone else) cannot change one even by id.
 */

const EDITABLE = ["title", "whyItMatters", "successMeasure", "targetDate"] as const;

export interface GoalInput {
  title: string;
  whyItMatters: string;
  successMeasure: string;
  targetDate?: string;
}

export async function getOwnGoal(db: Database, viewer: Viewer, goalId: string) {
  if (!isRecordId(goalId)) return null;
  const [goal] = await db
    .select()
    .from(goals)
    .where(and(eq(goals.id, goalId), eq(goals.ownerId, viewer.id)));
  return goal ?? null;
}

export async function createGoal(db: Database, viewer: Viewer, input: GoalInput) {
  return db.transaction(async (tx) => {
    const [goal] = await tx
      .insert(goals)
      .values({ ...input, targetDate: input.targetDate ?? null, ownerId: viewer.id, updatedBy: viewer.id })
      .returning();
    await recordAudit(tx, {
      actorId: viewer.id,
      subjectId: viewer.id,
      entity: "goal",
      entityId: goal!.id,
      action: "create",
      changes: diffFields(null, goal!, [...EDITABLE, "progress", "status"]),
    });
    return goal!;
  });
}

/** Locks the viewer's own goal for this transaction, or says it is not theirs. */
async function lockOwnGoal(tx: Database, viewer: Viewer, goalId: string, expectedVersion: number) {
  if (!isRecordId(goalId)) throw new RecordNotFound();
  const [goal] = await tx
    .select()
    .from(goals)
    .where(and(eq(goals.id, goalId), eq(goals.ownerId, viewer.id)))
    .for("update");
  if (!goal) throw new RecordNotFound();
  await assertCurrentVersion(tx, "goal", goal, expectedVersion);
  return goal;
}

async function saveGoal(
  tx: Database,
  viewer: Viewer,
  before: typeof goals.$inferSelect,
  set: Partial<typeof goals.$inferInsert>,
  action: string,
) {
  const [after] = await tx
    .update(goals)
    .set({ ...set, version: sql`${goals.version} + 1`, updatedAt: new Date(), updatedBy: viewer.id })
    .where(and(eq(goals.id, before.id), eq(goals.version, before.version)))
    .returning();
  await recordAudit(tx, {
    actorId: viewer.id,
    subjectId: before.ownerId,
    entity: "goal",
    entityId: before.id,
    action,
    changes: diffFields(before, after!, [...EDITABLE, "progress", "status"]),
  });
  return after!;
}

export async function updateGoal(db: Database, viewer: Viewer, goalId: string, input: GoalInput & { version: number }) {
  return db.transaction(async (tx) => {
    const before = await lockOwnGoal(tx, viewer, goalId, input.version);
    const { version: _version, ...fields } = input;
    return saveGoal(tx, viewer, before, { ...fields, targetDate: fields.targetDate ?? null }, "update");
  });
}

export async function recordGoalProgress(
  db: Database,
  viewer: Viewer,
  input: { goalId: string; version: number; progress: number; note: string },
) {
  return db.transaction(async (tx) => {
    const before = await lockOwnGoal(tx, viewer, input.goalId, input.version);
    const now = new Date();
    await tx.insert(goalUpdates).values({ goalId: before.id, authorId: viewer.id, progress: input.progress, note: input.note });
    return saveGoal(tx, viewer, before, { progress: input.progress, lastProgressAt: now }, "progress");
  });
}

export async function setGoalStatus(
  db: Database,
  viewer: Viewer,
  input: { goalId: string; version: number; status: GoalStatus },
) {
  return db.transaction(async (tx) => {
    const before = await lockOwnGoal(tx, viewer, input.goalId, input.version);
    const progress = input.status === "achieved" ? 100 : before.progress;
    return saveGoal(tx, viewer, before, { status: input.status, progress }, input.status === "active" ? "reopen" : input.status);
  });
}

/** Recent progress notes on one goal, for its page. Scoped: the goal must be the viewer's. */
export async function listOwnGoalUpdates(db: Database, viewer: Viewer, goalId: string) {
  if (!isRecordId(goalId)) return [];
  return db
    .select({ id: goalUpdates.id, progress: goalUpdates.progress, note: goalUpdates.note, createdAt: goalUpdates.createdAt })
    .from(goalUpdates)
    .innerJoin(goals, eq(goals.id, goalUpdates.goalId))
    .where(and(eq(goalUpdates.goalId, goalId), eq(goals.ownerId, viewer.id)))
    .orderBy(desc(goalUpdates.createdAt))
    .limit(20);
}
