import { scaleLinear, scalePoint } from "d3-scale";
import { line } from "d3-shape";
import { hiddenLabel, type Published } from "~/domain/anonymity";
import { labelledMonths, shortMonthLabel } from "~/domain/trends";

interface Props {
  id: string;
  title: string;
  /** What the line is, for its legend entry. */
  measure: string;
  months: { month: string; cell: Published }[];
  min: number;
  max: number;
  k: number;
  format: (n: number) => string;
}

const WIDTH = 640;
const HEIGHT = 240;
const MARGIN = { top: 16, right: 20, bottom: 36, left: 44 };

/**
 * One question over the months, drawn on the server (d3 computes the scales
 * and the path; React writes the SVG), so it shows without JavaScript.
 * A hidden month is a gap in the line with a hatched band over the whole
 * height, so it can never be read as a value (a mark at the foot of the axis
 * read as -100 eNPS); the legend under the chart says what the band means.
 * A long range labels every 2nd, 3rd or 6th month so labels never overlap;
 * every month keeps its tick.
 */
export function LineChart({ id, title, measure, months, min, max, k, format }: Props) {
  const x = scalePoint<string>()
    .domain(months.map((m) => m.month))
    .range([MARGIN.left, WIDTH - MARGIN.right])
    .padding(0.3);
  const y = scaleLinear()
    .domain([min, max])
    .range([HEIGHT - MARGIN.bottom, MARGIN.top])
    .nice();
  const value = (cell: Published) => (cell.state === "shown" ? cell.value : null);
  const path =
    line<{ month: string; cell: Published }>()
      .defined((d) => value(d.cell) !== null)
      .x((d) => x(d.month) ?? 0)
      .y((d) => y(value(d.cell) ?? 0))(months) ?? "";
  const shown = months.filter((m) => m.cell.state === "shown").length;
  const hidden = months.filter((m) => m.cell.state === "suppressed").length;
  const empty = months.length - shown - hidden;
  const labelled = labelledMonths(months.map((m) => m.month));
  const band = Math.max(8, Math.min(40, x.step() * 0.8));
  const plotTop = y.range()[1]!;
  const plotBottom = y.range()[0]!;
  return (
    <div className="line-chart-box">
      <svg
        className="chart line-chart"
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        role="img"
        aria-labelledby={`${id}-title ${id}-desc`}
        preserveAspectRatio="xMidYMid meet"
      >
        <title id={`${id}-title`}>{title}</title>
        <desc id={`${id}-desc`}>
          {`${shown} of ${months.length} months shown`}
          {hidden ? `; ${hidden} hidden, with too few people to show, drawn as gaps` : ""}
          {empty ? `; ${empty} without answers` : ""}. The table beside has every value.
        </desc>
        <defs>
          <pattern id={`${id}-hatch`} width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
            <rect width="6" height="6" className="hatch-ground" />
            <line x1="0" y1="0" x2="0" y2="6" className="hatch-line" />
          </pattern>
        </defs>
        <g className="grid">
          {y.ticks(5).map((t) => (
            <g key={t} transform={`translate(0,${y(t)})`}>
              <line x1={MARGIN.left} x2={WIDTH - MARGIN.right} />
              <text x={MARGIN.left - 6} dy="0.32em" textAnchor="end">
                {format(t)}
              </text>
            </g>
          ))}
        </g>
        {months.map((m) =>
          m.cell.state === "suppressed" ? (
            <rect
              key={m.month}
              className="hidden-month"
              data-month={m.month}
              x={(x(m.month) ?? 0) - band / 2}
              y={plotTop}
              width={band}
              height={plotBottom - plotTop}
              fill={`url(#${id}-hatch)`}
            >
              <title>{`${shortMonthLabel(m.month)}: ${hiddenLabel(m.cell.reason, k)}`}</title>
            </rect>
          ) : null,
        )}
        <g className="x-axis">
          {months.map((m) => (
            <g key={m.month} transform={`translate(${x(m.month)},${plotBottom})`}>
              <line y1={0} y2={4} />
              {labelled.has(m.month) ? (
                <text y={16} textAnchor="middle">
                  {shortMonthLabel(m.month)}
                </text>
              ) : null}
            </g>
          ))}
        </g>
        <path className="series" d={path} />
        {months.map((m) => {
          const v = value(m.cell);
          if (v === null) return null;
          return (
            <circle key={m.month} className="point" cx={x(m.month) ?? 0} cy={y(v)} r={4}>
              <title>{`${shortMonthLabel(m.month)}: ${format(v)}`}</title>
            </circle>
          );
        })}
      </svg>
      <ul className="chart-legend" aria-label="Legend">
        <li>
          <svg className="swatch" viewBox="0 0 24 12" aria-hidden="true" focusable="false">
            <line x1="0" y1="6" x2="24" y2="6" className="series" />
            <circle cx="12" cy="6" r="3" className="point" />
          </svg>
          {measure}
        </li>
        {hidden ? (
          <li>
            <svg className="swatch" viewBox="0 0 24 12" aria-hidden="true" focusable="false">
              <rect width="24" height="12" fill={`url(#${id}-hatch)`} />
            </svg>
            Hidden month: fewer than {k} people, or it would reveal a smaller group (a gap, not a value)
          </li>
        ) : null}
        {empty ? <li className="muted">A gap without hatching: a month nobody answered</li> : null}
      </ul>
    </div>
  );
}
