import { Link } from "@remix-run/react";
import type { Published } from "~/domain/anonymity";
import { LENS_LABELS } from "~/domain/checklist";
import { LENSES, type Lens } from "~/domain/enums";
import { formatValue, monthLabel, SHORT_LABELS, TEAM_MEASURES, type Question, type TeamMeasure } from "~/domain/trends";
import { NotComparableNote, PublishedCell } from "./published-cell";
import { TableScroll } from "~/components/table-scroll";

interface TeamRow {
  id: string;
  name: string;
  level: number;
  folded: boolean;
  canOpen: boolean;
}

/** One question by month: the table beside the line chart. */
export function SeriesTable({
  caption,
  question,
  months,
  k,
}: {
  caption: string;
  question: Question;
  months: { month: string; cell: Published }[];
  k: number;
}) {
  return (
    <div className="trend-table-box">
      <TableScroll label={caption} className="trend-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Month</th>
            <th scope="col">{SHORT_LABELS[question]}</th>
          </tr>
        </thead>
        <tbody>
          {months.map(({ month, cell }) => (
            <tr key={month}>
              <th scope="row">{monthLabel(month)}</th>
              <td>
                <PublishedCell cell={cell} measure={question} k={k} format={(n) => formatValue(question, n)} />
              </td>
            </tr>
          ))}
        </tbody>
      </TableScroll>
      <NotComparableNote cells={months.map((m) => m.cell)} />
    </div>
  );
}

function TeamName({ row, link }: { row: TeamRow; link: (id: string) => string }) {
  return (
    <th scope="row" className={row.level ? "child" : undefined}>
      {row.canOpen ? <Link to={link(row.id)}>{row.name}</Link> : row.name}
      {row.folded ? <span className="badge">counted in its parent</span> : null}
    </th>
  );
}

/** The chosen team and its children, one column per measure, for one month. */
function TeamsByMeasure<M extends Question>({
  caption,
  measures,
  rows,
  k,
  link,
}: {
  caption: string;
  measures: readonly M[];
  rows: (TeamRow & { cells: Record<M, Published> })[];
  k: number;
  link: (id: string) => string;
}) {
  return (
    <>
      <TableScroll label={caption} className="trend-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Team</th>
            {measures.map((m) => (
              <th scope="col" key={m}>
                {SHORT_LABELS[m]}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id}>
              <TeamName row={row} link={link} />
              {measures.map((m) => (
                <td key={m}>
                  <PublishedCell cell={row.cells[m]} measure={m} k={k} format={(n) => formatValue(m, n)} />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </TableScroll>
      <NotComparableNote cells={rows.flatMap((r) => measures.map((m) => r.cells[m]))} />
    </>
  );
}

/** Every pulse measure by team. */
export function TeamTable({
  month,
  rows,
  k,
  link,
}: {
  month: string;
  rows: (TeamRow & { cells: Record<TeamMeasure, Published> })[];
  k: number;
  link: (id: string) => string;
}) {
  const caption = `Pulse answers by team, ${monthLabel(month)}, with the change from the month before`;
  return <TeamsByMeasure caption={caption} measures={TEAM_MEASURES} rows={rows} k={k} link={link} />;
}

/** The heat map's numbers: teams by checklist lens. */
export function LensTable({
  month,
  rows,
  k,
  link,
}: {
  month: string;
  rows: (TeamRow & { cells: Record<Lens, Published> })[];
  k: number;
  link: (id: string) => string;
}) {
  return (
    <TeamsByMeasure
      caption={`Checklist health by team and lens, ${monthLabel(month)} (1-5)`}
      measures={LENSES}
      rows={rows}
      k={k}
      link={link}
    />
  );
}

/** Checklist health per point for one team of the top two levels. */
export function PointTable({
  month,
  team,
  rows,
  k,
}: {
  month: string;
  team: string;
  rows: { key: number; lens: Lens; title: string; cell: Published }[];
  k: number;
}) {
  return (
    <>
      <TableScroll label={`Checklist health per point, ${team}`} className="trend-table">
        <caption>
          Checklist health per point, {team}, {monthLabel(month)} (1-5)
        </caption>
        <thead>
          <tr>
            <th scope="col">Point</th>
            <th scope="col">Lens</th>
            <th scope="col">Health</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((p) => (
            <tr key={p.key}>
              <th scope="row">
                {p.key}. {p.title}
              </th>
              <td>{LENS_LABELS[p.lens]}</td>
              <td>
                <PublishedCell cell={p.cell} measure="point" k={k} format={(n) => formatValue("point", n)} />
              </td>
            </tr>
          ))}
        </tbody>
      </TableScroll>
      <NotComparableNote cells={rows.map((p) => p.cell)} />
    </>
  );
}
