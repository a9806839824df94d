import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Fragment } from "react";
import { z } from "zod";
import { requireViewer } from "~/http/guards.server";
import { safeRedirect } from "~/http/session.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { revalidateAfterConflict } from "~/components/forms";
import { GoalForm } from "~/components/goals/goal-form";
import { GoalProgressForm } from "~/components/goals/progress-form";
import { GoalStatusForm } from "~/components/goals/status-form";
import { EditGoalSchema, GoalProgressSchema, GoalStatusSchema } from "~/schemas/goals";
import { getOwnGoal, listOwnGoalUpdates, recordGoalProgress, setGoalStatus, updateGoal } from "~/services/goals.server";
import { readFormData } from "~/http/form-data.server";
import { useDates } from "~/utils/dates";
import { replyToServiceError } from "~/http/form-replies.server";
import { notFound } from "~/http/errors.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.goal.title ?? "Goal"} · Rapport` }];

const GoalActionSchema = z.discriminatedUnion("intent", [
  EditGoalSchema.extend({ intent: z.literal("edit") }),
  GoalProgressSchema,
  GoalStatusSchema,
]);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { viewer, db } = await requireViewer(request);
  // Only the owner edits their goal; for anyone else it does not exist here.
  const goal = await getOwnGoal(db, viewer, params.goalId ?? "");
  if (!goal) throw notFound();
  return { goal, updates: await listOwnGoalUpdates(db, viewer, goal.id) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { viewer, db } = await requireViewer(request);
  const formData = await readFormData(request);
  const submission = parseWithZod(formData, { schema: GoalActionSchema });
  if (submission.status !== "success") return data({ ...submission.reply(), conflict: null }, { status: 400 });
  const goalId = params.goalId ?? "";
  const input = submission.value;
  try {
    if (input.intent === "edit") {
      const { intent: _intent, ...fields } = input;
      await updateGoal(db, viewer, goalId, fields, new Date());
    } else if (input.intent === "progress") {
      await recordGoalProgress(db, viewer, { ...input, goalId }, new Date());
    } else {
      await setGoalStatus(db, viewer, { ...input, goalId }, new Date());
    }
  } catch (error) {
    return replyToServiceError(submission, error);
  }
  return redirect(safeRedirect(formData.get("redirectTo"), `/me/goals/${goalId}`));
}

/** A stale save reloads the goal as it is now; the form keeps what was typed. */
export const shouldRevalidate = revalidateAfterConflict;

export default function GoalPage() {
  const dates = useDates();
  const { goal, updates } = useLoaderData<typeof loader>();
  return (
    // Another record is another page: no form keeps the last one's text or reply.
    <Fragment key={goal.id}>
      <h1>{goal.title}</h1>
      <p className="lede">
        {goal.status === "active" ? `Active · ${goal.progress}%` : goal.status === "achieved" ? "Achieved" : "Dropped"}
        {goal.targetDate ? ` · target ${dates.date(goal.targetDate)}` : ""}
      </p>
      <div className="grid">
        <section className="card" aria-labelledby="edit-goal">
          <h2 id="edit-goal">Wording</h2>
          <GoalForm goal={goal} submitLabel="Save goal" />
        </section>
        <section className="card" aria-labelledby="progress">
          <h2 id="progress">Progress</h2>
          {goal.status === "active" ? <GoalProgressForm goal={goal} redirectTo={`/me/goals/${goal.id}`} /> : null}
          <GoalStatusForm goal={goal} />
          <h3>History</h3>
          {updates.length ? (
            <ul>
              {updates.map((u) => (
                <li key={u.id}>
                  {dates.date(u.createdAt)}: {u.progress}%{u.note ? ` — ${u.note}` : ""}
                </li>
              ))}
            </ul>
          ) : (
            <p className="empty">No progress notes yet.</p>
          )}
        </section>
      </div>
    </Fragment>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
