import { and, desc, eq, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { goals, meetings, meetingSeries, people, teams } from "../../db/schema";
import type { Subject, Viewer } from "~/auth/policies";
import { listAssessments } from "./assessments.server";
import { accountTrail } from "./audit.server";
import { getChecklistPoints } from "./checklist.server";
import type { Database } from "./db.server";

const HISTORY_MEETINGS = 24;
const TRAIL_EVENTS = 40;

export async function getPersonName(db: Database, personId: string): Promise<string> {
  const [row] = await db.select({ name: people.name }).from(people).where(eq(people.id, personId));
  return row?.name ?? "";
}

/**
 * Everything on a report's account page except risks and commitments (their
 * own services add those). The caller has authorized account:read. A fixed
 * number of queries, run together, whatever the length of the history.
 */
export async function getAccount(db: Database, viewer: Viewer, subject: Subject) {
  const manager = alias(people, "manager");
  const [[person], personGoals, assessments, history, trail, points] = await Promise.all([
    db
      .select({
        id: people.id,
        name: people.name,
        email: people.email,
        team: teams.name,
        managerId: people.managerId,
        managerName: manager.name,
        intervalDays: sql<number | null>`(select s.interval_days from ${meetingSeries} s where s.report_id = ${people.id} and s.manager_id = ${people.managerId} and s.active limit 1)`,
        seriesStartedAt: sql<string | null>`(select s.created_at from ${meetingSeries} s where s.report_id = ${people.id} and s.manager_id = ${people.managerId} and s.active limit 1)`,
      })
      .from(people)
      .leftJoin(teams, eq(teams.id, people.teamId))
      .leftJoin(manager, eq(manager.id, people.managerId))
      .where(eq(people.id, subject.id)),
    db
      .select({
        id: goals.id,
        title: goals.title,
        whyItMatters: goals.whyItMatters,
        successMeasure: goals.successMeasure,
        progress: goals.progress,
        status: goals.status,
        targetDate: goals.targetDate,
        createdAt: goals.createdAt,
        lastProgressAt: goals.lastProgressAt,
      })
      .from(goals)
      .where(eq(goals.ownerId, subject.id))
      .orderBy(sql`${goals.status} <> 'active'`, desc(goals.updatedAt)),
    listAssessments(db, viewer, subject),
    db
      .select({
        id: meetings.id,
        scheduledAt: meetings.scheduledAt,
        heldAt: meetings.heldAt,
        status: meetings.status,
        managerId: meetings.managerId,
        managerName: people.name,
      })
      .from(meetings)
      .innerJoin(people, eq(people.id, meetings.managerId))
      .where(and(eq(meetings.reportId, subject.id)))
      .orderBy(desc(meetings.scheduledAt))
      .limit(HISTORY_MEETINGS),
    accountTrail(db, subject.id, ["goal", "risk", "commitment", "assessment"], TRAIL_EVENTS),
    getChecklistPoints(db),
  ]);
  if (!person) return null;
  return { person, goals: personGoals, assessments, history, trail, points };
}
