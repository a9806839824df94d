import { auditSentence, type TrailEvent } from "~/domain/audit-sentences";
import { useDates } from "~/utils/dates";

interface Props {
  events: (TrailEvent & { id: string; at: string | Date })[];
  /** Who reads the trail: their own changes read "You …". */
  readerId: string;
  pointTitles: Readonly<Record<number, string>>;
}

/** Who changed what on an account, newest first, one sentence each. */
export function AuditTrail({ events, readerId, pointTitles }: Props) {
  const dates = useDates();
  if (!events.length) return <p className="empty">No changes recorded yet.</p>;
  return (
    <ol className="trail">
      {events.map((e) => (
        <li key={e.id}>
          {auditSentence(e, { readerId, pointTitles })}. <span className="muted small">{dates.dateTime(e.at)}</span>
        </li>
      ))}
    </ol>
  );
}
