import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { allows } from "~/auth/authorize.server";
import { requireMeeting } from "~/http/guards.server";
import { safeRedirect } from "~/http/session.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FormErrors } from "~/components/forms";
import { AgendaList } from "~/components/meetings/agenda-list";
import { MeetingSidebar } from "~/components/meetings/meeting-sidebar";
import { TopicPanel } from "~/components/meetings/topic-panel";
import { MeetingActionSchema } from "~/schemas/meetings";
import { getAgendaFor } from "~/services/agenda.server";
import { addActionItem, addNote, cancelMeeting, finishMeeting, rescheduleMeeting, setItemChecked } from "~/services/meeting-run.server";
import { hasAnsweredPulse } from "~/services/pulses.server";
import { addTopic, moveTopic, removeTopic } from "~/services/topics.server";
import { readFormData } from "~/http/form-data.server";
import { formatDateTime } from "~/utils/format";
import { replyToServiceError } from "~/http/form-replies.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `1:1 with ${data.viewerIsReport ? data.meeting.managerName : data.meeting.reportName} · Rapport` : "1:1 · Rapport" },
];

// Only the pair sees a 1:1; to anyone else it does not exist. What each may do in it, the services decide.

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { viewer, db, loaded } = await requireMeeting(request, params.meetingId, "meeting:read");
  const viewerIsReport = viewer.id === loaded.meeting.reportId;
  const [agenda, pulseAnswered] = await Promise.all([
    getAgendaFor(db, viewer, loaded, new Date()),
    viewerIsReport && loaded.meeting.status === "held" ? hasAnsweredPulse(db, loaded.meeting.id) : Promise.resolve(true),
  ]);
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
    viewerIsReport,
    canRun: allows(viewer, "meeting:run", loaded.record),
    agenda: { ...agenda, items: agenda.items.map((i) => ({ ...i, href: hrefFor(i.section, i.refId) })) },
    notes: loaded.notes,
    pulseOpen: viewerIsReport && loaded.meeting.status === "held" && !pulseAnswered,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { viewer, db, loaded } = await requireMeeting(request, params.meetingId, "meeting:read");
  const formData = await readFormData(request);
  const submission = parseWithZod(formData, { schema: MeetingActionSchema });
  if (submission.status !== "success") return data({ ...submission.reply(), conflict: null }, { status: 400 });
  const input = submission.value;
  try {
    switch (input.intent) {
      case "add-topic":
        await addTopic(db, viewer, loaded, input);
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
        await addNote(db, viewer, loaded, input);
        break;
      case "add-action":
        await addActionItem(db, viewer, loaded, input);
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

export default function MeetingPage() {
  const { meeting, viewerIsReport, canRun, agenda, notes, pulseOpen } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors = result && "error" in result ? result.error : null;
  const other = viewerIsReport ? meeting.managerName : meeting.reportName;
  const planned = meeting.status === "planned";
  return (
    <>
      <h1>1:1 with {other}</h1>
      <p className="lede">
        {formatDateTime(meeting.scheduledAt)} · {meeting.lengthMinutes} minutes ·{" "}
        <span className={`badge ${meeting.status === "held" ? "ok" : ""}`}>{meeting.status}</span> ·{" "}
        <a href={`/meetings/${meeting.id}/calendar.ics`}>add to calendar</a>
      </p>
      {canRun && planned ? (
        <details className="card">
          <summary>Move or cancel this 1:1</summary>
          <Form method="post" className="inline-fields">
            <input type="hidden" name="intent" value="reschedule" />
            <input type="hidden" name="version" value={meeting.version} />
            <label htmlFor="move-to">Move to (UTC)</label>
            <input id="move-to" name="scheduledAt" type="datetime-local" required defaultValue={new Date(meeting.scheduledAt).toISOString().slice(0, 16)} />
            <button type="submit" className="secondary">
              Move
            </button>
          </Form>
          <Form method="post" className="inline-fields">
            <input type="hidden" name="intent" value="cancel" />
            <input type="hidden" name="version" value={meeting.version} />
            <button type="submit" className="danger">
              Cancel this 1:1
            </button>
            <span className="muted">Its topics move to the next one.</span>
          </Form>
        </details>
      ) : null}
      <FormErrors id="meeting-errors" errors={errors?.[""] ?? null} />
      {pulseOpen ? (
        <p className="alert ok">
          How was this 1:1? <Link to={`/meetings/${meeting.id}/pulse`}>Answer the four-question pulse</Link> — only
          anonymized totals ever leave it.
        </p>
      ) : null}
      <div className="two-col">
        <section className="card" aria-labelledby="agenda">
          <h2 id="agenda">{planned ? "Prepared agenda" : "Agenda"}</h2>
          <AgendaList items={agenda.items} canTick={canRun && planned} />
          {canRun && planned ? (
            <Form method="post" className="actions" style={{ marginTop: "1rem" }}>
              <input type="hidden" name="intent" value="finish" />
              <input type="hidden" name="version" value={meeting.version} />
              <button type="submit">Finish meeting</button>
              <span className="muted">Open follow-ups and topics not discussed move to the next 1:1.</span>
            </Form>
          ) : null}
        </section>
        <div>
          {planned ? <TopicPanel topics={agenda.ownTopics} errors={errors} /> : null}
          <MeetingSidebar notes={notes} viewerIsReport={viewerIsReport} otherName={other} errors={errors} />
        </div>
      </div>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
