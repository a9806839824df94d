import { sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { rowsOf } from "../../db/client";
import type { Viewer } from "~/auth/policies";
import { changeText, checkMinGroup, publishedText, type Published } from "~/domain/anonymity";
import { LENSES, type Lens } from "~/domain/enums";
import {
  addMonths,
  ancestorsOf,
  buildTeamTree,
  formatValue,
  isLens,
  monthOf,
  monthsBetween,
  monthStart,
  QUESTION_LABELS,
  QUESTIONS,
  SHORT_LABELS,
  TEAM_MEASURES,
  TrendCells,
  type Month,
  type MeetingRow,
  type MoveRow,
  type PulseRow,
  type RatingRow,
  type PointInfo,
  type Question,
  type TeamFact,
  type TeamMeasure,
  type TrendRows,
} from "~/domain/trends";
import { env } from "~/env.server";
import { getChecklistPoints } from "./checklist.server";
import type { Database } from "./db.server";

/**
 * Engagement trends for HR (by team) and for a manager (their own line).
 * The database sums answers per team and month, and counts distinct people;
 * no row about one person leaves SQL. The anonymity rule (app/domain/anonymity.ts)
 * decides every cell over the whole organisation before anything is returned.
 */

export const MAX_MONTHS = 24;

export interface TrendsFilters {
  team: string;
  from: Month;
  to: Month;
  question: Question;
}

export interface TrendsOptions {
  k: number;
  /** Whether managers further up read their line's assessments (RAPPORT_SKIP_LEVEL). */
  skipLevelRead: boolean;
  now?: Date;
  /** How long one viewer's aggregates of finished months are kept in memory; 0 (the default) reads every time. */
  memoSeconds?: number;
}

/** The configured threshold (RAPPORT_MIN_GROUP, never below 3) and skip-level rule. */
export function trendsOptions(now = new Date()): TrendsOptions {
  const { RAPPORT_MIN_GROUP, RAPPORT_SKIP_LEVEL } = env();
  return { k: checkMinGroup(RAPPORT_MIN_GROUP), skipLevelRead: RAPPORT_SKIP_LEVEL === "read", now, memoSeconds: 300 };
}

const MonthParam = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/);
const FiltersQuery = z.object({
  team: z.string().regex(/^(all|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i).catch("all"),
  from: MonthParam.optional().catch(undefined),
  to: MonthParam.optional().catch(undefined),
  question: z.enum(QUESTIONS).catch("understood"),
});

/** Only finished months: a month still filling up would let two visits a day apart be subtracted. */
export function selectableMonths(now: Date): Month[] {
  const latest = addMonths(monthOf(now), -1);
  return monthsBetween(addMonths(latest, -(MAX_MONTHS - 1)), latest);
}

/** The page's GET filters, with defaults (the last six finished months) and anything odd brought back in range. */
export function readTrendsFilters(url: URL, now: Date): TrendsFilters {
  const raw = FiltersQuery.parse(Object.fromEntries(url.searchParams));
  const months = selectableMonths(now);
  const first = months[0]!;
  const last = months[months.length - 1]!;
  const clamp = (m: Month) => (m < first ? first : m > last ? last : m);
  let to = clamp(raw.to ?? last);
  let from = clamp(raw.from ?? addMonths(to, -5));
  if (from > to) [from, to] = [to, from];
  return { team: raw.team.toLowerCase(), from, to, question: raw.question };
}

// ---------- the views ----------

export interface TeamRowView {
  id: string;
  name: string;
  /** 0 for the team looked at, 1 for its children. */
  level: number;
  folded: boolean;
  /** Whether the team has children to open (never for a folded team). */
  canOpen: boolean;
}

export interface HrTrendsView {
  k: number;
  filters: TrendsFilters;
  months: Month[];
  teamOptions: { id: string; name: string; depth: number }[];
  team: { id: string; name: string; folded: boolean; path: { id: string; name: string }[] };
  series: { month: Month; cell: Published }[];
  teams: { month: Month; rows: (TeamRowView & { cells: Record<TeamMeasure, Published> })[] };
  lenses: { month: Month; rows: (TeamRowView & { cells: Record<Lens, Published> })[] };
  points: { month: Month; team: { id: string; name: string }; rows: { key: number; lens: Lens; title: string; cell: Published }[] };
}

export class UnknownTeam extends Error {}

/**
 * HR's view: the chosen team and its children for the range's last month,
 * one question over the range, checklist lenses and points. Four queries.
 */
export async function getHrTrends(db: Database, viewer: Viewer, filters: TrendsFilters, options: TrendsOptions): Promise<HrTrendsView> {
  const now = options.now ?? new Date();
  const { k } = options;
  const months = monthsBetween(filters.from, filters.to);
  const end = filters.to;
  // Each family is read for the months it shows, and the month before the first for its change.
  const lastTwo = addMonths(end, -1);
  const rangeStart = addMonths(filters.from, -1);
  const starts = {
    pulses: filters.question === "response" || isLens(filters.question) ? lastTwo : rangeStart,
    meetings: filters.question === "response" ? rangeStart : lastTwo,
    lenses: isLens(filters.question) ? rangeStart : lastTwo,
    points: lastTwo,
  };
  const [teamFacts, points, rows] = await Promise.all([
    loadTeamFacts(db),
    getChecklistPoints(db),
    loadTeamRows(db, viewer, starts, addMonths(end, 1), options.skipLevelRead, options.memoSeconds),
  ]);
  const tree = buildTeamTree(teamFacts.teams, k, "Whole organisation", teamFacts.unassigned);
  const node = tree.nodes.get(filters.team);
  if (!node) throw new UnknownTeam(filters.team);
  const pointInfo: PointInfo[] = points.map((p) => ({ key: p.key, lens: p.lens, title: p.title }));
  const cells = new TrendCells(tree, rows, pointInfo, k);

  const shownRows = [node, ...node.children.map((id) => tree.nodes.get(id)!)];
  const rowView = (n: typeof node, level: number): TeamRowView => ({
    id: n.id,
    name: n.name,
    level,
    folded: n.folded,
    canOpen: level > 0 && !n.folded && n.children.some((c) => !tree.nodes.get(c)!.folded),
  });
  const pointNode = ancestorsOf(tree, node.id)[Math.min(1, node.depth)]!;

  return {
    k,
    filters,
    months: selectableMonths(now),
    teamOptions: tree.order.filter((n) => !n.folded).map((n) => ({ id: n.id, name: n.name, depth: n.depth })),
    team: { id: node.id, name: node.name, folded: node.folded, path: ancestorsOf(tree, node.id).map((n) => ({ id: n.id, name: n.name })) },
    series: months.map((month) => ({ month, cell: cells.cell(filters.question, node.id, month) })),
    teams: {
      month: end,
      rows: shownRows.map((n, i) => ({
        ...rowView(n, i === 0 ? 0 : 1),
        cells: Object.fromEntries(TEAM_MEASURES.map((m) => [m, cells.cell(m, n.id, end)])) as Record<TeamMeasure, Published>,
      })),
    },
    lenses: {
      month: end,
      rows: shownRows.map((n, i) => ({
        ...rowView(n, i === 0 ? 0 : 1),
        cells: Object.fromEntries(LENSES.map((l) => [l, cells.cell(l, n.id, end)])) as Record<Lens, Published>,
      })),
    },
    points: {
      month: end,
      team: { id: pointNode.id, name: pointNode.name },
      rows: pointInfo.map((p) => ({ ...p, cell: cells.pointCell(p.key, pointNode.id, end) })),
    },
  };
}

/**
 * Why a viewer may not see a line of their own, or null when they may. HR
 * already sees the same answers by team: a second slicing of them could be
 * subtracted from the first, so HR reads their line there.
 */
export function lineRefusal(viewer: Viewer): string | null {
  if (viewer.roles.includes("hr")) return "You see these answers in the engagement trends by team; a second view of your line could be subtracted from them.";
  if (!viewer.roles.includes("manager")) return "Nobody reports to you, so there is no team to show.";
  return null;
}

export interface LineTrendsView {
  k: number;
  filters: TrendsFilters;
  months: Month[];
  /** People in the line today, direct and indirect. */
  lineSize: number;
  series: { month: Month; cell: Published }[];
  table: { month: Month; cells: Record<Question, Published> }[];
}

/**
 * A manager's own line, direct and indirect, as one group: who was in the
 * line when they answered (reporting_lines history), so a newcomer brings no
 * answers from before, and the same rule as HR's.
 */
export async function getLineTrends(db: Database, viewer: Viewer, filters: TrendsFilters, options: TrendsOptions): Promise<LineTrendsView> {
  const now = options.now ?? new Date();
  const { k } = options;
  const months = monthsBetween(filters.from, filters.to);
  const [rows, lineSize] = await Promise.all([
    loadLineRows(db, viewer, addMonths(filters.from, -1), addMonths(filters.to, 1), options.skipLevelRead, options.memoSeconds),
    countLine(db, viewer),
  ]);
  const tree = buildTeamTree([], k, "Your line", lineSize);
  const cells = new TrendCells(tree, rows, [], k);
  return {
    k,
    filters: { ...filters, team: "all" },
    months: selectableMonths(now),
    lineSize,
    series: months.map((month) => ({ month, cell: cells.cell(filters.question, tree.root.id, month) })),
    table: [...months].reverse().map((month) => ({
      month,
      cells: Object.fromEntries(QUESTIONS.map((q) => [q, cells.cell(q, tree.root.id, month)])) as Record<Question, Published>,
    })),
  };
}

// ---------- CSV: exactly what the page shows ----------

const CSV_HEADER = ["section", "team", "month", "measure", "value", "people", "change_from_previous_month"];

function csvCells(section: string, team: string, month: Month, measure: string, cell: Published, k: number, format: (n: number) => string): string[] {
  return [
    section,
    team,
    month,
    measure,
    publishedText(cell, k, format),
    cell.state === "shown" ? String(cell.people) : "",
    cell.state === "shown" ? changeText(cell.change, format) : "",
  ];
}

export function hrTrendsCsv(view: HrTrendsView): string {
  const { k } = view;
  const q = view.filters.question;
  const lines: string[][] = [CSV_HEADER];
  for (const { month, cell } of view.series) lines.push(csvCells("trend", view.team.name, month, QUESTION_LABELS[q], cell, k, (n) => formatValue(q, n)));
  for (const row of view.teams.rows) {
    for (const m of TEAM_MEASURES) lines.push(csvCells("teams", row.name, view.teams.month, SHORT_LABELS[m], row.cells[m], k, (n) => formatValue(m, n)));
  }
  for (const row of view.lenses.rows) {
    for (const l of LENSES) lines.push(csvCells("checklist by lens", row.name, view.lenses.month, SHORT_LABELS[l], row.cells[l], k, (n) => formatValue(l, n)));
  }
  for (const p of view.points.rows) {
    lines.push(csvCells("checklist by point", view.points.team.name, view.points.month, `${p.key}. ${p.title}`, p.cell, k, (n) => formatValue("point", n)));
  }
  return toCsv(lines);
}

export function lineTrendsCsv(view: LineTrendsView): string {
  const lines: string[][] = [CSV_HEADER];
  for (const row of view.table) {
    for (const q of QUESTIONS) lines.push(csvCells("your line", "Your line", row.month, SHORT_LABELS[q], row.cells[q], view.k, (n) => formatValue(q, n)));
  }
  return toCsv(lines);
}

function toCsv(lines: string[][]): string {
  return lines.map((cells) => cells.map(csvField).join(",")).join("\r\n") + "\r\n";
}

/** Quoted when needed; a leading = + - @ is defused so a spreadsheet never runs a team name as a formula. */
function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) && !/^[-+]?\d/.test(value) && !value.startsWith("−") ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export const csvFileName = (prefix: string, filters: TrendsFilters) => `${prefix}-${filters.from}-to-${filters.to}.csv`;

