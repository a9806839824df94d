import { EditGoalSchema, GOAL_FIELD_LABELS, NewGoalSchema } from "~/schemas/goals";
import { Field, FormNotices, useFetcherForm, VersionInput } from "~/components/forms";
import { validateWith } from "~/components/forms-zod";

interface Props {
  goal?: { title: string; whyItMatters: string; successMeasure: string; targetDate: string | null; version: number };
  submitLabel: string;
}

/** Create or edit a goal's wording: the report's own words, so only they see this form. */
export function GoalForm({ goal, submitLabel }: Props) {
  const { fetcher, reply, form, fields, submitting, formProps } = useFetcherForm({
    id: "goal",
    validate: validateWith(goal ? EditGoalSchema : NewGoalSchema),
    // The new-goal page has this form alone; the goal's page tells it from the progress and status forms.
    match: goal ? { intent: "edit" } : {},
    shouldValidate: "onBlur",
    defaultValue: goal
      ? {
          title: goal.title,
          whyItMatters: goal.whyItMatters,
          successMeasure: goal.successMeasure,
          targetDate: goal.targetDate ?? "",
        }
      : undefined,
  });
  return (
    <fetcher.Form method="post" className="stack" {...formProps}>
      <FormNotices form={form} reply={reply} labels={GOAL_FIELD_LABELS} />
      <input type="hidden" name="intent" value="edit" />
      {goal ? <VersionInput version={goal.version} reply={reply} /> : null}
      <Field label="Goal" meta={fields.title} />
      <Field label="Why it matters to you" hint="(in your own words)" meta={fields.whyItMatters} as="textarea" />
      <Field label="How you will know you got there" meta={fields.successMeasure} as="textarea" />
      <Field label="Target date" hint="(optional)" meta={fields.targetDate} type="date" className="narrow-date" />
      <div className="actions">
        <button type="submit" disabled={submitting}>
          {submitting ? "Saving…" : submitLabel}
        </button>
        <a href="/me">Cancel</a>
      </div>
    </fetcher.Form>
  );
}
