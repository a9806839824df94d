import { and, desc, eq } from "drizzle-orm";
import { goals, goalUpdates } from "#db/schema";
import { allows } from "~/auth/authorize.server";
import type { Viewer } from "~/auth/policies";
import type { GoalStatus } from "~/domain/enums";
import { diffFields, recordAudit } from "./audit.server";
import type { Database } from "./db.server";
import { RecordNotFound } from "./errors.server";
import { isRecordId } from "~/utils/ids";
import { lockVersioned, saveVersioned, versioned } from "./versioned-write.server";

/**
 * Goals are the report's own (goal:write): every query here is scoped to the
 * viewer as owner, and the goal found is put to the policy as well, so a
 * manager (or anyone else) cannot change one even by id.
 */

const EDITABLE = ["title", "whyItMatters", "successMeasure", "targetDate"] as const;
const AUDITED = [...EDITABLE, "progress", "status"] as const;
const GOAL = versioned(goals, "goal");

export interface GoalInput {
  title: string;
  whyItMatters: string;
  successMeasure: string;
  targetDate?: string;
}

/** A goal as the policy sees it: whose it is. */
const ownedBy = (goal: { ownerId: string }) => ({ subject: { id: goal.ownerId } });

export async function getOwnGoal(db: Database, viewer: Viewer, goalId: string) {
  if (!isRecordId(goalId)) return null;
  const [goal] = await db
    .select()
    .from(goals)
    .where(and(eq(goals.id, goalId), eq(goals.ownerId, viewer.id)));
  return goal && allows(viewer, "goal:write", ownedBy(goal)) ? goal : null;
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
      changes: diffFields(null, goal!, AUDITED),
    });
    return goal!;
  });
}

/** Locks the viewer's own goal for this transaction, or says it is not theirs. */
async function lockOwnGoal(tx: Database, viewer: Viewer, goalId: string, expectedVersion: number) {
  const goal = await lockVersioned(tx, GOAL, { id: goalId, scope: eq(goals.ownerId, viewer.id), expectedVersion });
  if (!allows(viewer, "goal:write", ownedBy(goal))) throw new RecordNotFound();
  return goal;
}

function saveGoal(
  tx: Database,
  viewer: Viewer,
  before: typeof goals.$inferSelect,
  set: Partial<typeof goals.$inferInsert>,
  action: string,
  now: Date,
) {
  return saveVersioned(tx, GOAL, before, {
    set: { ...set, updatedBy: viewer.id },
    now,
    audit: { actorId: viewer.id, subjectId: before.ownerId, action, diff: AUDITED },
  });
}

export async function updateGoal(
  db: Database,
  viewer: Viewer,
  goalId: string,
  input: GoalInput & { version: number },
  now: Date,
) {
  return db.transaction(async (tx) => {
    const before = await lockOwnGoal(tx, viewer, goalId, input.version);
    const { version: _version, ...fields } = input;
    return saveGoal(tx, viewer, before, { ...fields, targetDate: fields.targetDate ?? null }, "update", now);
  });
}

export async function recordGoalProgress(
  db: Database,
  viewer: Viewer,
  input: { goalId: string; version: number; progress: number; note: string },
  now: Date,
) {
  return db.transaction(async (tx) => {
    const before = await lockOwnGoal(tx, viewer, input.goalId, input.version);
    await tx
      .insert(goalUpdates)
      .values({ goalId: before.id, authorId: viewer.id, progress: input.progress, note: input.note });
    return saveGoal(tx, viewer, before, { progress: input.progress, lastProgressAt: now }, "progress", now);
  });
}

export async function setGoalStatus(
  db: Database,
  viewer: Viewer,
  input: { goalId: string; version: number; status: GoalStatus },
  now: Date,
) {
  return db.transaction(async (tx) => {
    const before = await lockOwnGoal(tx, viewer, input.goalId, input.version);
    const progress = input.status === "achieved" ? 100 : before.progress;
    return saveGoal(
      tx,
      viewer,
      before,
      { status: input.status, progress },
      input.status === "active" ? "reopen" : input.status,
      now,
    );
  });
}

/** Recent progress notes on one goal, for its page. Scoped: the goal must be the viewer's. */
export async function listOwnGoalUpdates(db: Database, viewer: Viewer, goalId: string) {
  if (!isRecordId(goalId)) return [];
  return db
    .select({
      id: goalUpdates.id,
      progress: goalUpdates.progress,
      note: goalUpdates.note,
      createdAt: goalUpdates.createdAt,
    })
    .from(goalUpdates)
    .innerJoin(goals, eq(goals.id, goalUpdates.goalId))
    .where(and(eq(goalUpdates.goalId, goalId), eq(goals.ownerId, viewer.id)))
    .orderBy(desc(goalUpdates.createdAt))
    .limit(20);
}
