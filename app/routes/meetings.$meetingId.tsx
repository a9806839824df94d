import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Fragment } from "react";
import { allows } from "~/auth/authorize.server";
import { requireMeeting } from "~/http/guards.server";
import { safeRedirect } from "~/http/session.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { revalidateAfterConflict, UnclaimedReplyErrors, usePageReply } from "~/components/forms";
import { AgendaList } from "~/components/meetings/agenda-list";
import { CancelMeetingForm, FinishMeetingForm, RescheduleForm } from "~/components/meetings/meeting-run-forms";
import { MeetingRecord, type MeetingRecordProps } from "~/components/meetings/meeting-record";
import { MeetingSidebar } from "~/components/meetings/meeting-sidebar";
import { meetingTime } from "~/domain/agenda/record";
import { plural } from "~/domain/dates";
import { pairPath } from "~/domain/pair-link";
import { TopicPanel } from "~/components/meetings/topic-panel";
import { useLiveMeeting } from "~/components/meetings/use-live-meeting";
import { MeetingActionSchema } from "~/schemas/meetings";
import { getAgendaFor } from "~/services/agenda.server";
import {
  addActionItem,
  addNote,
  cancelMeeting,
  finishMeeting,
  rescheduleMeeting,
  setItemChecked,
} from "~/services/meeting-run.server";
import { getMeetingRecord } from "~/services/meeting-record.server";
import { hasAnsweredPulse } from "~/services/pulses.server";
import { writeOnce } from "~/services/submissions.server";
import { addTopic, moveTopic, removeTopic } from "~/services/topics.server";
import { readFormData } from "~/http/form-data.server";
import { useDates } from "~/utils/dates";
import { submissionKey } from "~/http/submission-key.server";
import { replyToServiceError } from "~/http/form-replies.server";
import { readWithReceipt } from "~/services/access-receipts.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  {
    title: data
      ? `1:1 with ${data.viewerIsReport ? data.meeting.managerName : data.meeting.reportName} · Rapport`
      : "1:1 · Rapport",
  },
];

