import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { requireAdmin } from "~/http/guards.server";
import { getCurrentSession } from "~/http/session.server";
import { AdminNav } from "~/components/admin/admin-nav";
import { PersonForm } from "~/components/admin/person-form";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FormErrors } from "~/components/forms";
import { EditPersonSchema, PersonActiveSchema } from "~/schemas/people-admin";
import { getPersonForAdmin, listTeams, setPersonActive, updatePersonAsAdmin } from "~/services/org.server";
import { readFormData } from "~/http/form-data.server";
import { replyToServiceError } from "~/http/form-replies.server";
import { notFound } from "~/http/errors.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.person.name ?? "Person"} · Rapport` }];

const PersonActionSchema = z.discriminatedUnion("intent", [
  EditPersonSchema.extend({ intent: z.literal("edit") }),
  PersonActiveSchema.extend({ intent: z.literal("active") }),
]);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { viewer, db } = await requireAdmin(request);
  const [person, teams] = await Promise.all([getPersonForAdmin(db, viewer, params.personId ?? ""), listTeams(db)]);
  if (!person) throw notFound();
  return { person, teams };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { viewer, db } = await requireAdmin(request);
  const submission = parseWithZod(await readFormData(request), { schema: PersonActionSchema });
  if (submission.status !== "success") return data({ ...submission.reply({ hideFields: ["password"] }), conflict: null }, { status: 400 });
  const personId = params.personId ?? "";
  try {
    if (submission.value.intent === "edit") {
      const { intent: _intent, ...input } = submission.value;
      // A new password ends the person's sessions; an admin setting their own keeps the one they are using.
      const keepSessionId = input.password && personId === viewer.id ? (await getCurrentSession(request))?.id : null;
      await updatePersonAsAdmin(db, viewer, personId, input, new Date(), { keepSessionId });
    } else {
      await setPersonActive(db, viewer, personId, submission.value, new Date());
    }
  } catch (error) {
    return replyToServiceError(submission, error);
  }
  return redirect(`/admin/people/${personId}?saved=1`);
}

export default function EditPerson() {
  const { person, teams } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [params] = useSearchParams();
  const activeErrors = lastResult && !("name" in (lastResult.initialValue ?? {})) ? lastResult.error?.[""] : null;
  return (
    <>
      <h1>{person.name}</h1>
      <p className="lede">
        {person.active ? "Active" : "Deactivated"} · {person.activeReports} direct {person.activeReports === 1 ? "report" : "reports"}
      </p>
      <AdminNav />
      {params.get("saved") && !lastResult ? <p className="alert ok">Saved.</p> : null}
      <div className="grid">
        <section className="card">
          <PersonForm teams={teams} lastResult={lastResult} person={person} version={lastResult?.conflict?.currentVersion} submitLabel="Save" />
        </section>
        <section className="card">
          <h2>{person.active ? "Deactivate" : "Reactivate"}</h2>
          <p className="muted">
            {person.active
              ? "A deactivated person cannot sign in and drops out of every list. Their history stays."
              : "They can sign in again with their password."}
          </p>
          <FormErrors id="active-errors" errors={activeErrors} />
          <Form method="post">
            <input type="hidden" name="intent" value="active" />
            <input type="hidden" name="version" value={person.version} />
            <input type="hidden" name="active" value={String(!person.active)} />
            <button type="submit" className={person.active ? "danger" : undefined}>
              {person.active ? "Deactivate" : "Reactivate"}
            </button>
          </Form>
        </section>
      </div>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
