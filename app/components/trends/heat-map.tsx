import { scaleLinear } from "d3-scale";
import { hiddenLabel, type Published } from "~/domain/anonymity";
import { LENS_LABELS } from "~/domain/checklist";
import { LENSES, type Lens } from "~/domain/enums";

interface Props {
  id: string;
  title: string;
  rows: { id: string; name: string; level: number; cells: Record<Lens, Published> }[];
  k: number;
}

const CELL_W = 96;
const CELL_H = 30;
const LABEL_W = 220;
const HEAD_H = 44;

/**
 * Teams by checklist lens, 1 (red) to 5 (green), drawn on the server; hidden cells are hatched, never coloured.
 * The ends of the scale are light enough that the dark value printed on any cell keeps 4.5:1 contrast.
 */
export function HeatMap({ id, title, rows, k }: Props) {
  const colour = scaleLinear<string>().domain([1, 3, 5]).range(["#dc6e62", "#f3efe0", "#4caf7a"]).clamp(true);
  const width = LABEL_W + CELL_W * LENSES.length;
  const height = HEAD_H + CELL_H * rows.length;
  return (
    <svg
      className="chart heat-map"
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-labelledby={`${id}-title ${id}-desc`}
    >
      <title id={`${id}-title`}>{title}</title>
      <desc id={`${id}-desc`}>
        Average checklist rating per team and lens; hatched cells are suppressed. The table beside has every value.
      </desc>
      <defs>
        <pattern id={`${id}-hatch`} width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
          <rect width="6" height="6" fill="#eef0f4" />
          <line x1="0" y1="0" x2="0" y2="6" stroke="#b7bdc9" strokeWidth="2" />
        </pattern>
      </defs>
      {LENSES.map((lens, c) => (
        <text key={lens} className="head" x={LABEL_W + c * CELL_W + CELL_W / 2} y={HEAD_H - 10} textAnchor="middle">
          {LENS_LABELS[lens].replace(" and alternatives", "")}
        </text>
      ))}
      {rows.map((row, r) => (
        <g key={row.id} transform={`translate(0,${HEAD_H + r * CELL_H})`}>
          <text className="label" x={row.level ? 18 : 4} y={CELL_H / 2} dy="0.32em">
            {row.name.length > 28 ? `${row.name.slice(0, 27)}…` : row.name}
          </text>
          {LENSES.map((lens, c) => {
            const cell = row.cells[lens];
            const shown = cell.state === "shown";
            const text = shown ? cell.value.toFixed(1) : cell.state === "empty" ? "—" : "hidden";
            const label = shown ? text : cell.state === "empty" ? "no ratings" : hiddenLabel(cell.reason, k);
            return (
              <g key={lens} transform={`translate(${LABEL_W + c * CELL_W},0)`}>
                <title>{`${row.name}, ${LENS_LABELS[lens]}: ${label}`}</title>
                <rect
                  width={CELL_W - 2}
                  height={CELL_H - 2}
                  fill={shown ? colour(cell.value) : cell.state === "empty" ? "#ffffff" : `url(#${id}-hatch)`}
                  stroke="#d9dde5"
                />
                <text
                  x={(CELL_W - 2) / 2}
                  y={(CELL_H - 2) / 2}
                  dy="0.32em"
                  textAnchor="middle"
                  className={shown ? "value" : "mark"}
                >
                  {text}
                </text>
              </g>
            );
          })}
        </g>
      ))}
    </svg>
  );
}
