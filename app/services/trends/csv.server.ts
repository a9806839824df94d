import { changeText, publishedText, type Published } from "~/domain/anonymity";
import { LENSES } from "~/domain/enums";
import {
  fileSlug,
  formatValue,
  QUESTIONS,
  SHORT_LABELS,
  TEAM_MEASURES,
  QUESTION_LABELS,
  type Month,
} from "~/domain/trends";
import type { HrTrendsView, LineTrendsView, TrendsFilters } from "./types";

/**
 * The trends CSVs: exactly the cells the page shows, suppression marks and
 * all, so an export never holds more than the screen.
 */

const CSV_HEADER = ["section", "team", "month", "measure", "value", "people", "change_from_previous_month"];

function csvCells(
  section: string,
  team: string,
  month: Month,
  measure: string,
  cell: Published,
  k: number,
  format: (n: number) => string,
): string[] {
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
  for (const { month, cell } of view.series)
    lines.push(csvCells("trend", view.team.name, month, QUESTION_LABELS[q], cell, k, (n) => formatValue(q, n)));
  for (const row of view.teams.rows) {
    for (const m of TEAM_MEASURES)
      lines.push(
        csvCells("teams", row.name, view.teams.month, SHORT_LABELS[m], row.cells[m], k, (n) => formatValue(m, n)),
      );
  }
  for (const row of view.lenses.rows) {
    for (const l of LENSES)
      lines.push(
        csvCells("checklist by lens", row.name, view.lenses.month, SHORT_LABELS[l], row.cells[l], k, (n) =>
          formatValue(l, n),
        ),
      );
  }
  for (const p of view.points.rows) {
    lines.push(
      csvCells("checklist by point", view.points.team.name, view.points.month, `${p.key}. ${p.title}`, p.cell, k, (n) =>
        formatValue("point", n),
      ),
    );
  }
  return toCsv(lines);
}

export function lineTrendsCsv(view: LineTrendsView): string {
  const lines: string[][] = [CSV_HEADER];
  for (const row of view.table) {
    for (const q of QUESTIONS)
      lines.push(
        csvCells("your line", "Your line", row.month, SHORT_LABELS[q], row.cells[q], view.k, (n) => formatValue(q, n)),
      );
  }
  return toCsv(lines);
}

export function toCsv(lines: string[][]): string {
  return lines.map((cells) => cells.map(csvField).join(",")).join("\r\n") + "\r\n";
}

/** Quoted when needed; a leading = + - @ is defused so a spreadsheet never runs a team name as a formula. */
function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) && !/^[-+]?\d/.test(value) && !value.startsWith("−") ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** "engagement-trends-platform-2026-01-to-2026-06.csv": what the file holds, told apart in a downloads folder. */
export const csvFileName = (prefix: string, filters: TrendsFilters, team?: string) =>
  `${[prefix, team === undefined ? null : fileSlug(team)].filter(Boolean).join("-")}-${filters.from}-to-${filters.to}.csv`;
