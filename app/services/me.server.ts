import { and, asc, desc, eq, gt, inArray, sql } from "drizzle-orm";
import { actionItems, auditEvents, goals, meetings, people } from "#db/schema";
import type { Viewer } from "~/auth/policies";
import type { Database } from "./db.server";
import { LINE_CHANGE_ACTIONS } from "~/domain/org-chart";

/** How long a change of reporting line is shown on the person's home page. */
export const LINE_CHANGE_NOTICE_DAYS = 30;

/**
 * What a person sees of their own account on "Me". Every query is scoped to the viewer. Recent changes
 * of their reporting line come from the audit trail, with who made them.
 */
export async function getMyHome(db: Database, viewer: Viewer, now: Date) {
  // Named explicitly: drizzle renders ${meetings.managerId} bare here, which would bind to people.manager_id.
  const manager = sql<string | null>`(select m.name from ${people} m where m.id = "meetings"."manager_id")`;
  const noticeSince = new Date(now.getTime() - LINE_CHANGE_NOTICE_DAYS * 86_400_000);
  const [myGoals, myActions, nextMeeting, lineChanges] = await Promise.all([
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
      .select({
        id: actionItems.id,
        title: actionItems.title,
        dueOn: actionItems.dueOn,
        carriedCount: actionItems.carriedCount,
      })
      .from(actionItems)
      .where(and(eq(actionItems.ownerId, viewer.id), eq(actionItems.status, "open")))
      .orderBy(sql`${actionItems.dueOn} asc nulls last`),
    db
      .select({ id: meetings.id, scheduledAt: meetings.scheduledAt, managerName: manager })
      .from(meetings)
      .where(and(eq(meetings.reportId, viewer.id), eq(meetings.status, "planned"), gt(meetings.scheduledAt, now)))
      .orderBy(asc(meetings.scheduledAt))
      .limit(1),
    db
      .select({
        id: auditEvents.id,
        at: auditEvents.createdAt,
        action: auditEvents.action,
        changes: auditEvents.changes,
        byName: people.name,
      })
      .from(auditEvents)
      .leftJoin(people, eq(people.id, auditEvents.actorId))
      .where(
        and(
          eq(auditEvents.subjectId, viewer.id),
          eq(auditEvents.entity, "person"),
          inArray(auditEvents.action, [...LINE_CHANGE_ACTIONS]),
          gt(auditEvents.createdAt, noticeSince),
        ),
      )
      .orderBy(desc(auditEvents.createdAt))
      .limit(3),
  ]);
  return {
    goals: myGoals,
    actionItems: myActions,
    nextMeeting: nextMeeting[0] ?? null,
    lineChanges: lineChanges.map((c) => {
      const [fromName, toName] = (c.changes.manager ?? [null, null]) as [string | null, string | null];
      return {
        id: c.id,
        at: c.at,
        fromName,
        toName,
        byName: c.byName,
        byThemselves: c.action === "self-appointed-manager",
      };
    }),
  };
}
