import { getFormProps, getInputProps, getTextareaProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form, useNavigation } from "@remix-run/react";
import { ConflictNotice } from "~/components/conflict-notice";
import { FieldErrors, FormErrors } from "~/components/forms";
import type { CommitmentState } from "~/domain/enums";
import type { Conflict } from "~/schemas/conflict";
import { CheckInSchema, COMMITMENT_FIELD_LABELS, RemorseAnswerSchema } from "~/schemas/commitments";

/** The page's action reply; each form below takes it only when it was the one sent. */
export type CommitmentReply = (SubmissionResult & { conflict?: Conflict | null }) | null | undefined;

const replyFor = (reply: CommitmentReply, intent: string) => (reply?.initialValue?.intent === intent ? reply : undefined);

function useSubmitting(intent: string) {
  const navigation = useNavigation();
  return navigation.state === "submitting" && navigation.formData?.get("intent") === intent;
}

/** A note on how it is going, and the first step ticked off. */
export function CheckInForm({ version, firstStep, firstStepDone, lastResult }: { version: number; firstStep: string; firstStepDone: boolean; lastResult: CommitmentReply }) {
  const reply = replyFor(lastResult, "check-in");
  const submitting = useSubmitting("check-in");
  const [form, fields] = useForm({
    id: "check-in",
    lastResult: reply,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: CheckInSchema }),
    shouldValidate: "onSubmit",
  });
  return (
    <Form method="post" className="stack" {...getFormProps(form)}>
      <ConflictNotice conflict={reply?.conflict} labels={COMMITMENT_FIELD_LABELS} />
      <FormErrors id={form.errorId} errors={form.errors} />
      <input type="hidden" name="intent" value="check-in" />
      <input type="hidden" name="version" value={version} key={version} />
      <div>
        <label htmlFor={fields.note.id}>
          How is it going? <span className="hint">(what moved, what got in the way)</span>
        </label>
        <textarea {...getTextareaProps(fields.note)} maxLength={1000} />
        <FieldErrors id={fields.note.errorId} errors={fields.note.errors} />
      </div>
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
    </Form>
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
export function TransitionForm({ version, nextStates, lastResult }: { version: number; nextStates: readonly CommitmentState[]; lastResult: CommitmentReply }) {
  const reply = replyFor(lastResult, "transition");
  const submitting = useSubmitting("transition");
  // A stale click changed nothing; the page now shows where it stands (the route revalidates after a 409).
  const errors = reply?.conflict
    ? ["It changed while you were looking, so nothing was done. Check where it stands now and choose again."]
    : (reply?.error?.[""] ?? reply?.error?.to ?? null);
  if (!nextStates.length && !errors?.length) return null;
  return (
    <Form method="post" className="stack" aria-label="Move this commitment on">
      <ConflictNotice conflict={reply?.conflict} labels={COMMITMENT_FIELD_LABELS} />
      <FormErrors id="transition-errors" errors={errors} />
      <input type="hidden" name="intent" value="transition" />
      <input type="hidden" name="version" value={version} key={version} />
      <div className="actions">
        {nextStates.map((to) => (
          <button key={to} type="submit" name="to" value={to} className={TRANSITION_BUTTONS[to].className} disabled={submitting}>
            {TRANSITION_BUTTONS[to].label}
          </button>
        ))}
      </div>
    </Form>
  );
}

/** Point 13: some time after done, the report says whether they are still glad of the change. */
export function RemorseForm({ version, lastResult }: { version: number; lastResult: CommitmentReply }) {
  const reply = replyFor(lastResult, "remorse");
  const submitting = useSubmitting("remorse");
  const [form, fields] = useForm({
    id: "remorse",
    lastResult: reply,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: RemorseAnswerSchema }),
    shouldValidate: "onSubmit",
  });
  return (
    <Form method="post" className="stack" {...getFormProps(form)}>
      <ConflictNotice conflict={reply?.conflict} labels={COMMITMENT_FIELD_LABELS} />
      <FormErrors id={form.errorId} errors={form.errors} />
      <input type="hidden" name="intent" value="remorse" />
      <input type="hidden" name="version" value={version} key={version} />
      <fieldset>
        <legend>Looking back, are you still glad you made this change?</legend>
        <div className="checks">
          <label>
            <input type="radio" name={fields.stillGlad.name} value="yes" defaultChecked={fields.stillGlad.initialValue === "yes"} /> Yes, still glad
          </label>
          <label>
            <input type="radio" name={fields.stillGlad.name} value="no" defaultChecked={fields.stillGlad.initialValue === "no"} /> Not really
          </label>
        </div>
        <FieldErrors id={fields.stillGlad.errorId} errors={fields.stillGlad.errors} />
      </fieldset>
      <div>
        <label htmlFor={fields.note.id}>
          Anything to add? <span className="hint">(optional)</span>
        </label>
        <textarea {...getTextareaProps(fields.note)} maxLength={1000} />
        <FieldErrors id={fields.note.errorId} errors={fields.note.errors} />
      </div>
      <div className="actions">
        <button type="submit" disabled={submitting}>
          {submitting ? "Saving…" : "Answer"}
        </button>
      </div>
    </Form>
  );
}
