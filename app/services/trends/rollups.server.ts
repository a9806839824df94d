import { sql, type SQL } from "drizzle-orm";
import { rowsOf } from "#db/client";
import {
  decodeRollupRow,
  encodeRollupRow,
  ROLLUP_FAMILIES,
  trendRollups,
  type RollupFamily,
  type RollupRow,
} from "#db/schema";
import { addMonths, monthOf, type Month, type TrendRows } from "~/domain/trends";
import type { Database } from "~/services/db.server";
import {
  analytical,
  entryOf,
  iso,
  readablePeople,
  toTrendRows,
  TrendRowsBuilder,
  uuidArray,
  type RawRow,
} from "./sql.server";

/**
 * HR's trends by team read finished months from `trend_rollups`: per team and
 * month, each family's crowd and sums and who moved between teams since the
 * month before. A month is built the first time it is asked for, in one pass
 * over its answers, and kept; triggers drop it if anything it was built from
 * changes (db/migrations/0003). A finished month never changes in normal use
 * (every answer, held 1:1 and rating is stamped with the moment it is
 * written, and the team it belongs to is stored with it), so a page at 10,000
 * people reads some hundreds of kilobytes per month instead of every answer.
 *
 * What the roll-up cannot hold is who the viewer already knows (themself, for
 * a pulse; the people whose ratings they can read): that is counted live over
 * those few people and added to each cell's crowd.
 */

/** The months of each family a page needs. */
export type FamilyMonths = Record<RollupFamily, readonly Month[]>;

/** The rows of the requested families and months, with the viewer's known people counted. */
export async function loadTeamRows(
  db: Database,
  viewerId: string,
  needs: FamilyMonths,
  skipLevelRead: boolean,
  now: Date,
): Promise<TrendRows> {
  const current = monthOf(now);
  for (const family of ROLLUP_FAMILIES) {
    if (needs[family].some((m) => m >= current)) throw new Error("trend roll-ups hold finished months only");
  }
  const months = [...new Set(ROLLUP_FAMILIES.flatMap((f) => needs[f]))].sort();
  if (months.length === 0) return toTrendRows([]);

  const [stored, known] = await Promise.all([readRollups(db, needs), knownCounts(db, viewerId, months, skipLevelRead)]);
  const missing = months.filter((m) => ROLLUP_FAMILIES.some((f) => needs[f].includes(m) && !stored.has(`${m}|${f}`)));
  if (missing.length > 0) for (const [key, rows] of await buildRollups(db, missing)) stored.set(key, rows);

  const rows = new TrendRowsBuilder();
  for (const family of ROLLUP_FAMILIES) {
    for (const month of needs[family]) {
      const knownHere = known.get(`${family}|${month}`);
      for (const row of stored.get(`${month}|${family}`) ?? []) {
        const entry = decodeRollupRow(row);
        const viewerKnows =
          knownHere === undefined || entry.kind !== family
            ? 0
            : (knownHere.get(`${entry.team ?? ""}|${entry.key}`) ?? 0);
        rows.add(entry, month, viewerKnows);
      }
    }
  }
  return rows.rows();
}

/** The stored rows of exactly the families and months asked for (a lens month is large; most pages need two). */
async function readRollups(db: Database, needs: FamilyMonths): Promise<Map<string, RollupRow[]>> {
  const pairs = ROLLUP_FAMILIES.flatMap((f) => needs[f].map((m) => `${m}|${f}`));
  const rows = await db
    .select({ month: trendRollups.month, family: trendRollups.family, rows: trendRollups.rows })
    .from(trendRollups)
    .where(sql`${trendRollups.month} || '|' || ${trendRollups.family} = any(${`{${pairs.join(",")}}`}::text[])`);
  return new Map(rows.map((r) => [`${r.month}|${r.family}`, r.rows]));
}

/**
 * Builds every family of the given finished months in one pass over their
 * answers (and the month before each, for who stayed), stores them and
 * returns them. Two pages building the same month at once store it once.
 */
