import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { authorize } from "~/http/guards.server";
import { requireViewer } from "~/http/session.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { RiskForm } from "~/components/risks/risk-form";
import { RISK_KINDS } from "~/domain/enums";
import { NewRiskSchema } from "~/schemas/risks";
import { getPersonName } from "~/services/account.server";
import { getDb } from "~/services/db.server";
import { createRisk, listPointChoices } from "~/services/risks.server";
import { loadSubject } from "~/services/subjects.server";
import { readFormData } from "~/http/form-data.server";
import { replyToServiceError } from "~/http/form-replies.server";
import { notFound } from "~/http/errors.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Record a risk${data ? ` · ${data.name}` : ""} · Rapport` }];

/** Risks are recorded by the direct manager only; to anyone else this page does not exist. */
async function requireRiskWriter(request: Request, personId: string | undefined) {
  const viewer = await requireViewer(request);
  const db = await getDb();
  const subject = await loadSubject(db, personId ?? "");
  if (!subject) throw notFound();
  authorize(viewer, "risk:write", { subject }, { hide: true });
  return { viewer, db, subject };
}

/** `?kind=flight&point=14` preselects, e.g. from a checklist point; anything else is ignored. */
const Preselect = z.object({
  kind: z.enum(RISK_KINDS).optional().catch(undefined),
  point: z.coerce.number().int().min(1).max(15).optional().catch(undefined),
});

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { db, subject } = await requireRiskWriter(request, params.personId);
  const query = Preselect.parse(Object.fromEntries(new URL(request.url).searchParams));
  const [name, points] = await Promise.all([getPersonName(db, subject.id), listPointChoices(db)]);
  return { personId: subject.id, name, points, initial: { kind: query.kind, pointKey: query.point } };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { viewer, db, subject } = await requireRiskWriter(request, params.personId);
  const submission = parseWithZod(await readFormData(request), { schema: NewRiskSchema });
  if (submission.status !== "success") return data({ ...submission.reply(), conflict: null }, { status: 400 });
  try {
    await createRisk(db, viewer, subject, submission.value);
  } catch (error) {
    return replyToServiceError(submission, error);
  }
  return redirect(`/people/${subject.id}#risks`);
}

export default function NewRisk() {
  const { personId, name, points, initial } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Record a risk about {name}</h1>
      <p className="lede">
        Something that could go wrong for {name} or for the team, and what you will do about it. Only you and your
        manager line can read it; {name} never sees it. <Link to={`/people/${personId}#risks`}>Back to the account</Link>
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
