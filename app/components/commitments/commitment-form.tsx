import { Link } from "@remix-run/react";
import { Field, FormNotices, useFetcherForm, VersionInput } from "~/components/forms";
import { validateWith } from "~/components/forms-zod";
import { COMMITMENT_FIELD_LABELS, EditCommitmentSchema, NewCommitmentSchema } from "~/schemas/commitments";

interface Props {
  commitment?: {
    change: string;
    painOfDoingNothing: string;
    firstStep: string;
    managerSupport: string;
    checkInEveryDays: number;
    version: number;
  };
  /** Who is writing: the report speaks of "you" and "your manager", the manager of "they" and "you". */
  voice: "report" | "manager";
  submitLabel: string;
  cancelHref: string;
  redirectTo?: string;
}

const HINTS = {
  report: {
    change: "(one sentence: what will you do differently?)",
    pain: "(what it costs you to leave things as they are)",
    step: "(small enough to do this week)",
    support: "(what your manager will do to help)",
    supportLabel: "Support your manager promised",
  },
  manager: {
    change: "(one sentence, in their words)",
    pain: "(what it costs them to leave things as they are)",
    step: "(small enough to do this week)",
    support: "(what you will do to help)",
    supportLabel: "Support you promised",
  },
} as const;

/** Propose a change commitment, or edit the wording of one that is still open. */
export function CommitmentForm({ commitment, voice, submitLabel, cancelHref, redirectTo }: Props) {
  const hints = HINTS[voice];
  const { fetcher, reply, form, fields, submitting, formProps } = useFetcherForm({
    id: "commitment",
    validate: validateWith(commitment ? EditCommitmentSchema : NewCommitmentSchema),
    // A new commitment is its page's only form; the commitment's page tells the wording from its other forms.
    match: commitment ? { intent: "edit" } : {},
    shouldValidate: "onBlur",
    defaultValue: commitment
      ? {
          change: commitment.change,
          painOfDoingNothing: commitment.painOfDoingNothing,
          firstStep: commitment.firstStep,
          managerSupport: commitment.managerSupport,
          checkInEveryDays: String(commitment.checkInEveryDays),
        }
      : { checkInEveryDays: "14" },
  });
  return (
    <fetcher.Form method="post" className="stack" {...formProps}>
      <FormNotices form={form} reply={reply} labels={COMMITMENT_FIELD_LABELS} />
      {commitment ? (
        <>
          <input type="hidden" name="intent" value="edit" />
          <VersionInput version={commitment.version} reply={reply} />
        </>
      ) : null}
      {redirectTo ? <input type="hidden" name="redirectTo" value={redirectTo} /> : null}
      <Field label="The change" hint={hints.change} meta={fields.change} />
      <Field
        label="Why now: the pain of doing nothing"
        hint={hints.pain}
        meta={fields.painOfDoingNothing}
        as="textarea"
      />
      <Field label="First step" hint={hints.step} meta={fields.firstStep} as="textarea" />
      <Field label={hints.supportLabel} hint={hints.support} meta={fields.managerSupport} as="textarea" />
      <Field
        label="Check in every"
        hint="(days, 1 to 365: past this without a check-in, it shows as stalled)"
        meta={fields.checkInEveryDays}
        type="number"
        className="narrow"
      />
      <div className="actions">
        <button type="submit" disabled={submitting}>
          {submitting ? "Saving…" : submitLabel}
        </button>
        <Link to={cancelHref}>Cancel</Link>
      </div>
    </fetcher.Form>
  );
}
