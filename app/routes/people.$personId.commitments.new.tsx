import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireAccount } from "~/http/guards.server";
import { safeRedirect } from "~/http/session.server";
import { personNameIn, usePerson } from "~/components/account/use-person";
import { CommitmentForm } from "~/components/commitments/commitment-form";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { NewCommitmentSchema } from "~/schemas/commitments";
import { proposeCommitment } from "~/services/commitments.server";
import { readFormData } from "~/http/form-data.server";
import { replyToServiceError } from "~/http/form-replies.server";

export const meta: MetaFunction<typeof loader> = ({ matches }) => [
  { title: `A change for ${personNameIn(matches) ?? ""} · Rapport` },
];

// Only the direct manager proposes on a report's account; to anyone else the page does not exist.

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireAccount(request, params.personId, "account:manage");
  const redirectTo = new URL(request.url).searchParams.get("redirectTo");
  return { redirectTo: safeRedirect(redirectTo, "") || null };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { viewer, db, subject } = await requireAccount(request, params.personId, "account:manage");
  const formData = await readFormData(request);
  const submission = parseWithZod(formData, { schema: NewCommitmentSchema });
  if (submission.status !== "success") return data({ ...submission.reply(), conflict: null }, { status: 400 });
  let id: string;
  try {
    ({ id } = await proposeCommitment(db, viewer, subject, submission.value, new Date()));
  } catch (error) {
    return replyToServiceError(submission, error);
  }
  return redirect(safeRedirect(formData.get("redirectTo"), `/commitments/${id}`));
}

export default function ProposeForReport() {
  const { redirectTo } = useLoaderData<typeof loader>();
  const { id: personId, name } = usePerson();
  return (
    <>
      <h1>A change for {name}</h1>
      <p className="lede">
        Write down a change {name} wants to make, as agreed in your 1:1: why now, the first step and what you will do to
        help. It starts as proposed until the two of you commit to it. Back to{" "}
        <Link to={`/people/${personId}`}>their account</Link>.
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
