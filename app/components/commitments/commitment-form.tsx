import { getFormProps, getInputProps, getTextareaProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { Form, Link, useNavigation } from "@remix-run/react";
import { ConflictNotice } from "~/components/conflict-notice";
import { Field, FormErrors } from "~/components/forms";
import type { Conflict } from "~/schemas/conflict";
import { COMMITMENT_FIELD_LABELS, EditCommitmentSchema, NewCommitmentSchema } from "~/schemas/commitments";

interface Props {
  lastResult?: (SubmissionResult & { conflict?: Conflict | null }) | null;
  commitment?: {
    change: string;
    painOfDoingNothing: string;
    firstStep: string;
    managerSupport: string;
    checkInEveryDays: number;
    version: number;
  };
  /** The version to send: after a conflict, the one now stored, so saving again is deliberate. */
  version?: number;
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
  },
  manager: {
    change: "(one sentence, in their words)",
    pain: "(what it costs them to leave things as they are)",
    step: "(small enough to do this week)",
    support: "(what you will do to help)",
  },
} as const;

/** Propose a change commitment, or edit the wording of one that is still open. */
export function CommitmentForm({ lastResult, commitment, version, voice, submitLabel, cancelHref, redirectTo }: Props) {
  const schema = commitment ? EditCommitmentSchema : NewCommitmentSchema;
  const navigation = useNavigation();
  const hints = HINTS[voice];
  const editing = lastResult?.initialValue?.intent === "edit" || !commitment ? lastResult : undefined;
  const [form, fields] = useForm({
    id: "commitment",
    lastResult: editing,
    constraint: getZodConstraint(schema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
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
  const submitting = navigation.state === "submitting" && (!commitment || navigation.formData?.get("intent") === "edit");
  return (
    <Form method="post" className="stack" {...getFormProps(form)}>
      <ConflictNotice conflict={editing?.conflict} labels={COMMITMENT_FIELD_LABELS} />
      <FormErrors id={form.errorId} errors={form.errors} />
      {commitment ? (
        <>
          <input type="hidden" name="intent" value="edit" />
          <input type="hidden" name="version" value={version ?? commitment.version} key={version ?? commitment.version} />
        </>
      ) : null}
      {redirectTo ? <input type="hidden" name="redirectTo" value={redirectTo} /> : null}
      <Field label="The change" hint={hints.change} htmlFor={fields.change.id} errors={fields.change.errors} errorId={fields.change.errorId}>
        <input {...getInputProps(fields.change, { type: "text" })} />
      </Field>
      <Field
        label="Why now: the pain of doing nothing"
        hint={hints.pain}
        htmlFor={fields.painOfDoingNothing.id}
        errors={fields.painOfDoingNothing.errors}
        errorId={fields.painOfDoingNothing.errorId}
      >
        <textarea {...getTextareaProps(fields.painOfDoingNothing)} />
      </Field>
      <Field label="First step" hint={hints.step} htmlFor={fields.firstStep.id} errors={fields.firstStep.errors} errorId={fields.firstStep.errorId}>
        <textarea {...getTextareaProps(fields.firstStep)} />
      </Field>
      <Field
        label="Support the manager promised"
        hint={hints.support}
        htmlFor={fields.managerSupport.id}
        errors={fields.managerSupport.errors}
        errorId={fields.managerSupport.errorId}
      >
        <textarea {...getTextareaProps(fields.managerSupport)} />
      </Field>
      <Field
        label="Check in every"
        hint="(days, 1 to 365: past this without a check-in, it shows as stalled)"
        htmlFor={fields.checkInEveryDays.id}
        errors={fields.checkInEveryDays.errors}
        errorId={fields.checkInEveryDays.errorId}
      >
        <input {...getInputProps(fields.checkInEveryDays, { type: "number" })} className="narrow" />
      </Field>
      <div className="actions">
        <button type="submit" disabled={submitting}>
          {submitting ? "Saving…" : submitLabel}
        </button>
        <Link to={cancelHref}>Cancel</Link>
      </div>
    </Form>
  );
}
