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
  type TeamMeasure,
} from "~/domain/trends";
import { getChecklistPoints } from "~/services/checklist.server";
import type { Database } from "~/services/db.server";
import { decidedCells, trendRows } from "./cache.server";
import { selectableMonths } from "./filters.server";
import { loadTeamRows, type FamilyMonths } from "./rollups.server";
import type { HrTrendsView, TeamRowView, TrendsFilters, TrendsOptions } from "./types";

/**
 * HR's engagement trends by team: the view the page, its CSV and its loader
 * return. The rows come summed per team and month from the stored roll-ups
 * (rollups.server.ts); the anonymity rule (app/domain/anonymity.ts) decides
 * every cell over the whole organisation before anything is returned.
 */

export class UnknownTeam extends Error {}

/**
 * HR's view: the chosen team and its children for the range's last month,
 * one question over the range, checklist lenses and points. Four queries.
 */
export async function getHrTrends(
  db: Database,
  viewer: Viewer,
  filters: TrendsFilters,
  options: TrendsOptions,
): Promise<HrTrendsView> {
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
  const rowsKey = ["teams", viewer.id, options.skipLevelRead, ...ROLLUP_FAMILIES.map((f) => needs[f])];
  const [teamFacts, points, rows] = await Promise.all([
    loadTeamFacts(db),
    getChecklistPoints(db),
    trendRows.get(db, rowsKey, options.memoSeconds ?? 0, () =>
      loadTeamRows(db, viewer.id, needs, options.skipLevelRead, now),
    ),
  ]);
  const tree = buildTeamTree(teamFacts.teams, k, "Whole organisation", teamFacts.unassigned);
  const node = tree.nodes.get(filters.team);
  if (!node) throw new UnknownTeam(filters.team);
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
  const pointNode = ancestorsOf(tree, node.id)[Math.min(1, node.depth)]!;

  return {
    k,
    filters,
    months: selectableMonths(now),
    teamOptions: teamChoices(tree, node.id).map((n) => ({ id: n.id, name: n.name, depth: n.depth })),
    team: {
      id: node.id,
      name: node.name,
      folded: node.folded,
      path: ancestorsOf(tree, node.id).map((n) => ({ id: n.id, name: n.name })),
    },
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

async function loadTeamFacts(db: Database): Promise<{ teams: TeamFact[]; unassigned: number }> {
  const rows = rowsOf<{ id: string | null; name: string; parentId: string | null; headcount: number }>(
    await db.execute(sql`
      select t.id, t.name, t.parent_team_id as "parentId", coalesce(c.n, 0)::int as headcount
      from teams t left join (select team_id, count(*) as n from people where active group by team_id) c on c.team_id = t.id
      union all
      select null, '', null, count(*)::int from people where active and team_id is null`),
  );
  const unassigned = rows.find((r) => r.id === null)?.headcount ?? 0;
  return {
    teams: rows.filter((r): r is TeamFact => r.id !== null).map((r) => ({ ...r, headcount: Number(r.headcount) })),
    unassigned: Number(unassigned),
  };
}
