import { scaleLinear, scalePoint } from "d3-scale";
import { line } from "d3-shape";
import { hiddenLabel, type Published } from "~/domain/anonymity";

interface Props {
  id: string;
  title: string;
  months: { month: string; label: string; cell: Published }[];
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
 * Suppressed months break the line and are marked on the axis.
 */
export function LineChart({ id, title, months, min, max, k, format }: Props) {
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
  return (
    <svg
      className="chart line-chart"
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      role="img"
      aria-labelledby={`${id}-title ${id}-desc`}
      preserveAspectRatio="xMidYMid meet"
    >
      <title id={`${id}-title`}>{title}</title>
      <desc id={`${id}-desc`}>
        {shown} of {months.length} months shown; the others have too few people to show. The table beside has every
        value.
      </desc>
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
      <g className="x-axis">
        {months.map((m) => (
          <text key={m.month} x={x(m.month)} y={HEIGHT - MARGIN.bottom + 16} textAnchor="middle">
            {m.label}
          </text>
        ))}
      </g>
      <path className="series" d={path} />
      {months.map((m) => {
        const v = value(m.cell);
        const cx = x(m.month) ?? 0;
        if (v !== null) {
          return (
            <circle key={m.month} className="point" cx={cx} cy={y(v)} r={4}>
              <title>{`${m.label}: ${format(v)}`}</title>
            </circle>
          );
        }
        if (m.cell.state !== "suppressed") return null;
        return (
          <g key={m.month} className="suppressed-mark" transform={`translate(${cx},${HEIGHT - MARGIN.bottom - 8})`}>
            <title>{`${m.label}: ${hiddenLabel(m.cell.reason, k)}`}</title>
            <line x1={-4} y1={-4} x2={4} y2={4} />
            <line x1={-4} y1={4} x2={4} y2={-4} />
          </g>
        );
      })}
    </svg>
  );
}