// ---------- memo ----------

/**
 * Finished months do not change (only they are shown), so one viewer's
 * aggregates for a family and a range are kept for a few minutes: paging
 * through filters does not read the same months again. Keyed by viewer, so
 * the viewer's own answers stay counted as theirs; small and per process.
 */
const memo = new WeakMap<Database, Map<string, { expires: number; rows: Promise<RawRow[]> }>>();
const MEMO_ENTRIES = 200;

function remember(db: Database, key: string, seconds: number | undefined, load: () => Promise<RawRow[]>): Promise<RawRow[]> {
  if (!seconds) return load();
  let entries = memo.get(db);
  if (!entries) memo.set(db, (entries = new Map()));
  const now = Date.now();
  const hit = entries.get(key);
  if (hit && hit.expires > now) return hit.rows;
  const rows = load();
  const store = entries;
  store.delete(key);
  store.set(key, { expires: now + seconds * 1000, rows });
  rows.catch(() => store.delete(key));
  if (store.size > MEMO_ENTRIES) store.delete(store.keys().next().value!);
  return rows;
}

/** Drops every remembered aggregate (benchmarks measure the cold path with it). */
export function forgetTrends(db: Database): void {
  memo.delete(db);
}

// ---------- SQL ----------

async function loadTeamFacts(db: Database): Promise<{ teams: TeamFact[]; unassigned: number }> {
  const rows = rowsOf<{ id: string | null; name: string; parentId: string | null; headcount: number }>(
    await db.execute(sql`
      select t.id, t.name, t.parent_team_id as "parentId", coalesce(c.n, 0)::int as headcount
      from teams t left join (select team_id, count(*) as n from people where active group by team_id) c on c.team_id = t.id
      union all
      select null, '', null, count(*)::int from people where active and team_id is null`),
  );
  const unassigned = rows.find((r) => r.id === null)?.headcount ?? 0;
  return { teams: rows.filter((r): r is TeamFact => r.id !== null).map((r) => ({ ...r, headcount: Number(r.headcount) })), unassigned: Number(unassigned) };
}

