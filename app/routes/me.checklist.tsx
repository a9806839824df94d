import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { requireSelf } from "~/http/guards.server";
import { ChecklistForm } from "~/components/checklist/checklist-form";
import { AssessmentSchema } from "~/schemas/assessments";
import { listAssessments, recordAssessments } from "~/services/assessments.server";
import { getChecklistPoints } from "~/services/checklist.server";
import { latestByPoint } from "~/domain/checklist";
import { readFormData } from "~/http/form-data.server";
import { replyToServiceError } from "~/http/form-replies.server";

export const meta: MetaFunction = () => [{ title: "Rate myself · Rapport" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { viewer, db, subject } = await requireSelf(request);
  const [points, history] = await Promise.all([getChecklistPoints(db), listAssessments(db, viewer, subject)]);
  return { points, latest: latestByPoint(history, "self") };
}

export async function action({ request }: ActionFunctionArgs) {
  const { viewer, db, subject } = await requireSelf(request);
  const submission = parseWithZod(await readFormData(request), { schema: AssessmentSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const entries = submission.value.entries.flatMap((e) => (e.rating === undefined ? [] : [{ ...e, rating: e.rating }]));
  try {
    await recordAssessments(db, viewer, subject, "self", entries);
  } catch (error) {
    return replyToServiceError(submission, error);
  }
  return redirect("/me?rated=1");
}

export default function RateMyself() {
  const { points, latest } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <>
      <h1>Rate myself</h1>
      <p className="lede">
        Fourteen questions about how things stand for you. Answer only the ones you want to; your manager sees your
        answers beside their own view, so the two of you can talk about where you see things differently.
      </p>
      <ChecklistForm points={points} latest={latest} errors={result?.error} perspective="self" />
    </>
  );
}
