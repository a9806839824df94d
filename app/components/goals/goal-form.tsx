import { getFormProps, getInputProps, getTextareaProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { Form, useNavigation } from "@remix-run/react";
import { ConflictNotice } from "~/components/conflict-notice";
import { Field, FormErrors } from "~/components/forms";
import type { Conflict } from "~/schemas/conflict";
import { EditGoalSchema, GOAL_FIELD_LABELS, NewGoalSchema } from "~/schemas/goals";

interface Props {
  lastResult?: (SubmissionResult & { conflict?: Conflict | null }) | null;
  goal?: { title: string; whyItMatters: string; successMeasure: string; targetDate: string | null; version: number };
  /** The version to send: after a conflict, the one now stored, so saving again is deliberate. */
  version?: number;
  submitLabel: string;
}

/** Create or edit a goal's wording: the report's own words, so only they see this form. */
export function GoalForm({ lastResult, goal, version, submitLabel }: Props) {
  const schema = goal ? EditGoalSchema : NewGoalSchema;
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: "goal",
    lastResult,
    constraint: getZodConstraint(schema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
    shouldValidate: "onBlur",
    defaultValue: goal
      ? { title: goal.title, whyItMatters: goal.whyItMatters, successMeasure: goal.successMeasure, targetDate: goal.targetDate ?? "" }
      : undefined,
  });
  return (
    <Form method="post" className="stack" {...getFormProps(form)}>
      <ConflictNotice conflict={lastResult?.conflict} labels={GOAL_FIELD_LABELS} />
      <FormErrors id={form.errorId} errors={form.errors} />
      <input type="hidden" name="intent" value="edit" />
      {goal ? <input type="hidden" name="version" value={version ?? goal.version} key={version ?? goal.version} /> : null}
      <Field label="Goal" htmlFor={fields.title.id} errors={fields.title.errors} errorId={fields.title.errorId}>
        <input {...getInputProps(fields.title, { type: "text" })} />
      </Field>
      <Field
        label="Why it matters to you"
        hint="(in your own words)"
        htmlFor={fields.whyItMatters.id}
        errors={fields.whyItMatters.errors}
        errorId={fields.whyItMatters.errorId}
      >
        <textarea {...getTextareaProps(fields.whyItMatters)} />
      </Field>
      <Field
        label="How you will know you got there"
        htmlFor={fields.successMeasure.id}
        errors={fields.successMeasure.errors}
        errorId={fields.successMeasure.errorId}
      >
        <textarea {...getTextareaProps(fields.successMeasure)} />
      </Field>
      <Field label="Target date" hint="(optional)" htmlFor={fields.targetDate.id} errors={fields.targetDate.errors} errorId={fields.targetDate.errorId}>
        <input {...getInputProps(fields.targetDate, { type: "date" })} className="narrow-date" />
      </Field>
      <div className="actions">
        <button type="submit" disabled={navigation.state === "submitting"}>
          {navigation.state === "submitting" ? "Saving…" : submitLabel}
        </button>
        <a href="/me">Cancel</a>
      </div>
    </Form>
  );
}
