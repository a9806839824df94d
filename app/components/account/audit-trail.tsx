import { useDates } from "~/utils/dates";

interface Event {
  id: string;
  actorName: string | null;
  entity: string;
  action: string;
  changes: Record<string, [unknown, unknown]>;
  at: string | Date;
}

const show = (v: unknown) => (v === null || v === undefined || v === "" ? "(empty)" : String(v).slice(0, 80));

/** Who changed what on an account, newest first. */
export function AuditTrail({ events }: { events: Event[] }) {
  const dates = useDates();
  if (!events.length) return <p className="empty">No changes recorded yet.</p>;
  return (
    <ol className="trail">
      {events.map((e) => (
        <li key={e.id}>
          <span className="muted">{dates.dateTime(e.at)}</span> · {e.actorName ?? "someone"} · {e.entity} {e.action}
          {Object.keys(e.changes).length ? (
            <span className="muted">
              {" "}
              (
              {Object.entries(e.changes)
                .slice(0, 4)
                .map(([field, [before, after]]) => `${field}: ${show(before)} → ${show(after)}`)
                .join("; ")}
              )
            </span>
          ) : null}
        </li>
      ))}
    </ol>
  );
}
