import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireAdmin } from "~/http/guards.server";
import { AdminNav } from "~/components/admin/admin-nav";
import { PersonForm } from "~/components/admin/person-form";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { NewPersonSchema } from "~/schemas/people-admin";
import { requestOrigin } from "~/http/request.server";
import { createPersonAsAdmin, listManagerChoices, listTeams } from "~/services/org.server";
import { readFormData } from "~/http/form-data.server";
import { replyToServiceError } from "~/http/form-replies.server";

export const meta: MetaFunction = () => [{ title: "Add a person · Rapport" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { viewer, db } = await requireAdmin(request);
  const [teams, managers] = await Promise.all([listTeams(db), listManagerChoices(db, viewer, null)]);
  return { teams, managers };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { viewer, db } = await requireAdmin(request);
  const submission = parseWithZod(await readFormData(request), { schema: NewPersonSchema });
  if (submission.status !== "success") return data({ ...submission.reply(), conflict: null }, { status: 400 });
  try {
    const person = await createPersonAsAdmin(db, viewer, submission.value, new Date(), {
      origin: requestOrigin(request, context),
    });
    return redirect(`/admin/people/${person.id}?saved=1`);
  } catch (error) {
    return replyToServiceError(submission, error);
  }
}

export default function NewPerson() {
  const { teams, managers } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Add a person</h1>
      <AdminNav />
      <div className="card">
        <PersonForm teams={teams} managers={managers} submitLabel="Add person" />
      </div>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
