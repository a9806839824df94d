import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Fragment } from "react";
import { allows } from "~/auth/authorize.server";
import { relationship } from "~/auth/policies";
import { requireCommitment } from "~/http/guards.server";
import { safeRedirect } from "~/http/session.server";
import { CheckInForm, RemorseForm, TransitionForm } from "~/components/commitments/commitment-actions";
import { CommitmentForm } from "~/components/commitments/commitment-form";
import type { CommitmentViewerRole } from "~/components/commitments/commitment-list";
import { CommitmentBadges } from "~/components/commitments/commitment-status";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { revalidateAfterConflict, UnclaimedReplyErrors } from "~/components/forms";
import { CHECK_IN_STATES, TRANSITIONS } from "~/domain/commitments";
import { managerWords, personWord } from "~/domain/voice";
import { CommitmentActionSchema } from "~/schemas/commitments";
import { readWithReceipt } from "~/services/access-receipts.server";
import { getPersonName } from "~/services/account.server";
import {
  answerRemorseCheck,
  checkIn,
  editCommitment,
  getCommitment,
  transitionCommitment,
} from "~/services/commitments.server";
import { readFormData } from "~/http/form-data.server";
import { useDates } from "~/utils/dates";
import { replyToServiceError } from "~/http/form-replies.server";
import { notFound } from "~/http/errors.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.commitment.change ?? "Commitment"} · Rapport` },
];

const ROLE: Record<ReturnType<typeof relationship>, CommitmentViewerRole | null> = {
  self: "report",
  "direct-manager": "manager",
  "skip-level-manager": "skip-level",
  none: null,
};

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { viewer, db, subject, commitmentId } = await requireCommitment(
    request,
    params.commitmentId,
    "commitment:read",
  );
  const [commitment, personName] = await readWithReceipt(
    db,
    viewer,
    subject,
    "commitment",
    (tx) => Promise.all([getCommitment(tx, viewer, subject, commitmentId, new Date()), getPersonName(tx, subject.id)]),
    { recordId: commitmentId, when: ([found]) => found !== null },
  );
  if (!commitment) throw notFound();
  const viewerRole = ROLE[relationship(viewer, subject)] ?? "skip-level";
  const canWrite = allows(viewer, "commitment:write", { subject });
  return {
    commitment,
    personName,
    personId: subject.id,
    readerId: viewer.id,
    viewerRole,
    canWrite,
    canEdit: canWrite && commitment.open,
    canCheckIn: canWrite && CHECK_IN_STATES.includes(commitment.state),
    nextStates: canWrite ? TRANSITIONS[commitment.state] : [],
    canAnswerRemorse: allows(viewer, "commitment:answer-remorse", { subject }) && commitment.remorseDue,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { viewer, db, subject, commitmentId } = await requireCommitment(
    request,
    params.commitmentId,
    "commitment:write",
  );
  const formData = await readFormData(request);
  const submission = parseWithZod(formData, { schema: CommitmentActionSchema });
  if (submission.status !== "success") return data({ ...submission.reply(), conflict: null }, { status: 400 });
  const input = submission.value;
  try {
    switch (input.intent) {
      case "edit": {
        const { intent: _intent, ...fields } = input;
        await editCommitment(db, viewer, subject, commitmentId, fields, new Date());
        break;
      }
      case "transition":
        await transitionCommitment(db, viewer, subject, commitmentId, input, new Date());
        break;
      case "check-in":
        await checkIn(db, viewer, subject, commitmentId, input, new Date());
        break;
      case "remorse":
        await answerRemorseCheck(db, viewer, subject, commitmentId, input, new Date());
        break;
    }
  } catch (error) {
    return replyToServiceError(submission, error);
  }
  return redirect(safeRedirect(formData.get("redirectTo"), `/commitments/${commitmentId}`));
}

/**
 * After a stale save (409) reload the record, so the page shows where the
 * commitment stands now; the forms keep what was typed.
 */
export const shouldRevalidate = revalidateAfterConflict;

