import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Fragment } from "react";
import { allows } from "~/auth/authorize.server";
import { requireAccount } from "~/http/guards.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { revalidateAfterConflict, UnclaimedReplyErrors } from "~/components/forms";
import { RiskForm } from "~/components/risks/risk-form";
import { RiskHistory } from "~/components/risks/risk-history";
import { RiskLevelBadge } from "~/components/risks/risk-list";
import { CloseRiskForm, ReopenRiskForm, ReviewRiskForm } from "~/components/risks/risk-status-forms";
import { isoDate } from "~/domain/dates";
import { reviewDueReason, suggestedNextReview } from "~/domain/risks";
import { RISK_KIND_LABELS, RiskActionSchema, SCALE_LABELS, type RiskIntent } from "~/schemas/risks";
import {
  closeRisk,
  getRisk,
  listPointChoices,
  listRiskHistory,
  reopenRisk,
  reviewRisk,
  updateRisk,
} from "~/services/risks.server";
import { readWithReceipt } from "~/services/access-receipts.server";
import { readFormData } from "~/http/form-data.server";
import { useDates } from "~/utils/dates";
import { replyToServiceError } from "~/http/form-replies.server";
import { notFound } from "~/http/errors.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `Risk${data ? ` · ${data.name}` : ""} · Rapport` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  // The manager line reads (a skip-level manager too); to anyone else, including the report, it does not exist.
  const { viewer, db, subject, person } = await requireAccount(request, params.personId, "risk:read");
  // The read and its receipt commit together (ADR 041), written as a read of the account, with no record id: the
  // person sees who read their pages and never that a risk about them exists. A risk not found leaves nothing.
  const found = await readWithReceipt(
    db,
    viewer,
    subject,
    "account",
    async (tx) => {
      const risk = await getRisk(tx, viewer, subject, params.riskId ?? "");
      if (!risk) return null;
      const [history, points] = await Promise.all([
        listRiskHistory(tx, viewer, subject, risk.id),
        listPointChoices(tx),
      ]);
      return { risk, history, points };
    },
    { when: (read) => read !== null },
  );
  if (!found) throw notFound();
  const { risk, history, points } = found;
  const canWrite = allows(viewer, "risk:write", { subject });
  const now = new Date();
  return {
    // The page names the person in its own data: the guard's query brought the name along.
    personId: subject.id,
    name: person.name,
    risk,
    pointTitle: points.find((p) => p.key === risk.pointKey)?.title ?? null,
    history,
    canWrite,
    points: canWrite ? points : [],
    reviewDue: reviewDueReason(risk, now),
    suggestedNextReview: suggestedNextReview(now),
    today: isoDate(now),
  };
}

/** Edit, review, close and reopen: the direct manager only. */
export async function action({ request, params }: ActionFunctionArgs) {
  const { viewer, db, subject } = await requireAccount(request, params.personId, "risk:write");
  const submission = parseWithZod(await readFormData(request), { schema: RiskActionSchema });
  if (submission.status !== "success") return data({ ...submission.reply(), conflict: null }, { status: 400 });
  const riskId = params.riskId ?? "";
  const input = submission.value;
  try {
    switch (input.intent) {
      case "edit": {
        const { intent: _intent, ...fields } = input;
        await updateRisk(db, viewer, subject, riskId, fields, new Date());
        break;
      }
      case "review":
        await reviewRisk(db, viewer, subject, riskId, input, new Date());
        break;
      case "close":
        await closeRisk(db, viewer, subject, riskId, input, new Date());
        break;
      case "reopen":
        await reopenRisk(db, viewer, subject, riskId, input, new Date());
        break;
    }
  } catch (error) {
    return replyToServiceError(submission, error);
  }
  return redirect(`/people/${subject.id}#risks`);
}

/** A stale save reloads the risk and its history as they are now; the form keeps what was typed. */
export const shouldRevalidate = revalidateAfterConflict;

export default function RiskPage() {
  const dates = useDates();
  const { personId, name, risk, pointTitle, history, canWrite, points, reviewDue, suggestedNextReview } =
    useLoaderData<typeof loader>();
  const open = risk.status === "open";
  const claims: { intent: RiskIntent }[] = canWrite
    ? [
        { intent: "edit" },
        ...(open ? [{ intent: "review" as const }, { intent: "close" as const }] : [{ intent: "reopen" as const }]),
      ]
    : [];
  return (
    // Another record is another page: no form keeps the last one's text or reply.
    <Fragment key={risk.id}>
      <h1>
        {RISK_KIND_LABELS[risk.kind]} · {name}
      </h1>
      <p className="lede">
        <RiskLevelBadge likelihood={risk.likelihood} impact={risk.impact} />{" "}
        <span className="badge">{risk.status}</span>
        {reviewDue ? <span className="badge warn">{reviewDue}</span> : null} · recorded by {risk.authorName} on{" "}
        {dates.date(risk.createdAt)} · <Link to={`/people/${personId}#risks`}>Back to the account</Link>
      </p>
      <UnclaimedReplyErrors id="risk-errors" claims={claims} />
      {canWrite ? null : (
        <p className="alert warn">
          You are reading this risk as a skip-level manager: only {name}&rsquo;s manager can change it.
        </p>
      )}
      <div className="two-col">
        <div>
          <section className="card" aria-labelledby="risk-details">
            <h2 id="risk-details">The risk</h2>
            <dl className="risk-details">
              <dt>What could happen</dt>
              <dd className="prewrap">{risk.description}</dd>
              <dt>Checklist point</dt>
              <dd>{risk.pointKey ? `${risk.pointKey}. ${pointTitle ?? ""}` : "—"}</dd>
              <dt>Likelihood × impact</dt>
              <dd>
                {SCALE_LABELS[risk.likelihood]} × {SCALE_LABELS[risk.impact]}
              </dd>
              <dt>Mitigation</dt>
              <dd className="prewrap">{risk.mitigation || "—"}</dd>
              <dt>Review on</dt>
              <dd>{open ? dates.date(risk.reviewOn) : "—"}</dd>
              <dt>Last reviewed</dt>
              <dd>{dates.dateTime(risk.lastReviewedAt)}</dd>
              {risk.closedAt ? (
                <>
                  <dt>Closed</dt>
                  <dd>{dates.dateTime(risk.closedAt)}</dd>
                </>
              ) : null}
            </dl>
          </section>
          {canWrite ? (
            <section className="card" aria-labelledby="edit-risk">
              <h2 id="edit-risk">Edit</h2>
              <RiskForm risk={risk} points={points} cancelTo={`/people/${personId}#risks`} submitLabel="Save risk" />
            </section>
          ) : null}
        </div>
        <div>
          {canWrite && open ? (
            <section className="card" aria-labelledby="review-risk">
              <h2 id="review-risk">Review</h2>
              <ReviewRiskForm version={risk.version} suggestedNextReview={suggestedNextReview} />
            </section>
          ) : null}
          {canWrite ? (
            <section className="card" aria-labelledby="risk-status">
              <h2 id="risk-status">{open ? "Close" : "Reopen"}</h2>
              {open ? <CloseRiskForm version={risk.version} /> : <ReopenRiskForm version={risk.version} />}
            </section>
          ) : null}
          <section className="card" aria-labelledby="risk-history">
            <h2 id="risk-history">History</h2>
            <RiskHistory events={history} />
          </section>
        </div>
      </div>
    </Fragment>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
