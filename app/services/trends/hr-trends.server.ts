import { sql } from "drizzle-orm";
import { ROLLUP_FAMILIES } from "#db/schema";
import { rowsOf } from "#db/client";
import type { Viewer } from "~/auth/policies";
import type { Published } from "~/domain/anonymity";
import { LENSES, type Lens } from "~/domain/enums";
import {
  addMonths,
  ancestorsOf,
  buildTeamTree,
  isLens,
  monthsBetween,
  TEAM_MEASURES,
  teamChoices,
  TrendCells,
  type PointInfo,
  type TeamFact,
  type Month,
  type TeamMeasure,
} from "~/domain/trends";
import { getChecklistPoints } from "~/services/checklist.server";
import type { Database } from "~/services/db.server";
import { decidedCells, trendRows } from "./cache.server";
import { settleRange } from "./filters.server";
import { loadTeamRows, type FamilyMonths } from "./rollups.server";
import { FIRST_DATA_MONTH } from "./sql.server";
import type { HrTrendsView, TeamRowView, TrendsFilters, TrendsOptions, TrendsQuery } from "./types";

/**
 * HR's engagement trends by team: the view the page, its CSV and its loader
 * return. The rows come summed per team and month from the stored roll-ups
 * (rollups.server.ts); the anonymity rule (app/domain/anonymity.ts) decides
 * every cell over the whole organisation before anything is returned.
 */

export class UnknownTeam extends Error {}

/**
 * HR's view: the chosen team and its children for the range's last month,
 * one question over the range, checklist lenses and points. Four queries:
 * the team list (with the first month of data) first, since it settles the
 * range; a refused range (From after To) stops there.
 */
export async function getHrTrends(
  db: Database,
  viewer: Viewer,
  query: TrendsQuery,
  options: TrendsOptions,
): Promise<HrTrendsView> {
  const now = options.now ?? new Date();
  const { k } = options;
  const teamFacts = await loadTeamFacts(db);
  const tree = buildTeamTree(teamFacts.teams, k, "Whole organisation", teamFacts.unassigned);
  const node = tree.nodes.get(query.team);
  if (!node) throw new UnknownTeam(query.team);
  const { months: offered, range } = settleRange(query, now, teamFacts.firstMonth);
  const filters: TrendsFilters = { team: query.team, question: query.question, from: range.from, to: range.to };
  const end = filters.to;
  const head = {
    k,
    filters,
    problem: range.problem,
    months: offered,
    teamOptions: teamChoices(tree),
    team: {
      id: node.id,
      name: node.name,
      folded: node.folded,
      path: ancestorsOf(tree, node.id).map((n) => ({ id: n.id, name: n.name })),
    },
  };
  const pointNode = ancestorsOf(tree, node.id)[Math.min(1, node.depth)]!;
  if (range.problem) {
    return {
      ...head,
      series: [],
      teams: { month: end, rows: [] },
      lenses: { month: end, rows: [] },
      points: { month: end, team: { id: pointNode.id, name: pointNode.name }, rows: [] },
    };
  }

  const months = monthsBetween(filters.from, filters.to);
  // Each family is read for the months it shows, and the two before the first: its change from the month
  // before, and rule 9 (ADR 012) decides each month against the one before it.
  const lastThree = [addMonths(end, -2), addMonths(end, -1), end];
  const span = monthsBetween(addMonths(filters.from, -2), end);
  const needs: FamilyMonths = {
    pulse: filters.question === "response" || isLens(filters.question) ? lastThree : span,
    meeting: filters.question === "response" ? span : lastThree,
    lens: isLens(filters.question) ? span : lastThree,
    point: lastThree,
  };
  const rowsKey = ["teams", viewer.id, options.skipLevelRead, ...ROLLUP_FAMILIES.map((f) => needs[f])];
  const [points, rows] = await Promise.all([
    getChecklistPoints(db),
    trendRows.get(db, rowsKey, options.memoSeconds ?? 0, () =>
      loadTeamRows(db, viewer.id, needs, options.skipLevelRead, now),
    ),
  ]);
  const pointInfo: PointInfo[] = points.map((p) => ({ key: p.key, lens: p.lens, title: p.title }));
  const chart = teamFacts.teams.map((t) => `${t.id}:${t.parentId}:${t.headcount}`).join(",");
  // Deciding is most of a remembered visit's time: the same rows, threshold and chart decide the same cells.
  const cells = decidedCells.get(rows, [k, chart], Infinity, () => new TrendCells(tree, rows, pointInfo, k));

  const shownRows = [node, ...node.children.map((id) => tree.nodes.get(id)!)];
  const rowView = (n: typeof node, level: number): TeamRowView => ({
    id: n.id,
    name: n.name,
    level,
    folded: n.folded,
    canOpen: level > 0 && !n.folded && n.children.some((c) => !tree.nodes.get(c)!.folded),
  });

  return {
    ...head,
    series: months.map((month) => ({ month, cell: cells.cell(filters.question, node.id, month) })),
    teams: {
      month: end,
      rows: shownRows.map((n, i) => ({
        ...rowView(n, i === 0 ? 0 : 1),
        cells: Object.fromEntries(TEAM_MEASURES.map((m) => [m, cells.cell(m, n.id, end)])) as Record<
          TeamMeasure,
          Published
        >,
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

// ---------- SQL ----------

/** The team chart (people per team, and those in none) and the organisation's first month with data, in one statement. */
async function loadTeamFacts(
  db: Database,
): Promise<{ teams: TeamFact[]; unassigned: number; firstMonth: Month | null }> {
  const rows = rowsOf<{
    id: string | null;
    name: string;
    parentId: string | null;
    headcount: number;
    first: string | null;
  }>(
    await db.execute(sql`
      select t.id, t.name, t.parent_team_id as "parentId", coalesce(c.n, 0)::int as headcount, null as first
      from teams t left join (select team_id, count(*) as n from people where active group by team_id) c on c.team_id = t.id
      union all
      select null, '', null, count(*)::int, ${FIRST_DATA_MONTH} from people where active and team_id is null`),
  );
  const summary = rows.find((r) => r.id === null);
  return {
    teams: rows
      .filter((r): r is typeof r & { id: string } => r.id !== null)
      .map((r) => ({ id: r.id, name: r.name, parentId: r.parentId, headcount: Number(r.headcount) })),
    unassigned: Number(summary?.headcount ?? 0),
    firstMonth: summary?.first ?? null,
  };
}
