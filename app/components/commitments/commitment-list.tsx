import { getInputProps } from "@conform-to/react";
import { Link } from "@remix-run/react";
import type { CommitmentState } from "~/domain/enums";
import { CheckInSchema, COMMITMENT_FIELD_LABELS } from "~/schemas/commitments";
import { useDates } from "~/utils/dates";
import { FieldErrors, FormNotices, useFetcherForm, VersionInput } from "../forms";
import { validateWith } from "../forms-zod";
import { CommitmentBadges } from "./commitment-status";

/** One commitment as listCommitmentsFor returns it (dates may arrive as strings). */
export interface CommitmentListItem {
  id: string;
  change: string;
  firstStep: string;
  firstStepDone: boolean;
  state: CommitmentState;
  version: number;
  open: boolean;
  stalled: boolean;
  remorseDue: boolean;
  description: string;
  checkInDueAt: Date | string | null;
  finishedAt: Date | string | null;
  checkIns: { id: string; note: string; createdAt: Date | string; authorName: string | null }[];
}

export type CommitmentViewerRole = "report" | "manager" | "skip-level";

interface Props {
  commitments: CommitmentListItem[];
  viewerRole: CommitmentViewerRole;
  /** Where a check-in sent from this list returns to. */
  redirectTo: string;
}

const EMPTY: Record<CommitmentViewerRole, string> = {
  report: "No change commitments yet. Is there one thing you would like to do differently?",
  manager: "No change commitments yet. Ask what they would change if it were easy.",
  "skip-level": "No change commitments yet.",
};

/**
 * A person's change commitments: open ones with where they stand (stalled,
 * next check-in), finished ones folded away. The report checks in on each
 * open one in place; the list shows "checked in" as soon as the form is sent.
 */
export function CommitmentList({ commitments, viewerRole, redirectTo }: Props) {
  const dates = useDates();
  if (!commitments.length) return <p className="empty">{EMPTY[viewerRole]}</p>;
  const current = commitments.filter((c) => c.open || c.remorseDue);
  const finished = commitments.filter((c) => !c.open && !c.remorseDue);
  return (
    <>
      {current.length ? (
        <ul className="commitments">
          {current.map((c) => (
            <CommitmentItem key={c.id} commitment={c} canCheckIn={viewerRole === "report"} redirectTo={redirectTo} />
          ))}
        </ul>
      ) : (
        <p className="empty">Nothing open right now.</p>
      )}
      {finished.length ? (
        <details>
          <summary>{finished.length} done or abandoned</summary>
          <ul>
            {finished.map((c) => (
              <li key={c.id}>
                <Link to={`/commitments/${c.id}`}>{c.change}</Link> <CommitmentBadges commitment={c} />{" "}
                <span className="muted">{dates.date(c.finishedAt)}</span>
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </>
  );
}

/** The check-in's form; the item holds it, to show "checked in" while it is on its way. */
const useCheckIn = (commitmentId: string) =>
  useFetcherForm({
    id: `check-in-${commitmentId}`,
    validate: validateWith(CheckInSchema),
    match: { intent: "check-in" },
  });

function CommitmentItem({
  commitment: c,
  canCheckIn,
  redirectTo,
}: {
  commitment: CommitmentListItem;
  canCheckIn: boolean;
  redirectTo: string;
}) {
  const dates = useDates();
  const checkInOpen = canCheckIn && (c.state === "committed" || c.state === "in_progress");
  const checkIn = useCheckIn(c.id);
  const checkingIn = checkIn.submitting;
  const lastCheckIn = c.checkIns[0];
  return (
    <li className={`commitment${c.stalled && !checkingIn ? " stalled" : ""}`} aria-labelledby={`commitment-${c.id}`}>
      <div className="commitment-head">
        <Link to={`/commitments/${c.id}`} id={`commitment-${c.id}`} className="commitment-title">
          {c.change}
        </Link>
        <CommitmentBadges commitment={c} checkedIn={checkingIn} />
      </div>
      <p className="muted small">
        {checkingIn
          ? "checked in just now"
          : c.remorseDue && canCheckIn
            ? `done ${dates.date(c.finishedAt)}`
            : c.description}
        {!checkingIn && c.checkInDueAt && !c.stalled ? ` (${dates.date(c.checkInDueAt)})` : ""}
      </p>
      {c.firstStep ? (
        <p className="small">
          First step: {c.firstStep} {c.firstStepDone ? <span className="badge ok">done</span> : null}
        </p>
      ) : null}
      {lastCheckIn && !checkingIn ? (
        <p className="small muted">
          Last check-in {dates.date(lastCheckIn.createdAt)}
          {lastCheckIn.note ? `: ${lastCheckIn.note}` : ": first step done"}
        </p>
      ) : null}
      {c.remorseDue && canCheckIn ? (
        <p className="small">
          <Link to={`/commitments/${c.id}#still-glad`}>Are you still glad of this change?</Link>
        </p>
      ) : null}
      {checkInOpen ? <InlineCheckIn commitment={c} checkIn={checkIn} redirectTo={redirectTo} /> : null}
    </li>
  );
}

/** The check-in in one line; the list shows "checked in" as soon as it is sent. */
function InlineCheckIn({
  commitment: c,
  checkIn: { fetcher, reply, form, fields, submitting, formProps },
  redirectTo,
}: {
  commitment: CommitmentListItem;
  checkIn: ReturnType<typeof useCheckIn>;
  redirectTo: string;
}) {
  return (
    <fetcher.Form
      method="post"
      action={`/commitments/${c.id}`}
      preventScrollReset
      {...formProps}
      className="check-in-inline"
    >
      <FormNotices form={form} reply={reply} labels={COMMITMENT_FIELD_LABELS} />
      <input type="hidden" name="intent" value="check-in" />
      <VersionInput version={c.version} reply={reply} />
      <input type="hidden" name="redirectTo" value={redirectTo} />
      <div className="inline-fields">
        <label htmlFor={fields.note.id} className="visually-hidden">
          How is “{c.change}” going?
        </label>
        <input {...getInputProps(fields.note, { type: "text" })} placeholder="How is it going?" maxLength={1000} />
        {!c.firstStepDone && c.firstStep ? (
          <label className="checks">
            <input {...getInputProps(fields.firstStepDone, { type: "checkbox" })} /> first step done
          </label>
        ) : null}
        <button type="submit" className="secondary" disabled={submitting}>
          {submitting ? "Checking in…" : "Check in"}
        </button>
      </div>
      <FieldErrors id={fields.note.errorId} errors={fields.note.errors} />
    </fetcher.Form>
  );
}