export async function buildRollups(db: Database, months: readonly Month[]): Promise<Map<string, RollupRow[]>> {
  const sorted = [...months].sort();
  const from = addMonths(sorted[0]!, -1);
  const end = addMonths(sorted[sorted.length - 1]!, 1);
  const raw = (
    await Promise.all(familyStatements(from, end, null).map((statement) => analytical(db, statement)))
  ).flat();
  const built = new Map<string, RollupRow[]>(
    sorted.flatMap((m) => ROLLUP_FAMILIES.map((f) => [`${m}|${f}`, [] as RollupRow[]] as const)),
  );
  for (const r of raw) {
    const family = r.kind.replace(/-move$/, "");
    built.get(`${r.month}|${family}`)?.push(encodeRollupRow(entryOf(r)));
  }
  const values = [...built].map(([key, rows]) => {
    const [month, family] = key.split("|") as [Month, RollupFamily];
    return { month, family, rows };
  });
  await db.insert(trendRollups).values(values).onConflictDoNothing();
  return built;
}

/**
 * Per cell, how many of its people the viewer can read one by one: themself
 * for pulses and 1:1s, their readable line for ratings. The families' own
 * statements, over those few people only (by id, so through the per-person
 * indexes), so each lands in the same team as in the roll-up.
 */
async function knownCounts(
  db: Database,
  viewerId: string,
  months: readonly Month[],
  skipLevelRead: boolean,
): Promise<Map<string, Map<string, number>>> {
  const readable = await readablePeople(db, viewerId, skipLevelRead);
  const from = addMonths(months[0]!, -1);
  const end = addMonths(months[months.length - 1]!, 1);
  const [pulses, meetings, checklist] = familyStatements(from, end, {
    self: sql`= ${viewerId}::uuid`,
    readable: sql`= any(${uuidArray(readable)})`,
  });
  const raw = rowsOf<RawRow>(
    await db.execute(
      sql`select * from (${pulses}) p union all select * from (${meetings}) m union all select * from (${checklist}) c`,
    ),
  );
  // Per family and month, then per team and key: most family-months hold nobody the viewer knows.
  const known = new Map<string, Map<string, number>>();
  for (const r of raw) {
    if (r.kind.endsWith("-move")) continue;
    const cells = known.get(`${r.kind}|${r.month}`) ?? new Map<string, number>();
    cells.set(`${r.team ?? ""}|${r.key}`, Number(r.people));
    known.set(`${r.kind}|${r.month}`, cells);
  }
  return known;
}

/** Each person-month counts in one team: the team of their last answer that month. */
const personMonths = (from: Month, end: Month, who: SQL) => sql`
    pm as (
      select p.respondent_id as person_id, date_trunc('month', p.created_at at time zone 'UTC') as mon,
             (array_agg(p.team_id order by p.created_at desc, p.id))[1] as team_id,
             count(*)::int as answers, sum(p.understood)::int as understood, sum(p.progressing)::int as progressing,
             sum(p.overloaded)::int as overloaded, (count(*) filter (where p.enps >= 9))::int as promoters,
             (count(*) filter (where p.enps <= 6))::int as detractors
      from pulses p
      where p.created_at >= ${iso(from)}::timestamptz and p.created_at < ${iso(end)}::timestamptz and ${who}
      group by 1, 2
    )`;

/** The rows of one family with, per person, whether and where they counted the month before. */
const withPrevious = (source: string, partition: string) =>
  sql.raw(`
      select ${source}.*, coalesce(lag(mon) over w = mon - interval '1 month', false) as was, lag(team_id) over w as prev_team
      from ${source} window w as (partition by ${partition} order by mon)`);

/** A family's cells and its moves; `key` is the lens or point column, when the family has one. */
function groups(kind: string, source: string, key: string | null, sums: string): SQL {
  const keyColumn = sql.raw(key ? `${key}::text` : "''");
  const by = sql.raw(key ? `, ${key}` : "");
  const from = sql.raw(source);
  return sql`
    select ${sql.raw(`'${kind}'`)} as kind, team_id::text as team, null as from_team, to_char(mon, 'YYYY-MM') as month, ${keyColumn} as key,
           count(*)::int as people, 0 as known,
           (count(*) filter (where was and prev_team is not distinct from team_id))::int as stayed, ${sql.raw(sums)}
    from ${from} group by team_id, mon${by}
    union all
    select ${sql.raw(`'${kind}-move'`)}, team_id::text, prev_team::text, to_char(mon, 'YYYY-MM'), ${keyColumn}, count(*)::int, 0, 0, 0, 0, 0, 0, 0, 0
    from ${from} where was and prev_team is distinct from team_id group by team_id, prev_team, mon${by}`;
}

