import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { requireAccount } from "~/http/guards.server";
import { personNameIn, usePerson } from "~/components/account/use-person";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { RiskForm } from "~/components/risks/risk-form";
import { RISK_KINDS } from "~/domain/enums";
import { NewRiskSchema } from "~/schemas/risks";
import { createRisk, listPointChoices } from "~/services/risks.server";
import { readFormData } from "~/http/form-data.server";
import { submissionKey } from "~/http/submission-key.server";
import { writeOnce } from "~/services/submissions.server";
import { replyToServiceError } from "~/http/form-replies.server";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => {
  const name = personNameIn(matches);
  return [{ title: `Record a risk${data && name !== undefined ? ` · ${name}` : ""} · Rapport` }];
};

// Risks are recorded by the direct manager only; to anyone else this page does not exist.

/** `?kind=flight&point=14` preselects, e.g. from a checklist point; anything else is ignored. */
const Preselect = z.object({
  kind: z.enum(RISK_KINDS).optional().catch(undefined),
  point: z.coerce.number().int().min(1).max(15).optional().catch(undefined),
});

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { db } = await requireAccount(request, params.personId, "risk:write");
  const query = Preselect.parse(Object.fromEntries(new URL(request.url).searchParams));
  return { points: await listPointChoices(db), initial: { kind: query.kind, pointKey: query.point } };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { viewer, db, subject } = await requireAccount(request, params.personId, "risk:write");
  const formData = await readFormData(request);
  const submission = parseWithZod(formData, { schema: NewRiskSchema });
  if (submission.status !== "success") return data({ ...submission.reply(), conflict: null }, { status: 400 });
  try {
    // A second copy of the same post (a double click) records no second risk (ADR 031).
    await writeOnce(db, viewer.id, submissionKey(formData), new Date(), (tx) =>
      createRisk(tx, viewer, subject, submission.value),
    );
  } catch (error) {
    return replyToServiceError(submission, error);
  }
  return redirect(`/people/${subject.id}#risks`);
}

export default function NewRisk() {
  const { points, initial } = useLoaderData<typeof loader>();
  const { id: personId, name } = usePerson();
  return (
    <>
      <h1>Record a risk about {name}</h1>
      <p className="lede">
        Something that could go wrong for {name} or for the team, and what you will do about it. Only you and your
        manager line can read it; {name} never sees it.{" "}
        <Link to={`/people/${personId}#risks`}>Back to the account</Link>
      </p>
      <div className="card">
        <RiskForm initial={initial} points={points} cancelTo={`/people/${personId}#risks`} submitLabel="Record risk" />
      </div>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
