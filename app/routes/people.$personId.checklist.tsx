import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireAccount } from "~/http/guards.server";
import { personNameIn, usePerson } from "~/components/account/use-person";
import { ChecklistForm } from "~/components/checklist/checklist-form";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { latestByPoint } from "~/domain/checklist";
import { AssessmentSchema } from "~/schemas/assessments";
import { readWithReceipt } from "~/services/access-receipts.server";
import { listAssessments, recordAssessments } from "~/services/assessments.server";
import { getChecklistPoints } from "~/services/checklist.server";
import { readFormData } from "~/http/form-data.server";
import { replyToServiceError } from "~/http/form-replies.server";

export const meta: MetaFunction<typeof loader> = ({ matches }) => [
  { title: `Rate ${personNameIn(matches) ?? ""} · Rapport` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { viewer, db, subject } = await requireAccount(request, params.personId, "assessment:write-manager");
  // The read and its count (the direct manager, the only one who rates) commit together (ADR 041).
  const [points, history] = await readWithReceipt(db, viewer, subject, "checklist", (tx) =>
    Promise.all([getChecklistPoints(tx), listAssessments(tx, viewer, subject)]),
  );
  return { points, latest: latestByPoint(history, "manager") };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { viewer, db, subject } = await requireAccount(request, params.personId, "assessment:write-manager");
  const submission = parseWithZod(await readFormData(request), { schema: AssessmentSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const entries = submission.value.entries.flatMap((e) => (e.rating === undefined ? [] : [{ ...e, rating: e.rating }]));
  try {
    await recordAssessments(db, viewer, subject, "manager", entries);
  } catch (error) {
    return replyToServiceError(submission, error);
  }
  return redirect(`/people/${subject.id}?rated=1#checklist`);
}

export default function RateReport() {
  const { points, latest } = useLoaderData<typeof loader>();
  const { id: personId, name } = usePerson();
  const result = useActionData<typeof action>();
  return (
    <>
      <h1>Where {name} stands</h1>
      <p className="lede">
        Your view of how each point is going for {name}, on the points you have evidence for. Their own ratings sit
        beside yours on <Link to={`/people/${personId}#checklist`}>their account</Link>; the gap is the conversation.
      </p>
      <ChecklistForm points={points} latest={latest} errors={result?.error} perspective="manager" />
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
