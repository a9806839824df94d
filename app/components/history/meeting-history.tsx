import { Link } from "@remix-run/react";
import { followUpStanding, type FollowUpStanding } from "~/domain/history";
import { useDates } from "~/utils/dates";

/** A 1:1 as the report's history shows it (app/services/history.server.ts, serialized). */
export interface HistoryEntry {
  id: string;
  status: "planned" | "held";
  scheduledAt: string | Date;
  heldAt: string | Date | null;
  managerName: string;
  notes: { id: string; authorName: string; mine: boolean; visibility: "shared" | "private"; body: string }[];
  topics: { id: string; title: string; details: string; discussed: boolean; mine: boolean; private: boolean }[];
  followUps: {
    id: string;
    title: string;
    status: "open" | "done" | "dropped";
    dueOn: string | null;
    mine: boolean;
    ownerName: string;
  }[];
}

const STANDING_BADGE: Record<FollowUpStanding, string> = { open: "", overdue: "bad", done: "ok", dropped: "" };

function FollowUps({ items, today }: { items: HistoryEntry["followUps"]; today: string }) {
  const dates = useDates();
  return (
    <ul className="history-follow-ups">
      {items.map((f) => {
        const standing = followUpStanding(f, today);
        return (
          <li key={f.id}>
            {f.title}{" "}
            <span className="muted small">
              {f.mine ? "yours" : f.ownerName}
              {f.dueOn ? `, due ${dates.date(f.dueOn)}` : ""}
            </span>{" "}
            <span className={`badge ${STANDING_BADGE[standing]}`}>{standing}</span>
          </li>
        );
      })}
    </ul>
  );
}

function Notes({ notes }: { notes: HistoryEntry["notes"] }) {
  return (
    <ul className="history-notes">
      {notes.map((n) => (
        <li key={n.id}>
          <p className="note-body">{n.body}</p>
          <p className="muted small">
            {n.mine ? "You" : n.authorName}
            {n.visibility === "private" ? " · private: only you see it" : " · shared"}
          </p>
        </li>
      ))}
    </ul>
  );
}

/** One 1:1: when and with whom, what was discussed, the notes, and what was agreed. */
function MeetingEntry({ meeting, today }: { meeting: HistoryEntry; today: string }) {
  const dates = useDates();
  const next = meeting.status === "planned";
  const when = dates.dateTime(meeting.heldAt ?? meeting.scheduledAt);
  const discussed = meeting.topics.filter((t) => t.discussed);
  const open = meeting.topics.filter((t) => !t.discussed);
  const headingId = `history-${meeting.id}`;
  return (
    <article className="card history-meeting" aria-labelledby={headingId} data-testid="history-meeting">
      <h2 id={headingId}>
        <Link to={`/meetings/${meeting.id}`}>
          {next ? "Next 1:1" : "1:1"} on {when}
        </Link>{" "}
        <span className="muted small">with {meeting.managerName}</span>
      </h2>
      {next ? (
        <>
          <h3>On the agenda so far</h3>
          {open.length || discussed.length ? (
            <ul>
              {[...discussed, ...open].map((t) => (
                <li key={t.id}>
                  {t.title} {t.private ? <span className="badge">private: only you see it</span> : null}
                </li>
              ))}
            </ul>
          ) : (
            <p className="empty">No topics yet. Open the 1:1 to add one.</p>
          )}
        </>
      ) : (
        <>
          <h3>Discussed</h3>
          {discussed.length ? (
            <ul>
              {discussed.map((t) => (
                <li key={t.id}>
                  {t.title}
                  {t.details ? <span className="muted"> · {t.details}</span> : null}
                </li>
              ))}
            </ul>
          ) : (
            <p className="empty">No topic was ticked as discussed.</p>
          )}
          {open.length ? (
            <p className="muted small">Not reached, carried to the next 1:1: {open.map((t) => t.title).join("; ")}</p>
          ) : null}
        </>
      )}
      {meeting.notes.length ? (
        <>
          <h3>Notes</h3>
          <Notes notes={meeting.notes} />
        </>
      ) : next ? null : (
        <p className="empty">No notes were shared in this 1:1.</p>
      )}
      {meeting.followUps.length ? (
        <>
          <h3>Follow-ups agreed</h3>
          <FollowUps items={meeting.followUps} today={today} />
        </>
      ) : null}
    </article>
  );
}

export function MeetingHistory({ meetings, today }: { meetings: HistoryEntry[]; today: string }) {
  if (!meetings.length) return <p className="empty">No 1:1s yet. Your first one will show here.</p>;
  return (
    <>
      {meetings.map((m) => (
        <MeetingEntry key={m.id} meeting={m} today={today} />
      ))}
    </>
  );
}
