import { sql } from "drizzle-orm";
import { z } from "zod";
import { ROLLUP_FAMILIES } from "#db/schema";
import { rowsOf } from "#db/client";
import { allows } from "~/auth/authorize.server";
import { refusalReasons, type Viewer } from "~/auth/policies";
import { checkMinGroup, type Published } from "~/domain/anonymity";
import { LENSES, type Lens } from "~/domain/enums";
import {
  addMonths,
  ancestorsOf,
  buildTeamTree,
  isLens,
  monthOf,
  monthsBetween,
  QUESTIONS,
  TEAM_MEASURES,
  teamChoices,
  TrendCells,
  type Month,
  type PointInfo,
  type Question,
  type TeamFact,
  type TeamMeasure,
  type TeamTree,
  type TrendRows,
} from "~/domain/trends";
import { env } from "~/env.server";
import { getChecklistPoints } from "./checklist.server";
import type { Database } from "./db.server";
import { countLine, loadLineRows } from "./trend-line.server";
import { loadTeamRows, type FamilyMonths } from "./trend-rollups.server";

export { hrTrendsCsv, lineTrendsCsv, csvFileName } from "./trends-csv.server";

/**
 * Engagement trends for HR (by team) and for a manager (their own line): the
 * views the pages, their CSV and their loaders return. The rows come summed
 * per team and month from trend-rollups.server.ts (HR) or trend-line.server.ts
 * (a line); the anonymity rule (app/domain/anonymity.ts) decides every cell
 * over the whole organisation before anything is returned.
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
  const lastTwo = [addMonths(end, -1), end];
  const range = monthsBetween(addMonths(filters.from, -1), end);
  const needs: FamilyMonths = {
    pulse: filters.question === "response" || isLens(filters.question) ? lastTwo : range,
    meeting: filters.question === "response" ? range : lastTwo,
    lens: isLens(filters.question) ? range : lastTwo,
    point: lastTwo,
  };
  const memoKey = `${viewer.id}|${options.skipLevelRead}|teams|${ROLLUP_FAMILIES.map((f) => needs[f].join(",")).join("|")}`;
  const [teamFacts, points, rows] = await Promise.all([
    loadTeamFacts(db),
    getChecklistPoints(db),
    remember(db, memoKey, options.memoSeconds, () => loadTeamRows(db, viewer.id, needs, options.skipLevelRead, now)),
  ]);
  const tree = buildTeamTree(teamFacts.teams, k, "Whole organisation", teamFacts.unassigned);
  const node = tree.nodes.get(filters.team);
  if (!node) throw new UnknownTeam(filters.team);
  const pointInfo: PointInfo[] = points.map((p) => ({ key: p.key, lens: p.lens, title: p.title }));
  const chart = teamFacts.teams.map((t) => `${t.id}:${t.parentId}:${t.headcount}`).join(",");
  const cells = cellsFor(rows, tree, pointInfo, k, chart);

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
    teamOptions: teamChoices(tree, node.id).map((n) => ({ id: n.id, name: n.name, depth: n.depth })),
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
  return allows(viewer, "trends:read-line", null) ? null : refusalReasons["trends:read-line"](viewer);
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
    remember(db, `${viewer.id}|${options.skipLevelRead}|line|${filters.from}|${filters.to}`, options.memoSeconds, () =>
      loadLineRows(db, viewer, addMonths(filters.from, -1), addMonths(filters.to, 1), options.skipLevelRead),
    ),
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

// ---------- memo ----------

/**
 * Finished months do not change (only they are shown), so one viewer's
 * aggregates for a family and a range are kept for a few minutes: paging
 * through filters does not read the same months again. Keyed by viewer, so
 * the viewer's own answers stay counted as theirs; small and per process.
 */
const memo = new WeakMap<Database, Map<string, { expires: number; value: Promise<unknown> }>>();
const MEMO_ENTRIES = 200;

function remember<T>(db: Database, key: string, seconds: number | undefined, load: () => Promise<T>): Promise<T> {
  if (!seconds) return load();
  let entries = memo.get(db);
  if (!entries) memo.set(db, (entries = new Map()));
  const now = Date.now();
  const hit = entries.get(key);
  if (hit && hit.expires > now) return hit.value as Promise<T>;
  const value = load();
  const store = entries;
  store.delete(key);
  store.set(key, { expires: now + seconds * 1000, value });
  value.catch(() => store.delete(key));
  if (store.size > MEMO_ENTRIES) store.delete(store.keys().next().value!);
  return value;
}

/** The decided cells of remembered rows, per threshold and organisation chart, so a repeat visit decides nothing again. */
const decidedCells = new WeakMap<TrendRows, Map<string, TrendCells>>();

function cellsFor(rows: TrendRows, tree: TeamTree, points: PointInfo[], k: number, chart: string): TrendCells {
  let byChart = decidedCells.get(rows);
  if (!byChart) decidedCells.set(rows, (byChart = new Map()));
  const key = `${k}|${chart}`;
  let cells = byChart.get(key);
  if (!cells) {
    if (byChart.size > 4) byChart.clear();
    cells = new TrendCells(tree, rows, points, k);
    byChart.set(key, cells);
  }
  return cells;
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
