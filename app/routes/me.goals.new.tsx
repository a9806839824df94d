import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { requireViewer } from "~/http/guards.server";
import { GoalForm } from "~/components/goals/goal-form";
import { NewGoalSchema } from "~/schemas/goals";
import { createGoal } from "~/services/goals.server";
import { readFormData } from "~/http/form-data.server";
import { submissionKey } from "~/http/submission-key.server";
import { writeOnce } from "~/services/submissions.server";

export const meta: MetaFunction = () => [{ title: "New goal · Rapport" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireViewer(request);
  return null;
}

/** Anyone can add a goal to their own account: the goal's owner is always the viewer. */
export async function action({ request }: ActionFunctionArgs) {
  const { viewer, db } = await requireViewer(request);
  const formData = await readFormData(request);
  const submission = parseWithZod(formData, { schema: NewGoalSchema });
  if (submission.status !== "success") return data({ ...submission.reply(), conflict: null }, { status: 400 });
  // A second copy of the same post (a double click) adds no second goal (ADR 031).
  await writeOnce(db, viewer.id, submissionKey(formData), new Date(), (tx) => createGoal(tx, viewer, submission.value));
  return redirect("/me");
}

export default function NewGoal() {
  return (
    <>
      <h1>New goal</h1>
      <p className="lede">A goal of yours, in your words. Your manager line can read it; only you can change it.</p>
      <div className="card">
        <GoalForm submitLabel="Add goal" />
      </div>
    </>
  );
}
