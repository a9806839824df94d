import { ALTERNATIVES_POINT, LENS_LABELS, type PointStanding } from "~/domain/checklist";
import type { Lens } from "~/domain/enums";
import { useDates } from "~/utils/dates";
import { TableScroll } from "~/components/table-scroll";

interface Props {
  points: { key: number; lens: Lens; title: string }[];
  standings: (PointStanding & { managerTrend: number[]; selfTrend: number[] })[];
}

function Gap({ gap }: { gap: number | null }) {
  if (gap === null) return <span className="muted">—</span>;
  if (gap === 0) return <span>0</span>;
  // Positive: we rate it higher than they do — the blind spot worth asking about.
  return (
    <span
      className={gap > 0 ? "gap-pos" : "gap-neg"}
      title={gap > 0 ? "You rate this higher than they do" : "They rate this higher than you do"}
    >
      {gap > 0 ? `+${gap}` : gap}
    </span>
  );
}

/** Each point's latest manager and self rating, the gap, and the recent trend of each side. */
export function ChecklistStanding({ points, standings }: Props) {
  const dates = useDates();
  const byKey = new Map(standings.map((s) => [s.pointKey, s]));
  return (
    <TableScroll label="Checklist table">
      <caption className="visually-hidden">Checklist: latest ratings and the manager/self gap per point</caption>
      <thead>
        <tr>
          <th scope="col">Point</th>
          <th scope="col">Lens</th>
          <th scope="col">Manager</th>
          <th scope="col">Self</th>
          <th scope="col">Gap</th>
          <th scope="col">Over time (manager · self)</th>
          <th scope="col">Last rated</th>
        </tr>
      </thead>
      <tbody>
        {points.map((p) => {
          const s = byKey.get(p.key);
          if (p.key === ALTERNATIVES_POINT) {
            return (
              <tr key={p.key}>
                <th scope="row">
                  {p.key}. {p.title}
                </th>
                <td>{LENS_LABELS[p.lens]}</td>
                <td colSpan={5} className="muted">
                  Not scored: ask &ldquo;what would make you want to stay?&rdquo; as an open conversation.
                </td>
              </tr>
            );
          }
          return (
            <tr key={p.key}>
              <th scope="row">
                {p.key}. {p.title}
              </th>
              <td>{LENS_LABELS[p.lens]}</td>
              <td>{s?.manager ?? "—"}</td>
              <td>{s?.self ?? "—"}</td>
              <td>
                <Gap gap={s?.gap ?? null} />
              </td>
              <td className="muted">
                {s?.managerTrend.length ? s.managerTrend.join(" → ") : "—"} ·{" "}
                {s?.selfTrend.length ? s.selfTrend.join(" → ") : "—"}
              </td>
              <td>{dates.date(s?.lastAssessedAt ?? null)}</td>
            </tr>
          );
        })}
      </tbody>
    </TableScroll>
  );
}
