import { getInputProps } from "@conform-to/react";
import { GoalProgressSchema, GOAL_FIELD_LABELS } from "~/schemas/goals";
import { FieldErrors, FormNotices, useFetcherForm, VersionInput } from "../forms";
import { validateWith } from "../forms-zod";

interface Props {
  goal: { id: string; version: number; progress: number; title: string };
  redirectTo: string;
}

/**
 * Progress with a short note. With JavaScript the bar moves as soon as the
 * form is sent (the fetcher's pending value); without it, it is a plain POST.
 */
export function GoalProgressForm({ goal, redirectTo }: Props) {
  const { fetcher, reply, form, fields, submitting, formProps } = useFetcherForm({
    id: `progress-${goal.id}`,
    validate: validateWith(GoalProgressSchema),
    match: { intent: "progress", goalId: goal.id },
    defaultValue: { progress: String(goal.progress) },
  });
  const pending = fetcher.formData ? Number(fetcher.formData.get("progress")) : null;
  const shown = pending !== null && Number.isFinite(pending) ? pending : goal.progress;
  return (
    <fetcher.Form
      method="post"
      action={`/me/goals/${goal.id}`}
      preventScrollReset
      {...formProps}
      className="progress-form"
    >
      <progress max={100} value={shown} aria-label={`Progress of ${goal.title}`}>
        {shown}%
      </progress>{" "}
      <span data-testid="goal-progress">{shown}%</span>
      <FormNotices form={form} reply={reply} labels={GOAL_FIELD_LABELS} hidden={["goalId"]} />
      <input type="hidden" name="intent" value="progress" />
      <input type="hidden" name="goalId" value={goal.id} />
      <VersionInput version={goal.version} reply={reply} />
      <input type="hidden" name="redirectTo" value={redirectTo} />
      <div className="inline-fields">
        <label htmlFor={fields.progress.id}>
          Progress <span className="hint">(0-100)</span>
        </label>
        <input {...getInputProps(fields.progress, { type: "number" })} min={0} max={100} step={5} className="narrow" />
        <label htmlFor={fields.note.id} className="visually-hidden">
          Note
        </label>
        <input
          {...getInputProps(fields.note, { type: "text" })}
          placeholder="What moved? (optional)"
          maxLength={1000}
        />
        <button type="submit" className="secondary" disabled={submitting}>
          {submitting ? "Saving…" : "Update"}
        </button>
      </div>
      <FieldErrors id={fields.progress.errorId} errors={fields.progress.errors} />
      <FieldErrors id={fields.note.errorId} errors={fields.note.errors} />
    </fetcher.Form>
  );
}
