import { getInputProps } from "@conform-to/react";
import { ChoiceField, Field, FormNotices, useFetcherForm, VersionInput } from "~/components/forms";
import { validateWith } from "~/components/forms-zod";
import type { CommitmentState } from "~/domain/enums";
import {
  CheckInSchema,
  COMMITMENT_FIELD_LABELS,
  RemorseAnswerSchema,
  TransitionCommitmentSchema,
} from "~/schemas/commitments";

/** A note on how it is going, and the first step ticked off. */
export function CheckInForm({
  version,
  firstStep,
  firstStepDone,
}: {
  version: number;
  firstStep: string;
  firstStepDone: boolean;
}) {
  const { fetcher, reply, form, fields, submitting, formProps } = useFetcherForm({
    id: "check-in",
    validate: validateWith(CheckInSchema),
    match: { intent: "check-in" },
  });
  return (
    <fetcher.Form method="post" preventScrollReset className="stack" {...formProps}>
      <FormNotices form={form} reply={reply} labels={COMMITMENT_FIELD_LABELS} />
      <input type="hidden" name="intent" value="check-in" />
      <VersionInput version={version} reply={reply} />
      <Field
        label="How is it going?"
        hint="(what moved, what got in the way)"
        meta={fields.note}
        as="textarea"
        maxLength={1000}
      />
      {!firstStepDone && firstStep ? (
        <div className="checks">
          <label>
            <input {...getInputProps(fields.firstStepDone, { type: "checkbox" })} /> First step done: {firstStep}
          </label>
        </div>
      ) : null}
      <div className="actions">
        <button type="submit" disabled={submitting}>
          {submitting ? "Checking in…" : "Check in"}
        </button>
      </div>
    </fetcher.Form>
  );
}

const TRANSITION_BUTTONS: Record<CommitmentState, { label: string; className?: string }> = {
  proposed: { label: "Back to proposed" },
  committed: { label: "We agree: commit to it" },
  in_progress: { label: "Mark as started" },
  done: { label: "Mark as done" },
  abandoned: { label: "Abandon", className: "secondary" },
};

/** One button per state this commitment may move to now; nothing else is offered. */
export function TransitionForm({ version, nextStates }: { version: number; nextStates: readonly CommitmentState[] }) {
  const { fetcher, reply, form, submitting, formProps } = useFetcherForm({
    id: "transition",
    validate: validateWith(TransitionCommitmentSchema),
    match: { intent: "transition" },
  });
  // A stale click changed nothing; the page now shows where it stands (the route revalidates after a 409).
  const stale = reply?.conflict
    ? ["It changed while you were looking, so nothing was done. Check where it stands now and choose again."]
    : null;
  if (!nextStates.length && !reply) return null;
  return (
    <fetcher.Form
      method="post"
      preventScrollReset
      className="stack"
      aria-label="Move this commitment on"
      {...formProps}
    >
      <FormNotices form={form} reply={reply} labels={COMMITMENT_FIELD_LABELS} hidden={["to"]} errors={stale} />
      <input type="hidden" name="intent" value="transition" />
      <VersionInput version={version} reply={reply} />
      <div className="actions">
        {nextStates.map((to) => (
          <button
            key={to}
            type="submit"
            name="to"
            value={to}
            className={TRANSITION_BUTTONS[to].className}
            disabled={submitting}
          >
            {TRANSITION_BUTTONS[to].label}
          </button>
        ))}
      </div>
    </fetcher.Form>
  );
}

/** Point 13: some time after done, the report says whether they are still glad of the change. */
export function RemorseForm({ version }: { version: number }) {
  const { fetcher, reply, form, fields, submitting, formProps } = useFetcherForm({
    id: "remorse",
    validate: validateWith(RemorseAnswerSchema),
    match: { intent: "remorse" },
  });
  return (
    <fetcher.Form method="post" preventScrollReset className="stack" {...formProps}>
      <FormNotices form={form} reply={reply} labels={COMMITMENT_FIELD_LABELS} />
      <input type="hidden" name="intent" value="remorse" />
      <VersionInput version={version} reply={reply} />
      <ChoiceField
        legend="Looking back, are you still glad you made this change?"
        meta={fields.stillGlad}
        options={[
          { value: "yes", label: "Yes, still glad" },
          { value: "no", label: "Not really" },
        ]}
      />
      <Field label="Anything to add?" hint="(optional)" meta={fields.note} as="textarea" maxLength={1000} />
      <div className="actions">
        <button type="submit" disabled={submitting}>
          {submitting ? "Saving…" : "Answer"}
        </button>
      </div>
    </fetcher.Form>
  );
}