export default function CommitmentPage() {
  const dates = useDates();
  const page = useLoaderData<typeof loader>();
  const { commitment: c } = page;
  const claims = [
    { intent: "transition" },
    ...(page.canAnswerRemorse ? [{ intent: "remorse" }] : []),
    ...(page.canEdit ? [{ intent: "edit" }] : []),
    ...(page.canCheckIn ? [{ intent: "check-in" }] : []),
  ];
  const back =
    page.viewerRole === "report"
      ? { to: "/me", label: "Back to Me" }
      : { to: `/people/${page.personId}`, label: `Back to ${page.personName}` };
  return (
    // Another record is another page: no form keeps the last one's text or reply.
    <Fragment key={c.id}>
      <p className="small">
        <Link to={back.to}>← {back.label}</Link>
      </p>
      <h1>{c.change}</h1>
      <p className="lede">
        {page.viewerRole === "report" ? "Your change" : `${page.personName}'s change`} ·{" "}
        <CommitmentBadges commitment={c} /> ·{" "}
        <span className={c.stalled ? "stalled-text" : undefined} data-testid="commitment-description">
          {page.viewerRole === "report" && c.remorseDue ? "done a while ago: are you still glad of it?" : c.description}
        </span>
      </p>
      <UnclaimedReplyErrors id="commitment-errors" claims={claims} />
      {page.viewerRole === "skip-level" ? (
        <p className="alert warn">
          You are reading this as a skip-level manager: nothing here can be changed from your view.
        </p>
      ) : null}

      <div className="two-col">
        <div>
          <section className="card" aria-labelledby="agreed">
            <h2 id="agreed">What was agreed</h2>
            <dl className="commitment-facts">
              <dt>Why now: the pain of doing nothing</dt>
              <dd>{c.painOfDoingNothing || <span className="empty">Not written down.</span>}</dd>
              <dt>First step</dt>
              <dd>
                {c.firstStep || <span className="empty">Not written down.</span>}{" "}
                {c.firstStepDone ? <span className="badge ok">done</span> : null}
              </dd>
              <dt>Support {managerWords(page.viewerRole)} promised</dt>
              <dd>{c.managerSupport || <span className="empty">Not written down.</span>}</dd>
              <dt>Check-ins</dt>
              <dd>
                every {c.checkInEveryDays} days
                {c.checkInDueAt ? ` · next by ${dates.date(c.checkInDueAt)}` : ""}
              </dd>
              <dt>History</dt>
              <dd>
                proposed by {personWord(page.readerId, { id: c.createdBy, name: c.createdByName })} on{" "}
                {dates.date(c.createdAt)}
                {c.committedAt ? ` · committed ${dates.date(c.committedAt)}` : ""}
                {c.finishedAt ? ` · ${c.state === "done" ? "done" : "abandoned"} ${dates.date(c.finishedAt)}` : ""}
              </dd>
              {c.state === "done" ? (
                <>
                  <dt>Still glad of it?</dt>
                  <dd>
                    {c.remorseAnsweredAt
                      ? `${c.stillGlad ? "Yes" : "Not really"} (answered ${dates.date(c.remorseAnsweredAt)})${c.remorseNote ? `: ${c.remorseNote}` : ""}`
                      : c.remorseDue
                        ? "Time to ask."
                        : `We will ask on ${dates.date(c.remorseCheckDueOn)}.`}
                  </dd>
                </>
              ) : null}
            </dl>
            <TransitionForm version={c.version} nextStates={page.nextStates} />
          </section>

          {page.canAnswerRemorse ? (
            <section className="card" aria-labelledby="still-glad-heading" id="still-glad">
              <h2 id="still-glad-heading">Still glad of it?</h2>
              <RemorseForm version={c.version} />
            </section>
          ) : null}

          {page.canEdit ? (
            <section className="card" aria-labelledby="wording">
              <h2 id="wording">Wording</h2>
              <CommitmentForm
                commitment={c}
                voice={page.viewerRole === "report" ? "report" : "manager"}
                submitLabel="Save wording"
                cancelHref={back.to}
              />
            </section>
          ) : null}
        </div>

        <section className="card" aria-labelledby="check-ins">
          <h2 id="check-ins">Check-ins</h2>
          {page.canCheckIn ? (
            <CheckInForm version={c.version} firstStep={c.firstStep} firstStepDone={c.firstStepDone} />
          ) : c.state === "proposed" ? (
            <p className="muted">Check-ins start once you both commit to it.</p>
          ) : null}
          <h3>Earlier check-ins</h3>
          {c.checkIns.length ? (
            <ul className="plain check-ins">
              {c.checkIns.map((ci) => (
                <li key={ci.id}>
                  <span className="muted">{dates.dateTime(ci.createdAt)}</span> ·{" "}
                  {personWord(page.readerId, { id: ci.authorId, name: ci.authorName }, { capital: true })}
                  {ci.note ? `: ${ci.note}` : ": first step done"}
                </li>
              ))}
            </ul>
          ) : (
            <p className="empty">No check-ins yet.</p>
          )}
        </section>
      </div>
    </Fragment>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
