import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireSelf, requireViewer } from "~/http/guards.server";
import { safeRedirect } from "~/http/session.server";
import { CommitmentForm } from "~/components/commitments/commitment-form";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { NewCommitmentSchema } from "~/schemas/commitments";
import { proposeCommitment } from "~/services/commitments.server";
import { readFormData } from "~/http/form-data.server";
import { replyToServiceError } from "~/http/form-replies.server";

export const meta: MetaFunction = () => [{ title: "A change I want to make · Rapport" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireViewer(request);
  const redirectTo = new URL(request.url).searchParams.get("redirectTo");
  return { redirectTo: safeRedirect(redirectTo, "") || null };
}

/** Anyone can propose a change of their own: the commitment's person is always the viewer. */
export async function action({ request }: ActionFunctionArgs) {
  const { viewer, db, subject: self } = await requireSelf(request);
  const formData = await readFormData(request);
  const submission = parseWithZod(formData, { schema: NewCommitmentSchema });
  if (submission.status !== "success") return data({ ...submission.reply(), conflict: null }, { status: 400 });
  let id: string;
  try {
    ({ id } = await proposeCommitment(db, viewer, self, submission.value, new Date()));
  } catch (error) {
    return replyToServiceError(submission, error);
  }
  return redirect(safeRedirect(formData.get("redirectTo"), `/commitments/${id}`));
}

export default function ProposeOwnChange() {
  const { redirectTo } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>A change I want to make</h1>
      <p className="lede">
        One change, in your words: why now, the first step, and what your manager will do to help. It stays proposed
        until you and your manager commit to it; your manager line can read it.
      </p>
      <div className="card">
        <CommitmentForm
          voice="report"
          submitLabel="Propose this change"
          cancelHref={redirectTo ?? "/me"}
          redirectTo={redirectTo ?? undefined}
        />
      </div>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
