import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { useFetcher } from "@remix-run/react";
import { GoalProgressSchema } from "~/schemas/goals";
import { FieldErrors, FormErrors } from "../forms";

interface Props {
  goal: { id: string; version: number; progress: number };
  redirectTo: string;
}

/**
 * Progress with a short note. With JavaScript the bar moves as soon as the
 * form is sent (the fetcher's pending value); without it, it is a plain POST.
 */
export function GoalProgressForm({ goal, redirectTo }: Props) {
  const fetcher = useFetcher<{ status?: string; error?: Record<string, string[] | null> }>();
  const [form, fields] = useForm({
    id: `progress-${goal.id}`,
    lastResult: fetcher.state === "idle" ? (fetcher.data as never) : undefined,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: GoalProgressSchema }),
    shouldValidate: "onSubmit",
    defaultValue: { progress: String(goal.progress) },
  });
  const pending = fetcher.formData ? Number(fetcher.formData.get("progress")) : null;
  const shown = pending !== null && Number.isFinite(pending) ? pending : goal.progress;
  return (
    <fetcher.Form method="post" action={`/me/goals/${goal.id}`} {...getFormProps(form)} className="progress-form">
      <progress max={100} value={shown} aria-label="Progress">
        {shown}%
      </progress>{" "}
      <span data-testid="goal-progress">{shown}%</span>
      <FormErrors id={form.errorId} errors={form.errors} />
      <input type="hidden" name="intent" value="progress" />
      <input type="hidden" name="goalId" value={goal.id} />
      <input type="hidden" name="version" value={goal.version} key={goal.version} />
      <input type="hidden" name="redirectTo" value={redirectTo} />
      <div className="inline-fields">
        <label htmlFor={fields.progress.id}>
          Progress <span className="hint">(0-100)</span>
        </label>
        <input {...getInputProps(fields.progress, { type: "number" })} min={0} max={100} step={5} className="narrow" />
        <label htmlFor={fields.note.id} className="visually-hidden">
          Note
        </label>
        <input {...getInputProps(fields.note, { type: "text" })} placeholder="What moved? (optional)" maxLength={1000} />
        <button type="submit" className="secondary" disabled={fetcher.state !== "idle"}>
          {fetcher.state !== "idle" ? "Saving…" : "Update"}
        </button>
      </div>
      <FieldErrors id={fields.progress.errorId} errors={fields.progress.errors} />
      <FieldErrors id={fields.note.errorId} errors={fields.note.errors} />
    </fetcher.Form>
  );
}
