import { TableScroll } from "~/components/table-scroll";
import { Link } from "@remix-run/react";
import { useDates } from "~/utils/dates";

/** One 1:1 of the account's history; `canOpen` when the viewer is the pair's manager. */
export interface HistoryMeeting {
  id: string;
  scheduledAt: string | Date;
  heldAt: string | Date | null;
  status: string;
  managerName: string;
  canOpen: boolean;
  /** The report's name when they shared this earlier line's 1:1 with the viewer (ADR 043). */
  sharedBy: string | null;
}

/** A past 1:1 that was planned and never held or cancelled is "not held", not "planned". */
const PAST_STATUS: Record<string, string> = { held: "held", cancelled: "cancelled", planned: "not held" };

/** The way into the next 1:1 from the account page, or to planning one when none is planned. */
export function NextMeetingLink({ next, personId }: { next: HistoryMeeting | null; personId: string }) {
  const dates = useDates();
  if (next?.canOpen) {
    return (
      <Link className="button" to={`/meetings/${next.id}`}>
        Open the next 1:1 <span className="small">({dates.dateTime(next.scheduledAt)})</span>
      </Link>
    );
  }
  return (
    <Link className="button" to={`/people/${personId}/rhythm`}>
      Plan the next 1:1
    </Link>
  );
}

function When({ meeting }: { meeting: HistoryMeeting }) {
  const dates = useDates();
  const when = dates.dateTime(meeting.heldAt ?? meeting.scheduledAt);
  return meeting.canOpen ? <Link to={`/meetings/${meeting.id}`}>{when}</Link> : <>{when}</>;
}

/** The next 1:1 first, then the past ones newest first. */
export function MeetingHistory({ next, past }: { next: HistoryMeeting | null; past: HistoryMeeting[] }) {
  if (!next && !past.length) return <p className="empty">No 1:1s yet.</p>;
  return (
    <TableScroll label="1:1 history table">
      <caption className="visually-hidden">The next 1:1, then past 1:1s, newest first</caption>
      <thead>
        <tr>
          <th scope="col">When</th>
          <th scope="col">With</th>
          <th scope="col">Status</th>
        </tr>
      </thead>
      <tbody>
        {next ? (
          <tr data-testid="next-meeting">
            <td>
              <When meeting={next} />
            </td>
            <td>{next.managerName}</td>
            <td>
              <span className="badge ok">next</span>
            </td>
          </tr>
        ) : null}
        {past.map((m) => (
          <tr key={m.id}>
            <td>
              <When meeting={m} />
            </td>
            <td>
              {m.managerName}
              {m.sharedBy ? (
                <span className="muted small"> · shared by {m.sharedBy} from an earlier manager</span>
              ) : null}
            </td>
            <td>{PAST_STATUS[m.status] ?? m.status}</td>
          </tr>
        ))}
      </tbody>
    </TableScroll>
  );
}
