import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { requireViewer } from "~/http/guards.server";
import { GoalForm } from "~/components/goals/goal-form";
import { NewGoalSchema } from "~/schemas/goals";
import { createGoal } from "~/services/goals.server";
import { readFormData } from "~/http/form-data.server";

export const meta: MetaFunction = () => [{ title: "New goal · Rapport" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireViewer(request);
  return null;
}

/** Anyone can add a goal to their own account: the goal's owner is always the viewer. */
export async function action({ request }: ActionFunctionArgs) {
  const { viewer, db } = await requireViewer(request);
  const submission = parseWithZod(await readFormData(request), { schema: NewGoalSchema });
  if (submission.status !== "success") return data({ ...submission.reply(), conflict: null }, { status: 400 });
  await createGoal(db, viewer, submission.value);
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