interface RawRow {
  kind: string;
  team: string | null;
  from_team: string | null;
  month: string;
  key: string;
  people: number;
  known: number;
  stayed: number;
  a: number;
  b: number;
  c: number;
  d: number;
  e: number;
  f: number;
}

/**
 * One read-only statement with PostgreSQL's JIT off (on a query this size it
 * spends longer compiling than running: 400 ms against the 10,000-person
 * bench) and room to sort in memory rather than on disk.
 */
async function analytical(db: Database, query: SQL): Promise<RawRow[]> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select set_config('jit', 'off', true), set_config('work_mem', '64MB', true)`);
    return rowsOf<RawRow>(await tx.execute(query));
  });
}

const iso = (month: Month) => monthStart(month).toISOString();
/** A month as the UTC timestamp that date_trunc gives, for comparing month buckets. */
const bucket = (month: Month) => `${month}-01 00:00:00`;

/** Who the viewer can already read one by one: themself, their reports (and the whole line with skip-level read). */
const readable = (viewer: Viewer, skipLevelRead: boolean) => sql`
  readable(id, depth) as (
    select ${viewer.id}::uuid, 0
    union all
    select p.id, r.depth + 1 from people p join readable r on p.manager_id = r.id where r.depth < ${skipLevelRead ? 30 : 1}
  )`;

/** Each person-month counts in one team: the team of their last answer that month. */
const personMonths = (from: Month, end: Month) => sql`
    pm as (
      select p.respondent_id as person_id, date_trunc('month', p.created_at at time zone 'UTC') as mon,
             (array_agg(p.team_id order by p.created_at desc, p.id))[1] as team_id,
             count(*)::int as answers, sum(p.understood)::int as understood, sum(p.progressing)::int as progressing,
             sum(p.overloaded)::int as overloaded, (count(*) filter (where p.enps >= 9))::int as promoters,
             (count(*) filter (where p.enps <= 6))::int as detractors
      from pulses p
      where p.created_at >= ${iso(from)}::timestamptz and p.created_at < ${iso(end)}::timestamptz
      group by 1, 2
    )`;

/** The rows of one family with, per person, whether and where they counted the month before. */
const withPrevious = (source: string, partition: string) => sql.raw(`
      select ${source}.*, coalesce(lag(mon) over w = mon - interval '1 month', false) as was, lag(team_id) over w as prev_team
      from ${source} window w as (partition by ${partition} order by mon)`);

/**
 * Every family's cells and moves, per team and month, over the whole
 * organisation: three statements (pulses, held 1:1s, checklist) that a
 * PostgreSQL server runs side by side.
 */
async function loadTeamRows(
  db: Database,
  viewer: Viewer,
  starts: { pulses: Month; meetings: Month; lenses: Month; points: Month },
  end: Month,
  skipLevelRead: boolean,
  memoSeconds?: number,
): Promise<TrendRows> {
  const endAt = iso(end);
  const key = (family: string, from: Month) => `${viewer.id}|${skipLevelRead}|${family}|${from}|${end}`;
  const checklistFrom = starts.lenses < starts.points ? starts.lenses : starts.points;
  const viewerId = sql`${viewer.id}::uuid`;
  /** A family's cells and its moves; `key` is the lens or point column, when the family has one. */
  const groups = (kind: string, source: string, key: string | null, known: SQL, sums: string) => {
    const keyColumn = sql.raw(key ? `${key}::text` : "''");
    const by = sql.raw(key ? `, ${key}` : "");
    const from = sql.raw(source);
    return sql`
    select ${sql.raw(`'${kind}'`)} as kind, team_id::text as team, null as from_team, to_char(mon, 'YYYY-MM') as month, ${keyColumn} as key,
           count(*)::int as people, (count(*) filter (where ${known}))::int as known,
           (count(*) filter (where was and prev_team is not distinct from team_id))::int as stayed, ${sql.raw(sums)}
    from ${from} group by team_id, mon${by}
    union all
    select ${sql.raw(`'${kind}-move'`)}, team_id::text, prev_team::text, to_char(mon, 'YYYY-MM'), ${keyColumn}, count(*)::int, 0, 0, 0, 0, 0, 0, 0, 0
    from ${from} where was and prev_team is distinct from team_id group by team_id, prev_team, mon${by}`;
  };

  const pulses = sql`
      with ${personMonths(starts.pulses, end)},
      pj as (select * from (${withPrevious("pm", "person_id")}) x)
      ${groups("pulse", "pj", null, sql`person_id = ${viewerId}`, "sum(answers)::int as a, sum(understood)::int as b, sum(progressing)::int as c, sum(overloaded)::int as d, sum(promoters)::int as e, sum(detractors)::int as f")}`;

  // Held 1:1s count in the team of the person's answers that month, or their team today.
  const meetings = sql`
      with ${personMonths(starts.meetings, end)},
      ma as (
        select h.person_id, h.mon, coalesce(pm.team_id, pe.team_id) as team_id, h.held, least(coalesce(pm.answers, 0), h.held) as answered
        from (
          select m.report_id as person_id, date_trunc('month', m.held_at at time zone 'UTC') as mon, count(*)::int as held
          from meetings m
          where m.status = 'held' and m.held_at >= ${iso(starts.meetings)}::timestamptz and m.held_at < ${endAt}::timestamptz
          group by 1, 2
        ) h
        join people pe on pe.id = h.person_id
        left join pm on pm.person_id = h.person_id and pm.mon = h.mon
      ),
      mj as (${withPrevious("ma", "person_id")})
      ${groups("meeting", "mj", null, sql`person_id = ${viewerId}`, "sum(held)::int as a, sum(answered)::int as b, 0 as c, 0 as d, 0 as e, 0 as f")}`;

  // Ratings count in the team of the person's answers that month, or their team today; points at the top two levels.
  const checklist = sql`
      with recursive ${readable(viewer, skipLevelRead)},
      known_people as (select distinct id from readable),
      tops(id, top) as (
        select id, id from teams where parent_team_id is null
        union all
        select t.id, tops.top from teams t join tops on t.parent_team_id = tops.id
      ),
      ${personMonths(checklistFrom, end)},
      ca as (
        select a.subject_id as person_id, date_trunc('month', a.created_at at time zone 'UTC') as mon, a.point_key,
               count(*)::int as ratings, sum(a.rating)::int as total
        from checklist_assessments a
        where a.created_at >= ${iso(checklistFrom)}::timestamptz and a.created_at < ${endAt}::timestamptz
        group by 1, 2, 3
      ),
      cat as (
        select ca.*, coalesce(pm.team_id, pe.team_id) as team_id, cp.lens
        from ca
        join people pe on pe.id = ca.person_id
        join checklist_points cp on cp.key = ca.point_key
        left join pm on pm.person_id = ca.person_id and pm.mon = ca.mon
      ),
      cl as (
        select person_id, mon, lens, team_id, sum(ratings)::int as ratings, sum(total)::int as total
        from cat where mon >= ${bucket(starts.lenses)}::timestamp group by 1, 2, 3, 4
      ),
      clj as (${withPrevious("cl", "person_id, lens")}),
      cp as (
        select cat.person_id, cat.mon, cat.point_key, tops.top as team_id, cat.ratings, cat.total
        from cat left join tops on tops.id = cat.team_id
        where cat.mon >= ${bucket(starts.points)}::timestamp
      ),
      cpj as (${withPrevious("cp", "person_id, point_key")})
      ${groups("lens", "clj", "lens", sql`person_id in (select id from known_people)`, "sum(ratings)::int as a, sum(total)::int as b, 0 as c, 0 as d, 0 as e, 0 as f")}
      union all
      ${groups("point", "cpj", "point_key", sql`person_id in (select id from known_people)`, "sum(ratings)::int as a, sum(total)::int as b, 0 as c, 0 as d, 0 as e, 0 as f")}`;

  const [pulseRows, meetingRows, checklistRows] = await Promise.all([
    remember(db, key("pulses", starts.pulses), memoSeconds, () => analytical(db, pulses)),
    remember(db, key("meetings", starts.meetings), memoSeconds, () => analytical(db, meetings)),
    remember(db, key(`checklist|${starts.points}`, starts.lenses), memoSeconds, () => analytical(db, checklist)),
  ]);
  return toTrendRows([...pulseRows, ...meetingRows, ...checklistRows]);
}

/** The line's cells per month: one group, so no moves; everyone counts while they were in the line. */
async function loadLineRows(db: Database, viewer: Viewer, start: Month, end: Month, skipLevelRead: boolean, memoSeconds?: number): Promise<TrendRows> {
  const startAt = iso(start);
  const endAt = iso(end);
  const key = `${viewer.id}|${skipLevelRead}|line|${start}|${end}`;
  // A row counts when its moment falls in one of the person's periods in the line (distinct: periods never double a row).
  const result = await remember(db, key, memoSeconds, () => analytical(db, sql`
    with recursive ${readable(viewer, skipLevelRead)},
    known_people as (select distinct id from readable),
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
      join meetings m on m.report_id = l.person_id
      join pulses p on p.meeting_id = m.id and p.created_at >= l.since and p.created_at < l.until
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
           (count(*) filter (where c.person_id in (select id from known_people)))::int,
           count(prev.person_id)::int, sum(c.ratings)::int, sum(c.total)::int, 0, 0, 0, 0
    from cl c left join cl prev on prev.person_id = c.person_id and prev.lens = c.lens and prev.mon = c.mon - interval '1 month'
    group by c.mon, c.lens`));
  return toTrendRows(result);
}

async function countLine(db: Database, viewer: Viewer): Promise<number> {
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

function toTrendRows(raw: RawRow[]): TrendRows {
  const rows: { pulses: PulseRow[]; meetings: MeetingRow[]; lenses: RatingRow[]; points: RatingRow[] } = { pulses: [], meetings: [], lenses: [], points: [] };
  const moves: Record<string, MoveRow[]> = { "pulse-move": [], "meeting-move": [], "lens-move": [], "point-move": [] };
  for (const r of raw) {
    const people = Number(r.people);
    const known = Number(r.known);
    const stayed = Number(r.stayed);
    const a = Number(r.a);
    const b = Number(r.b);
    switch (r.kind) {
      case "pulse":
        rows.pulses.push({ team: r.team, month: r.month, people, known, stayed, answers: a, understood: b, progressing: Number(r.c), overloaded: Number(r.d), promoters: Number(r.e), detractors: Number(r.f) });
        break;
      case "meeting":
        rows.meetings.push({ team: r.team, month: r.month, people, known, stayed, held: a, answered: b });
        break;
      case "lens":
      case "point":
        (r.kind === "lens" ? rows.lenses : rows.points).push({ team: r.team, month: r.month, people, known, stayed, key: r.key, ratings: a, total: b });
        break;
      default:
        moves[r.kind]?.push({ from: r.from_team, to: r.team, month: r.month, key: r.key, people });
    }
  }
  return { ...rows, moves: { pulses: moves["pulse-move"]!, meetings: moves["meeting-move"]!, lenses: moves["lens-move"]!, points: moves["point-move"]! } };
}
