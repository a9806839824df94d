import type { Viewer } from "~/auth/policies";
import type { Published } from "~/domain/anonymity";
import { addMonths, buildTeamTree, monthsBetween, QUESTIONS, TrendCells, type Question } from "~/domain/trends";
import type { Database } from "~/services/db.server";
import { trendRows } from "./cache.server";
import { settleRange } from "./filters.server";
import { countLine, loadLineRows } from "./line-rows.server";
import { firstDataMonth } from "./sql.server";
import type { LineTrendsView, TrendsFilters, TrendsOptions, TrendsQuery } from "./types";

/**
 * A manager's engagement trends for their own line: the view the page, its
 * CSV and its loader return. The rows are read live (line-rows.server.ts);
 * the anonymity rule (app/domain/anonymity.ts) decides every cell, as for HR.
 */

/**
 * A manager's own line, direct and indirect, as one group: who was in the
 * line when they answered (reporting_lines history), so a newcomer brings no
 * answers from before, and the same rule as HR's.
 */
export async function getLineTrends(
  db: Database,
  viewer: Viewer,
  query: TrendsQuery,
  options: TrendsOptions,
): Promise<LineTrendsView> {
  const now = options.now ?? new Date();
  const { k } = options;
  const [firstMonth, lineSize] = await Promise.all([firstDataMonth(db), countLine(db, viewer)]);
  const { months: offered, range } = settleRange(query, now, firstMonth);
  const filters: TrendsFilters = { team: "all", question: query.question, from: range.from, to: range.to };
  const head = { k, filters, problem: range.problem, months: offered, lineSize };
  if (range.problem) return { ...head, series: [], table: [] };
  const months = monthsBetween(filters.from, filters.to);
  const rows = await trendRows.get(
    db,
    ["line", viewer.id, options.skipLevelRead, filters.from, filters.to],
    options.memoSeconds ?? 0,
    () => loadLineRows(db, viewer, addMonths(filters.from, -2), addMonths(filters.to, 1), options.skipLevelRead),
  );
  const tree = buildTeamTree([], k, "Your line", lineSize);
  const cells = new TrendCells(tree, rows, [], k);
  return {
    ...head,
    series: months.map((month) => ({ month, cell: cells.cell(filters.question, tree.root.id, month) })),
    table: [...months].reverse().map((month) => ({
      month,
      cells: Object.fromEntries(QUESTIONS.map((q) => [q, cells.cell(q, tree.root.id, month)])) as Record<
        Question,
        Published
      >,
    })),
  };
}
