import { and, asc, eq, inArray, or, sql } from "drizzle-orm";
import { commitments, goals, people, teams } from "../../db/schema";
import type { Viewer } from "~/auth/policies";
import { isoDate } from "~/domain/dates";
import type { Database } from "./db.server";

/**
 * The raw facts behind "My people", for every direct report of the viewer,
 * in three queries whatever the number of reports: one row per report with
 * correlated aggregates, then all their active goals, then all their open
 * commitments. The health rules themselves are pure (app/domain/health.ts).
 *
 * Correlated subqueries name the outer row as people.id, never ${people.id},
 * which drizzle may render unqualified and so bind to the subquery's table.
 */
export async function getMyPeopleFacts(db: Database, viewer: Viewer, now = new Date()) {
  const today = isoDate(now);
  const directReports = db
    .select({ id: people.id })
    .from(people)
    .where(and(eq(people.managerId, viewer.id), eq(people.active, true)));

  const [reports, activeGoals, openCommitments] = await Promise.all([
    db
      .select({
        id: people.id,
        name: people.name,
        team: teams.name,
        intervalDays: sql<number | null>`(select s.interval_days from meeting_series s where s.report_id = people.id and s.manager_id = ${viewer.id} and s.active limit 1)`,
        seriesStartedAt: sql<string | null>`(select s.created_at from meeting_series s where s.report_id = people.id and s.manager_id = ${viewer.id} and s.active limit 1)`,
        lastHeldAt: sql<string | null>`(select max(m.held_at) from meetings m where m.report_id = people.id and m.manager_id = ${viewer.id} and m.status = 'held')`,
        nextMeetingId: sql<string | null>`(select m.id from meetings m where m.report_id = people.id and m.manager_id = ${viewer.id} and m.status = 'planned' and m.scheduled_at > ${now.toISOString()}::timestamptz order by m.scheduled_at limit 1)`,
        nextMeetingAt: sql<string | null>`(select min(m.scheduled_at) from meetings m where m.report_id = people.id and m.manager_id = ${viewer.id} and m.status = 'planned' and m.scheduled_at > ${now.toISOString()}::timestamptz)`,
        openActions: sql<number>`(select count(*) from action_items a where a.report_id = people.id and a.status = 'open')`.mapWith(Number),
        overdueActions: sql<number>`(select count(*) from action_items a where a.report_id = people.id and a.status = 'open' and a.due_on < ${today})`.mapWith(Number),
        openRisks: sql<number>`(select count(*) from risks r where r.subject_id = people.id and r.status = 'open')`.mapWith(Number),
        highestRisk: sql<number | null>`(select max(r.likelihood * r.impact) from risks r where r.subject_id = people.id and r.status = 'open')`,
        checklistHealth: sql<string | null>`(
          select round(avg(latest.rating), 1) from (
            select distinct on (ca.point_key, ca.perspective) ca.rating
            from checklist_assessments ca
            where ca.subject_id = people.id
            order by ca.point_key, ca.perspective, ca.created_at desc
          ) latest)`,
      })
      .from(people)
      .leftJoin(teams, eq(teams.id, people.teamId))
      .where(and(eq(people.managerId, viewer.id), eq(people.active, true)))
      .orderBy(asc(people.name)),
    db
      .select({
        ownerId: goals.ownerId,
        status: goals.status,
        progress: goals.progress,
        targetDate: goals.targetDate,
        createdAt: goals.createdAt,
        lastProgressAt: goals.lastProgressAt,
      })
      .from(goals)
      .where(and(inArray(goals.ownerId, directReports), eq(goals.status, "active"))),
    db
      .select({
        personId: commitments.personId,
        state: commitments.state,
        checkInEveryDays: commitments.checkInEveryDays,
        createdAt: commitments.createdAt,
        committedAt: commitments.committedAt,
        lastCheckInAt: commitments.lastCheckInAt,
        finishedAt: commitments.finishedAt,
        remorseCheckDueOn: commitments.remorseCheckDueOn,
        remorseAnsweredAt: commitments.remorseAnsweredAt,
      })
      .from(commitments)
      .where(
        and(
          inArray(commitments.personId, directReports),
          or(
            inArray(commitments.state, ["proposed", "committed", "in_progress"]),
            and(eq(commitments.state, "done"), sql`${commitments.remorseAnsweredAt} is null`),
          ),
        ),
      ),
  ]);
  return { reports, activeGoals, openCommitments };
}