/**
 * The three statements (pulses, held 1:1s, checklist) over [from, end), for
 * everyone or only for some people: the same statements count the viewer's
 * known people, so a person is attributed to the same team either way.
 */
function familyStatements(from: Month, end: Month, only: { self: SQL; readable: SQL } | null): [SQL, SQL, SQL] {
  const fromAt = iso(from);
  const endAt = iso(end);
  const self = only?.self ?? null;
  const readable = only?.readable ?? null;
  const restrict = (column: string, to: SQL | null) => (to ? sql`${sql.raw(column)} ${to}` : sql`true`);

  const pulses = sql`
      with ${personMonths(from, end, restrict("p.respondent_id", self))},
      pj as (select * from (${withPrevious("pm", "person_id")}) x)
      ${groups("pulse", "pj", null, "sum(answers)::int as a, sum(understood)::int as b, sum(progressing)::int as c, sum(overloaded)::int as d, sum(promoters)::int as e, sum(detractors)::int as f")}`;

  // Held 1:1s count in the team of the person's answers that month, or of their last 1:1 that month.
  const meetings = sql`
      with ${personMonths(from, end, restrict("p.respondent_id", self))},
      ma as (
        select h.person_id, h.mon, coalesce(pm.team_id, h.team_id) as team_id, h.held, least(coalesce(pm.answers, 0), h.held) as answered
        from (
          select m.report_id as person_id, date_trunc('month', m.held_at at time zone 'UTC') as mon, count(*)::int as held,
                 (array_agg(m.team_id order by m.held_at desc, m.id))[1] as team_id
          from meetings m
          where m.status = 'held' and m.held_at >= ${fromAt}::timestamptz and m.held_at < ${endAt}::timestamptz and ${restrict("m.report_id", self)}
          group by 1, 2
        ) h
        left join pm on pm.person_id = h.person_id and pm.mon = h.mon
      ),
      mj as (${withPrevious("ma", "person_id")})
      ${groups("meeting", "mj", null, "sum(held)::int as a, sum(answered)::int as b, 0 as c, 0 as d, 0 as e, 0 as f")}`;

  // Ratings count in the team of the person's answers that month, or of their last rating that month;
  // points are broken down at the top two levels, so they count in the top-level team.
  const checklist = sql`
      with recursive tops(id, top) as (
        select id, id from teams where parent_team_id is null
        union all
        select t.id, tops.top from teams t join tops on t.parent_team_id = tops.id
      ),
      ${personMonths(from, end, restrict("p.respondent_id", readable))},
      ca as (
        select a.subject_id as person_id, date_trunc('month', a.created_at at time zone 'UTC') as mon, a.point_key,
               count(*)::int as ratings, sum(a.rating)::int as total,
               (array_agg(a.team_id order by a.created_at desc, a.id))[1] as last_team, max(a.created_at) as last_at
        from checklist_assessments a
        where a.created_at >= ${fromAt}::timestamptz and a.created_at < ${endAt}::timestamptz and ${restrict("a.subject_id", readable)}
        group by 1, 2, 3
      ),
      ct as (
        select distinct on (person_id, mon) person_id, mon, last_team as team_id from ca order by person_id, mon, last_at desc, last_team
      ),
      cat as (
        select ca.person_id, ca.mon, ca.point_key, ca.ratings, ca.total, coalesce(pm.team_id, ct.team_id) as team_id, cp.lens
        from ca
        join ct on ct.person_id = ca.person_id and ct.mon = ca.mon
        join checklist_points cp on cp.key = ca.point_key
        left join pm on pm.person_id = ca.person_id and pm.mon = ca.mon
      ),
      cl as (select person_id, mon, lens, team_id, sum(ratings)::int as ratings, sum(total)::int as total from cat group by 1, 2, 3, 4),
      clj as (${withPrevious("cl", "person_id, lens")}),
      cp as (
        select cat.person_id, cat.mon, cat.point_key, tops.top as team_id, cat.ratings, cat.total
        from cat left join tops on tops.id = cat.team_id
      ),
      cpj as (${withPrevious("cp", "person_id, point_key")})
      ${groups("lens", "clj", "lens", "sum(ratings)::int as a, sum(total)::int as b, 0 as c, 0 as d, 0 as e, 0 as f")}
      union all
      ${groups("point", "cpj", "point_key", "sum(ratings)::int as a, sum(total)::int as b, 0 as c, 0 as d, 0 as e, 0 as f")}`;

  return [pulses, meetings, checklist];
}
