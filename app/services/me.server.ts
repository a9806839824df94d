import { and, asc, desc, eq, gt, sql } from "drizzle-orm";
import { actionItems, goals, meetings, people } from "#db/schema";
import type { Viewer } from "~/auth/policies";
import type { Database } from "./db.server";

/** What a person sees of their own account on "Me". Every query is scoped to the viewer. */
export async function getMyHome(db: Database, viewer: Viewer, now: Date) {
  // Named explicitly: drizzle renders ${meetings.managerId} bare here, which would bind to people.manager_id.
  const manager = sql<string | null>`(select m.name from ${people} m where m.id = "meetings"."manager_id")`;
  const [myGoals, myActions, nextMeeting] = await Promise.all([
    db
      .select({
        id: goals.id,
        title: goals.title,
        whyItMatters: goals.whyItMatters,
        progress: goals.progress,
        status: goals.status,
        targetDate: goals.targetDate,
        version: goals.version,
        createdAt: goals.createdAt,
        lastProgressAt: goals.lastProgressAt,
      })
      .from(goals)
      .where(eq(goals.ownerId, viewer.id))
      .orderBy(sql`${goals.status} <> 'active'`, sql`${goals.targetDate} asc nulls last`, desc(goals.updatedAt)),
    db
      .select({ id: actionItems.id, title: actionItems.title, dueOn: actionItems.dueOn, carriedCount: actionItems.carriedCount })
      .from(actionItems)
      .where(and(eq(actionItems.ownerId, viewer.id), eq(actionItems.status, "open")))
      .orderBy(sql`${actionItems.dueOn} asc nulls last`),
    db
      .select({ id: meetings.id, scheduledAt: meetings.scheduledAt, managerName: manager })
      .from(meetings)
      .where(and(eq(meetings.reportId, viewer.id), eq(meetings.status, "planned"), gt(meetings.scheduledAt, now)))
      .orderBy(asc(meetings.scheduledAt))
      .limit(1),
  ]);
  return { goals: myGoals, actionItems: myActions, nextMeeting: nextMeeting[0] ?? null };
}
