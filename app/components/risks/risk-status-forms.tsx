import { getFormProps, getInputProps, getTextareaProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { Form, useNavigation } from "@remix-run/react";
import { ConflictNotice } from "~/components/conflict-notice";
import { Field, FormErrors } from "~/components/forms";
import type { Conflict } from "~/schemas/conflict";
import { CloseRiskSchema, RISK_FIELD_LABELS, ReopenRiskSchema, ReviewRiskSchema } from "~/schemas/risks";

type Result = (SubmissionResult & { conflict?: Conflict | null }) | null | undefined;

interface Props {
  lastResult?: Result;
  /** The stored version; after a conflict, the route passes the one now stored. */
  version: number;
}

/** Messages for the whole form, plus those of its hidden fields (a missing version or intent), which have no field to sit under. */
export function formLevelErrors(form: { errors?: string[]; allErrors: Record<string, string[]> }): string[] | undefined {
  const hidden = [...(form.allErrors.version ?? []), ...(form.allErrors.intent ?? [])];
  return form.errors?.length || hidden.length ? [...(form.errors ?? []), ...hidden] : undefined;
}

function useSubmitting(intent: string) {
  const navigation = useNavigation();
  return navigation.state === "submitting" && navigation.formData?.get("intent") === intent;
}

/** "I looked at this today": an optional note for the history, and when to look again. */
export function ReviewRiskForm({ lastResult, version, suggestedNextReview }: Props & { suggestedNextReview: string }) {
  const submitting = useSubmitting("review");
  const [form, fields] = useForm({
    id: "risk-review",
    lastResult,
    constraint: getZodConstraint(ReviewRiskSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ReviewRiskSchema }),
    shouldValidate: "onBlur",
    defaultValue: { nextReviewOn: suggestedNextReview },
  });
  return (
    <Form method="post" className="stack" {...getFormProps(form)}>
      <ConflictNotice conflict={lastResult?.conflict} labels={RISK_FIELD_LABELS} />
      <FormErrors id={form.errorId} errors={formLevelErrors(form)} />
      <input type="hidden" name="intent" value="review" />
      <input type="hidden" name="version" value={version} key={version} />
      <Field label="What you found" hint="(optional, kept in the history)" htmlFor={fields.note.id} errors={fields.note.errors} errorId={fields.note.errorId}>
        <textarea {...getTextareaProps(fields.note)} rows={3} />
      </Field>
      <Field
        label="Next review"
        hint="(leave empty for none)"
        htmlFor={fields.nextReviewOn.id}
        errors={fields.nextReviewOn.errors}
        errorId={fields.nextReviewOn.errorId}
      >
        <input {...getInputProps(fields.nextReviewOn, { type: "date" })} className="narrow-date" />
      </Field>
      <div className="actions">
        <button type="submit" disabled={submitting}>
          {submitting ? "Saving…" : "Mark reviewed"}
        </button>
      </div>
    </Form>
  );
}

/** Close an open risk, with a word on how it ended. */
export function CloseRiskForm({ lastResult, version }: Props) {
  const submitting = useSubmitting("close");
  const [form, fields] = useForm({
    id: "risk-close",
    lastResult,
    constraint: getZodConstraint(CloseRiskSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: CloseRiskSchema }),
    shouldValidate: "onBlur",
  });
  return (
    <Form method="post" className="stack" {...getFormProps(form)}>
      <ConflictNotice conflict={lastResult?.conflict} labels={RISK_FIELD_LABELS} />
      <FormErrors id={form.errorId} errors={formLevelErrors(form)} />
      <input type="hidden" name="intent" value="close" />
      <input type="hidden" name="version" value={version} key={version} />
      <Field label="How it ended" hint="(optional)" htmlFor={fields.note.id} errors={fields.note.errors} errorId={fields.note.errorId}>
        <input {...getInputProps(fields.note, { type: "text" })} />
      </Field>
      <div className="actions">
        <button type="submit" className="secondary" disabled={submitting}>
          {submitting ? "Closing…" : "Close this risk"}
        </button>
      </div>
    </Form>
  );
}

/** Open a closed risk again. */
export function ReopenRiskForm({ lastResult, version }: Props) {
  const submitting = useSubmitting("reopen");
  const [form] = useForm({
    id: "risk-reopen",
    lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ReopenRiskSchema }),
  });
  return (
    <Form method="post" className="stack" {...getFormProps(form)}>
      <ConflictNotice conflict={lastResult?.conflict} labels={RISK_FIELD_LABELS} />
      <FormErrors id={form.errorId} errors={formLevelErrors(form)} />
      <input type="hidden" name="intent" value="reopen" />
      <input type="hidden" name="version" value={version} key={version} />
      <div className="actions">
        <button type="submit" className="secondary" disabled={submitting}>
          {submitting ? "Reopening…" : "Reopen this risk"}
        </button>
      </div>
    </Form>
  );
}
