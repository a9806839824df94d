import { auditSentence, type TrailEvent } from "~/domain/audit-sentences";
import { formatDateTime } from "~/utils/format";

interface Props {
  events: (TrailEvent & { id: string; at: string | Date })[];
  /** Who reads the trail: their own changes read "You …". */
  readerId: string;
  pointTitles: Readonly<Record<number, string>>;
}

/** Who changed what on an account, newest first, one sentence each. */
export function AuditTrail({ events, readerId, pointTitles }: Props) {
  if (!events.length) return <p className="empty">No changes recorded yet.</p>;
  return (
    <ol className="trail">
      {events.map((e) => (
        <li key={e.id}>
          {auditSentence(e, { readerId, pointTitles })}. <span className="muted small">{formatDateTime(e.at)}</span>
        </li>
      ))}
    </ol>
  );
}
