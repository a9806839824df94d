import { and, eq, inArray, or, sql } from "drizzle-orm";
import { rowsOf } from "#db/client";
import { commitments, goals, people } from "#db/schema";
import type { Viewer } from "~/auth/policies";
import type { ReportFacts } from "~/domain/health";
import { isoDate } from "~/domain/dates";
import type { Database } from "./db.server";
import { lineStartedAtSql, writtenSinceSql } from "./subjects.server";
import { commitmentTimeline } from "./commitments.server";

/**
 * The raw facts behind "My people", for every direct report of the viewer,
 * in three queries whatever the number of reports: one row per report with
 * its aggregates, then all their active goals, then all their open
 * commitments. The health rules themselves are pure (app/domain/health.ts).
 * Risks and the manager's ratings count only as the viewer may read them: those
 * written since they became the report's manager, or by them.
 * Dates go into raw SQL as ISO strings: the postgres driver only converts a
 * Date when it knows the column.
 */
export async function getMyPeopleFacts(db: Database, viewer: Viewer, now: Date) {
  const today = isoDate(now);
  const directReports = db
    .select({ id: people.id })
    .from(people)
    .where(and(eq(people.managerId, viewer.id), eq(people.active, true)));

  const nowIso = now.toISOString();
  const [reports, activeGoals, openCommitments] = await Promise.all([
    // One row per report; each LATERAL reads its table once per report through its index.
    db
      .execute(
        sql`
        select p.id, p.name, t.name as team,
               s.interval_days as "intervalDays", s.created_at as "seriesStartedAt",
               mt.last_held_at as "lastHeldAt", nx.id as "nextMeetingId", nx.scheduled_at as "nextMeetingAt",
               ai.open_actions as "openActions", ai.overdue_actions as "overdueActions",
               rk.open_risks as "openRisks", rk.highest_risk as "highestRisk",
               ch.health as "checklistHealth"
        from people p
        left join teams t on t.id = p.team_id
        left join meeting_series s on s.report_id = p.id and s.manager_id = ${viewer.id} and s.active
        left join lateral (
          select max(m.held_at) as last_held_at from meetings m
          where m.report_id = p.id and m.manager_id = ${viewer.id} and m.status = 'held') mt on true
        left join lateral (
          select m.id, m.scheduled_at from meetings m
          where m.report_id = p.id and m.manager_id = ${viewer.id} and m.status = 'planned' and m.scheduled_at > ${nowIso}::timestamptz
          order by m.scheduled_at limit 1) nx on true
        left join lateral (
          select count(*)::int as open_actions, (count(*) filter (where a.due_on < ${today}::date))::int as overdue_actions
          from action_items a where a.report_id = p.id and a.status = 'open') ai on true
        left join lateral (select ${lineStartedAtSql(sql`p.id`, viewer.id)} as since) line on true
        left join lateral (
          select count(*)::int as open_risks, max(r.likelihood * r.impact) as highest_risk
          from risks r where r.subject_id = p.id and r.status = 'open'
            and ${writtenSinceSql(viewer.id, sql`r.author_id`, sql`r.created_at`, sql`line.since`)}) rk on true
        left join lateral (
          select round(avg(latest.rating), 1)::text as health from (
            select distinct on (ca.point_key, ca.perspective) ca.rating
            from checklist_assessments ca where ca.subject_id = p.id
              and (ca.perspective = 'self' or ${writtenSinceSql(viewer.id, sql`ca.assessor_id`, sql`ca.created_at`, sql`line.since`)})
            order by ca.point_key, ca.perspective, ca.created_at desc) latest) ch on true
        where p.manager_id = ${viewer.id} and p.active
        order by p.name`,
      )
      .then((result) => rowsOf<ReportFacts>(result)),
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
        ...commitmentTimeline,
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
