import { sql } from "drizzle-orm";
import { rowsOf } from "#db/client";
import type { Viewer } from "~/auth/policies";
import type { Month, TrendRows } from "~/domain/trends";
import type { Database } from "~/services/db.server";
import { analytical, iso, readablePeople, toTrendRows, uuidArray } from "./sql.server";

/**
 * A manager's own line, direct and indirect, as one group, read live: who was
 * in the line when they answered comes from the reporting-line history, which
 * no per-team roll-up holds, and a line is small enough to read through the
 * per-person indexes.
 */

/** The line's cells per month: one group, so no moves; everyone counts while they were in the line. */
export async function loadLineRows(
  db: Database,
  viewer: Viewer,
  start: Month,
  end: Month,
  skipLevelRead: boolean,
): Promise<TrendRows> {
  const startAt = iso(start);
  const endAt = iso(end);
  const known = uuidArray(await readablePeople(db, viewer.id, skipLevelRead));
  // A row counts when its moment falls in one of the person's periods in the line (distinct: periods never double a row).
  const raw = await analytical(
    db,
    sql`
    with recursive
    -- Who was in the viewer's line, and when: reporting lines intersected down the chain.
    line(person_id, since, until, depth) as (
      select rl.person_id, rl.started_at, coalesce(rl.ended_at, 'infinity'::timestamptz), 1
      from reporting_lines rl where rl.manager_id = ${viewer.id}::uuid
      union all
      select rl.person_id, greatest(rl.started_at, l.since), least(coalesce(rl.ended_at, 'infinity'::timestamptz), l.until), l.depth + 1
      from reporting_lines rl join line l on rl.manager_id = l.person_id
      where rl.started_at < l.until and coalesce(rl.ended_at, 'infinity'::timestamptz) > l.since and l.depth < 30 and rl.person_id <> ${viewer.id}::uuid
    ),
    periods as (
      select person_id, greatest(since, ${startAt}::timestamptz) as since, least(until, ${endAt}::timestamptz) as until
      from line where since < ${endAt}::timestamptz and until > ${startAt}::timestamptz
    ),
    lp as (
      select distinct p.id, p.respondent_id, p.created_at, p.understood, p.progressing, p.overloaded, p.enps
      from periods l
      join pulses p on p.respondent_id = l.person_id and p.created_at >= l.since and p.created_at < l.until
    ),
    pm as (
      select respondent_id as person_id, date_trunc('month', created_at at time zone 'UTC') as mon,
             count(*)::int as answers, sum(understood)::int as understood, sum(progressing)::int as progressing,
             sum(overloaded)::int as overloaded, (count(*) filter (where enps >= 9))::int as promoters,
             (count(*) filter (where enps <= 6))::int as detractors
      from lp group by 1, 2
    ),
    lm as (
      select distinct m.id, m.report_id, m.held_at
      from periods l join meetings m on m.report_id = l.person_id and m.status = 'held' and m.held_at >= l.since and m.held_at < l.until
    ),
    ma as (
      select h.person_id, h.mon, h.held, least(coalesce(pm.answers, 0), h.held) as answered
      from (select report_id as person_id, date_trunc('month', held_at at time zone 'UTC') as mon, count(*)::int as held from lm group by 1, 2) h
      left join pm on pm.person_id = h.person_id and pm.mon = h.mon
    ),
    la as (
      select distinct a.id, a.subject_id, a.created_at, a.point_key, a.rating
      from periods l join checklist_assessments a on a.subject_id = l.person_id and a.created_at >= l.since and a.created_at < l.until
    ),
    cl as (
      select la.subject_id as person_id, date_trunc('month', la.created_at at time zone 'UTC') as mon, cp.lens,
             count(*)::int as ratings, sum(la.rating)::int as total
      from la join checklist_points cp on cp.key = la.point_key
      group by 1, 2, 3
    )
    select 'pulse' as kind, null as team, null as from_team, to_char(c.mon, 'YYYY-MM') as month, '' as key,
           count(*)::int as people, (count(*) filter (where c.person_id = ${viewer.id}::uuid))::int as known,
           count(prev.person_id)::int as stayed,
           sum(c.answers)::int as a, sum(c.understood)::int as b, sum(c.progressing)::int as c, sum(c.overloaded)::int as d,
           sum(c.promoters)::int as e, sum(c.detractors)::int as f
    from pm c left join pm prev on prev.person_id = c.person_id and prev.mon = c.mon - interval '1 month'
    group by c.mon
    union all
    select 'meeting', null, null, to_char(c.mon, 'YYYY-MM'), '', count(*)::int, (count(*) filter (where c.person_id = ${viewer.id}::uuid))::int,
           count(prev.person_id)::int, sum(c.held)::int, sum(c.answered)::int, 0, 0, 0, 0
    from ma c left join ma prev on prev.person_id = c.person_id and prev.mon = c.mon - interval '1 month'
    group by c.mon
    union all
    select 'lens', null, null, to_char(c.mon, 'YYYY-MM'), c.lens, count(*)::int,
           (count(*) filter (where c.person_id = any(${known})))::int,
           count(prev.person_id)::int, sum(c.ratings)::int, sum(c.total)::int, 0, 0, 0, 0
    from cl c left join cl prev on prev.person_id = c.person_id and prev.lens = c.lens and prev.mon = c.mon - interval '1 month'
    group by c.mon, c.lens`,
  );
  return toTrendRows(raw);
}

export async function countLine(db: Database, viewer: Viewer): Promise<number> {
  const [row] = rowsOf<{ n: number }>(
    await db.execute(sql`
      with recursive line(id, depth) as (
        select p.id, 1 from people p where p.manager_id = ${viewer.id}::uuid and p.active
        union all
        select p.id, l.depth + 1 from people p join line l on p.manager_id = l.id where p.active and l.depth < 30 and p.id <> ${viewer.id}::uuid
      )
      select count(distinct id)::int as n from line`),
  );
  return Number(row?.n ?? 0);
}
