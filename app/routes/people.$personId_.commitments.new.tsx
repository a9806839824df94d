import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { authorize } from "~/http/guards.server";
import { requireViewer, safeRedirect } from "~/http/session.server";
import { CommitmentForm } from "~/components/commitments/commitment-form";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { NewCommitmentSchema } from "~/schemas/commitments";
import { getPersonName } from "~/services/account.server";
import { proposeCommitment } from "~/services/commitments.server";
import { getDb } from "~/services/db.server";
import { loadSubject } from "~/services/subjects.server";
import { readFormData } from "~/http/form-data.server";
import { replyToServiceError } from "~/http/form-replies.server";
import { notFound } from "~/http/errors.server";

// The trailing underscore in the file name keeps this page out of the account
// page's layout (which has no <Outlet />); the URL is /people/:personId/commitments/new.

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `A change for ${data?.name ?? ""} · Rapport` }];

/** Only the direct manager proposes on a report's account; to anyone else the page does not exist. */
async function requireDirectManager(request: Request, personId: string | undefined) {
  const viewer = await requireViewer(request);
  const db = await getDb();
  const subject = await loadSubject(db, personId ?? "");
  if (!subject) throw notFound();
  authorize(viewer, "account:manage", { subject }, { hide: true });
  return { viewer, db, subject };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { db, subject } = await requireDirectManager(request, params.personId);
  const redirectTo = new URL(request.url).searchParams.get("redirectTo");
  return { name: await getPersonName(db, subject.id), personId: subject.id, redirectTo: safeRedirect(redirectTo, "") || null };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { viewer, db, subject } = await requireDirectManager(request, params.personId);
  const formData = await readFormData(request);
  const submission = parseWithZod(formData, { schema: NewCommitmentSchema });
  if (submission.status !== "success") return data({ ...submission.reply(), conflict: null }, { status: 400 });
  let id: string;
  try {
    ({ id } = await proposeCommitment(db, viewer, subject, submission.value));
  } catch (error) {
    return replyToServiceError(submission, error);
  }
  return redirect(safeRedirect(formData.get("redirectTo"), `/commitments/${id}`));
}

export default function ProposeForReport() {
  const { name, personId, redirectTo } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>A change for {name}</h1>
      <p className="lede">
        Write down a change {name} wants to make, as agreed in your 1:1: why now, the first step and what you will do to
        help. It starts as proposed until the two of you commit to it. Back to <Link to={`/people/${personId}`}>their account</Link>.
      </p>
      <div className="card">
        <CommitmentForm
          voice="manager"
          submitLabel="Propose this change"
          cancelHref={redirectTo ?? `/people/${personId}`}
          redirectTo={redirectTo ?? undefined}
        />
      </div>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
