import { Link } from "@remix-run/react";
import type { AgendaSection } from "~/domain/agenda/types";
import { useDates } from "~/utils/dates";
import { sectionLabel } from "./agenda-list";

interface RecordItem {
  key: string;
  section: AgendaSection;
  title: string;
  privateTo: string | null;
}

interface FollowUp {
  id: string;
  title: string;
  ownerId: string;
  ownerName: string;
  dueOn: string | null;
  status: "open" | "done" | "dropped";
}

export interface MeetingRecordProps {
  meetingStatus: "held" | "cancelled";
  viewerId: string;
  viewerIsReport: boolean;
  discussed: RecordItem[];
  notDiscussed: (RecordItem & { carriedToMeetingId: string | null })[];
  followUps: FollowUp[];
  next: { id: string; scheduledAt: string | Date } | null;
}

/**
 * What a finished 1:1 leaves behind: what was discussed, what was not and
 * where it went, the follow-ups agreed in it, and the way to the next one.
 * Read from what was stored, so it stays as it was on the day.
 */
export function MeetingRecord({
  meetingStatus,
  viewerId,
  viewerIsReport,
  discussed,
  notDiscussed,
  followUps,
  next,
}: MeetingRecordProps) {
  const dates = useDates();
  return (
    <>
      {meetingStatus === "held" ? (
        <section className="card" aria-labelledby="discussed">
          <h2 id="discussed">Discussed</h2>
          {discussed.length ? (
            <ul className="plain record-list">
              {discussed.map((i) => (
                <li key={i.key} data-section={i.section}>
                  <span aria-hidden="true">✓ </span>
                  <span className="badge">{sectionLabel(i.section, viewerIsReport)}</span>{" "}
                  <span className="record-title">{i.title}</span>
                  {i.privateTo ? <span className="badge">private</span> : null}
                </li>
              ))}
            </ul>
          ) : (
            <p className="empty">Nothing was ticked as discussed.</p>
          )}
        </section>
      ) : null}
      <section className="card" aria-labelledby="carried-over">
        <h2 id="carried-over">{meetingStatus === "held" ? "Not discussed: moved on" : "Moved on"}</h2>
        {notDiscussed.length ? (
          <ul className="plain record-list">
            {notDiscussed.map((i) => (
              <li key={i.key} data-section={i.section}>
                <span className="badge">{sectionLabel(i.section, viewerIsReport)}</span>{" "}
                <span className="record-title">{i.title}</span>
                {i.privateTo ? <span className="badge">private</span> : null}{" "}
                {i.carriedToMeetingId ? (
                  <Link to={`/meetings/${i.carriedToMeetingId}`} className="small">
                    on the next 1:1&apos;s agenda
                  </Link>
                ) : null}
              </li>
            ))}
          </ul>
        ) : (
          <p className="empty">Every topic was discussed: nothing moved on.</p>
        )}
        <p className="muted">
          Open follow-ups come back on every 1:1 until they are done or dropped.{" "}
          {next ? (
            <>
              Next 1:1: <Link to={`/meetings/${next.id}`}>{dates.dateTime(next.scheduledAt)}</Link>.
            </>
          ) : null}
        </p>
      </section>
      <section className="card" aria-labelledby="follow-ups-agreed">
        <h2 id="follow-ups-agreed">Follow-ups agreed</h2>
        {followUps.length ? (
          <ul className="plain record-list">
            {followUps.map((f) => (
              <li key={f.id}>
                <span className="record-title">{f.title}</span>{" "}
                <span className="muted small">
                  {f.ownerId === viewerId ? "yours" : `${f.ownerName}'s`}
                  {f.dueOn ? `, due ${dates.date(f.dueOn)}` : ""}
                </span>{" "}
                <span className={`badge ${f.status === "done" ? "ok" : ""}`}>{f.status}</span>
              </li>
            ))}
          </ul>
        ) : (
          <p className="empty">No follow-up was agreed in this 1:1.</p>
        )}
        <p className="muted">
          <Link to="/follow-ups">All your follow-ups</Link>
        </p>
      </section>
    </>
  );
}
