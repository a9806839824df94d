import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { requireAdmin } from "~/http/guards.server";
import { AdminNav } from "~/components/admin/admin-nav";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Field, FormErrors, useIsSubmitting } from "~/components/forms";
import { TeamSchema } from "~/schemas/people-admin";
import { createTeam, listTeams } from "~/services/org.server";
import { readFormData } from "~/http/form-data.server";
import { replyToServiceError } from "~/http/form-replies.server";

export const meta: MetaFunction = () => [{ title: "Teams · Rapport" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { db } = await requireAdmin(request);
  return { teams: await listTeams(db) };
}

export async function action({ request }: ActionFunctionArgs) {
  const { viewer, db } = await requireAdmin(request);
  const submission = parseWithZod(await readFormData(request), { schema: TeamSchema });
  if (submission.status !== "success") return data({ ...submission.reply(), conflict: null }, { status: 400 });
  try {
    await createTeam(db, viewer, submission.value);
  } catch (error) {
    return replyToServiceError(submission, error);
  }
  return redirect("/admin/teams");
}

type Team = { id: string; name: string; parentTeamId: string | null; members: number };

function TeamTree({ teams, parentId }: { teams: Team[]; parentId: string | null }) {
  const children = teams.filter((t) => t.parentTeamId === parentId);
  if (!children.length) return null;
  return (
    <ul>
      {children.map((t) => (
        <li key={t.id}>
          {t.name}{" "}
          <span className="muted">
            ({t.members} {t.members === 1 ? "person" : "people"})
          </span>
          <TeamTree teams={teams} parentId={t.id} />
        </li>
      ))}
    </ul>
  );
}

export default function Teams() {
  const { teams } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "team",
    lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: TeamSchema }),
  });
  const submitting = useIsSubmitting();
  return (
    <>
      <h1>Teams</h1>
      <AdminNav />
      <div className="grid">
        <section className="card" aria-labelledby="tree">
          <h2 id="tree">The team tree</h2>
          {teams.length ? <TeamTree teams={teams} parentId={null} /> : <p className="empty">No teams yet.</p>}
        </section>
        <section className="card" aria-labelledby="new-team">
          <h2 id="new-team">Add a team</h2>
          <Form method="post" className="stack" {...getFormProps(form)}>
            <FormErrors id={form.errorId} errors={form.errors} />
            <Field label="Name" meta={fields.name} />
            <Field label="Part of" hint="(optional)" meta={fields.parentTeamId} as="select">
              <option value="">Top level</option>
              {teams.map((t) => (
                <option key={t.id} value={t.id}>
                  {t.name}
                </option>
              ))}
            </Field>
            <div className="actions">
              <button type="submit" disabled={submitting}>
                {submitting ? "Adding…" : "Add team"}
              </button>
            </div>
          </Form>
        </section>
      </div>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