// Only the pair sees a 1:1; to anyone else it does not exist. What each may do in it, the services decide.

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { viewer, db, loaded } = await requireMeeting(request, params.meetingId, "meeting:read");
  const viewerIsReport = viewer.id === loaded.meeting.reportId;
  const planned = loaded.meeting.status === "planned";
  // A planned 1:1 shows today's agenda; a finished one its record, as it was on the day.
  // The read and its count (the pair's manager) commit together (ADR 041); the report's own read leaves nothing.
  const [agenda, record, pulseAnswered] = await readWithReceipt(
    db,
    viewer,
    loaded.record.subject,
    "meeting",
    (tx) =>
      Promise.all([
        planned ? getAgendaFor(tx, viewer, loaded, new Date()) : Promise.resolve({ items: [], ownTopics: [] }),
        planned ? Promise.resolve(null) : getMeetingRecord(tx, viewer, loaded),
        viewerIsReport && loaded.meeting.status === "held"
          ? hasAnsweredPulse(tx, loaded.meeting.id)
          : Promise.resolve(true),
      ]),
    { recordId: loaded.meeting.id },
  );
  // Finish sends the manager here with ?finished: say it went through, and where the rest went.
  const justFinished = loaded.meeting.status === "held" && new URL(request.url).searchParams.has("finished");
  const reportId = loaded.meeting.reportId;
  // Where each item is acted on during the 1:1, for whoever is looking.
  const hrefFor = (section: string, refId: string): string | null => {
    switch (section) {
      case "goal":
        return viewerIsReport ? `/me/goals/${refId}` : `/people/${reportId}#goals`;
      case "commitment":
        return `/commitments/${refId}?redirectTo=/meetings/${loaded.meeting.id}`;
      case "risk":
        return `/people/${reportId}/risks/${refId}`;
      case "checklist":
        return viewerIsReport ? "/me/checklist" : `/people/${reportId}/checklist`;
      default:
        return null;
    }
  };
  return {
    meeting: loaded.meeting,
    viewerId: viewer.id,
    viewerIsReport,
    record,
    justFinished,
    canRun: allows(viewer, "meeting:run", loaded.record),
    // An earlier line's 1:1 the report shared with their manager now (ADR 043): theirs to read, not to write in.
    sharedEarlier: !viewerIsReport && viewer.id !== loaded.meeting.managerId,
    canWrite: allows(viewer, "meeting:write", loaded.record),
    agenda: { ...agenda, items: agenda.items.map((i) => ({ ...i, href: hrefFor(i.section, i.refId) })) },
    notes: loaded.notes,
    pulseOpen: viewerIsReport && loaded.meeting.status === "held" && !pulseAnswered,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  // Every write is the pair's: a manager reading a shared earlier 1:1 (ADR 043) writes nothing in it.
  const { viewer, db, loaded } = await requireMeeting(request, params.meetingId, "meeting:write");
  const formData = await readFormData(request);
  const submission = parseWithZod(formData, { schema: MeetingActionSchema });
  if (submission.status !== "success") return data({ ...submission.reply(), conflict: null }, { status: 400 });
  const input = submission.value;
  // Adding is what a double click would do twice: each add claims the form's key (ADR 031).
  const once = <T,>(write: (tx: typeof db) => Promise<T>) =>
    writeOnce(db, viewer.id, submissionKey(formData), new Date(), write);
  try {
    switch (input.intent) {
      case "add-topic":
        await once((tx) => addTopic(tx, viewer, loaded, input));
        break;
      case "move-topic":
        await moveTopic(db, viewer, loaded, input.topicId, input.direction);
        break;
      case "remove-topic":
        await removeTopic(db, viewer, loaded, input.topicId);
        break;
      case "check":
        await setItemChecked(db, viewer, loaded, input.itemKey, input.checked);
        return { ok: true };
      case "add-note":
        await once((tx) => addNote(tx, viewer, loaded, input));
        break;
      case "add-action":
        await once((tx) => addActionItem(tx, viewer, loaded, input));
        break;
      case "reschedule":
        await rescheduleMeeting(db, viewer, loaded, input, new Date());
        break;
      case "cancel": {
        const { nextMeetingId } = await cancelMeeting(db, viewer, loaded, input.version, new Date());
        return redirect(`/meetings/${nextMeetingId}`);
      }
      case "finish": {
        const { nextMeetingId } = await finishMeeting(db, viewer, loaded, input.version, new Date());
        return redirect(`/meetings/${loaded.meeting.id}?finished=${nextMeetingId}`);
      }
    }
  } catch (error) {
    return replyToServiceError(submission, error);
  }
  return redirect(safeRedirect(formData.get("redirectTo"), `/meetings/${loaded.meeting.id}`));
}

/** A stale move, cancel or finish reloads the 1:1 as it is now. */
export const shouldRevalidate = revalidateAfterConflict;

