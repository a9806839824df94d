import type { GoalStatus } from "~/domain/enums";
import { GOAL_FIELD_LABELS, GoalStatusSchema } from "~/schemas/goals";
import { FormNotices, useFetcherForm, VersionInput } from "../forms";
import { validateWith } from "../forms-zod";

/** Achieved or dropped, or back to active: one button per way the goal can go from here. */
export function GoalStatusForm({ goal }: { goal: { id: string; version: number; status: GoalStatus } }) {
  const { fetcher, reply, form, submitting, formProps } = useFetcherForm({
    id: "goal-status",
    validate: validateWith(GoalStatusSchema),
    match: { intent: "status" },
  });
  return (
    <fetcher.Form method="post" style={{ marginTop: "1rem" }} {...formProps}>
      <FormNotices form={form} reply={reply} labels={GOAL_FIELD_LABELS} hidden={["goalId", "status"]} />
      <div className="actions">
        <input type="hidden" name="intent" value="status" />
        <input type="hidden" name="goalId" value={goal.id} />
        <VersionInput version={goal.version} reply={reply} />
        {goal.status === "active" ? (
          <>
            <button type="submit" name="status" value="achieved" disabled={submitting}>
              Mark achieved
            </button>
            <button type="submit" name="status" value="dropped" className="secondary" disabled={submitting}>
              Drop this goal
            </button>
          </>
        ) : (
          <button type="submit" name="status" value="active" className="secondary" disabled={submitting}>
            Reopen
          </button>
        )}
      </div>
    </fetcher.Form>
  );
}
