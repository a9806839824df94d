import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { authorize } from "~/http/guards.server";
import { requireViewer } from "~/http/session.server";
import { ChecklistForm } from "~/components/checklist/checklist-form";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { latestByPoint } from "~/domain/checklist";
import { AssessmentSchema } from "~/schemas/assessments";
import { listAssessments, recordAssessments } from "~/services/assessments.server";
import { getChecklistPoints } from "~/services/checklist.server";
import { getDb } from "~/services/db.server";
import { getPersonName } from "~/services/account.server";
import { loadSubject } from "~/services/subjects.server";
import { readFormData } from "~/http/form-data.server";
import { replyToServiceError } from "~/http/form-replies.server";
import { notFound } from "~/http/errors.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Rate ${data?.name ?? ""} · Rapport` }];

async function requireDirectManager(request: Request, personId: string | undefined) {
  const viewer = await requireViewer(request);
  const db = await getDb();
  const subject = await loadSubject(db, personId ?? "");
  if (!subject) throw notFound();
  authorize(viewer, "assessment:write-manager", { subject }, { hide: true });
  return { viewer, db, subject };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { viewer, db, subject } = await requireDirectManager(request, params.personId);
  const [points, history, name] = await Promise.all([
    getChecklistPoints(db),
    listAssessments(db, viewer, subject),
    getPersonName(db, subject.id),
  ]);
  return { points, latest: latestByPoint(history, "manager"), name, personId: subject.id };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { viewer, db, subject } = await requireDirectManager(request, params.personId);
  const submission = parseWithZod(await readFormData(request), { schema: AssessmentSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const entries = submission.value.entries.flatMap((e) => (e.rating === undefined ? [] : [{ ...e, rating: e.rating }]));
  try {
    await recordAssessments(db, viewer, subject, "manager", entries);
  } catch (error) {
    return replyToServiceError(submission, error);
  }
  return redirect(`/people/${subject.id}#checklist`);
}

export default function RateReport() {
  const { points, latest, name, personId } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <>
      <h1>Where {name} stands</h1>
      <p className="lede">
        Your view, 1 to 5, on the points you have evidence for. Their own ratings sit beside yours on{" "}
        <Link to={`/people/${personId}#checklist`}>their account</Link>; the gap is the conversation.
      </p>
      <ChecklistForm points={points} latest={latest} errors={result?.error} perspective="manager" />
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