export default function MeetingPage() {
  const dates = useDates();
  const {
    meeting,
    viewerId,
    viewerIsReport,
    record,
    justFinished,
    canRun,
    sharedEarlier,
    canWrite,
    agenda,
    notes,
    pulseOpen,
  } = useLoaderData<typeof loader>();
  const time = meetingTime(meeting);
  const other = viewerIsReport ? meeting.managerName : meeting.reportName;
  const planned = meeting.status === "planned";
  // What either of the pair writes shows on the other's page without a reload (a finish, a late note too).
  useLiveMeeting(meeting.id, true);
  // Without JavaScript, a refused move or cancel comes back with its answer inside: open the fold.
  const rescheduleReply = usePageReply({ intent: "reschedule" });
  const cancelReply = usePageReply({ intent: "cancel" });
  // The forms shown answer for themselves; anything else sent here without JavaScript is said at the top.
  const claims = [
    ...(canWrite ? [{ intent: "add-note" }, { intent: "add-action" }] : []),
    ...(planned
      ? [
          { intent: "add-topic" },
          ...agenda.ownTopics.map((t) => ({ topicId: t.id })),
          ...(canRun
            ? [
                { intent: "reschedule" },
                { intent: "cancel" },
                { intent: "finish" },
                ...agenda.items.map((i) => ({ intent: "check", itemKey: i.key })),
              ]
            : []),
        ]
      : []),
  ];
  return (
    // Another record is another page: no form keeps the last one's text or reply.
    <Fragment key={meeting.id}>
      <h1>{sharedEarlier ? `${meeting.reportName}'s 1:1 with ${meeting.managerName}` : `1:1 with ${other}`}</h1>
      <p className="lede">
        {time.word === "held" ? "Held " : time.word === "cancelled" ? "Was planned for " : ""}
        <time dateTime={new Date(time.at).toISOString()}>{dates.dateTime(time.at)}</time> · {meeting.lengthMinutes}{" "}
        minutes · <span className={`badge ${meeting.status === "held" ? "ok" : ""}`}>{meeting.status}</span>
        {planned ? (
          <>
            {" "}
            · <a href={`/meetings/${meeting.id}/calendar.ics`}>add to calendar</a>
          </>
        ) : null}
        {meeting.seriesId && !sharedEarlier ? (
          <>
            {" "}
            · <Link to={pairPath(meeting.seriesId)}>link to your next 1:1 together</Link>{" "}
            <span className="muted">(it stays the same: paste it into your own calendar event)</span>
          </>
        ) : null}
      </p>
      {sharedEarlier ? (
        <p className="alert" role="note">
          Shared by {meeting.reportName} from an earlier manager: they held this 1:1 with {meeting.managerName} and let
          you read it. You can read it, not add to it; they can take it back at any time.
        </p>
      ) : null}
      {justFinished && record ? <FinishedNotice record={record} /> : null}
      {canRun && planned ? (
        <details className="card" open={rescheduleReply || cancelReply ? true : undefined}>
          <summary>Move or cancel this 1:1</summary>
          <RescheduleForm meeting={meeting} />
          <CancelMeetingForm meeting={meeting} />
        </details>
      ) : null}
      <UnclaimedReplyErrors id="meeting-errors" claims={claims} />
      {pulseOpen ? (
        <p className="alert ok">
          How was this 1:1? <Link to={`/meetings/${meeting.id}/pulse`}>Answer the four-question pulse</Link> — only
          anonymized totals ever leave it.
        </p>
      ) : null}
      <div className="two-col">
        {record ? (
          <div>
            <MeetingRecord
              meetingStatus={meeting.status === "cancelled" ? "cancelled" : "held"}
              viewerId={viewerId}
              viewerIsReport={viewerIsReport}
              {...record}
            />
          </div>
        ) : (
          <section className="card" aria-labelledby="agenda">
            <h2 id="agenda">Prepared agenda</h2>
            <AgendaList items={agenda.items} canTick={canRun} viewerIsReport={viewerIsReport} />
            {canRun ? <FinishMeetingForm meeting={meeting} /> : null}
          </section>
        )}
        <div>
          {planned && canWrite ? <TopicPanel topics={agenda.ownTopics} /> : null}
          <MeetingSidebar notes={notes} viewerIsReport={viewerIsReport} otherName={other} canWrite={canWrite} />
        </div>
      </div>
    </Fragment>
  );
}

/** Said once, right after Finish: it went through, what moved on, and the way to the next 1:1. */
function FinishedNotice({ record }: { record: Pick<MeetingRecordProps, "notDiscussed" | "next"> }) {
  const dates = useDates();
  const moved = record.notDiscussed.filter((t) => t.carriedToMeetingId).length;
  return (
    <div className="alert ok" role="status">
      This 1:1 is finished.{" "}
      {moved ? `${plural(moved, "topic")} not discussed moved to the next one` : "No topic was left over"}, and open
      follow-ups go with it.{" "}
      {record.next ? (
        <Link to={`/meetings/${record.next.id}`}>Open the next 1:1, {dates.dateTime(record.next.scheduledAt)}</Link>
      ) : null}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
