import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useFetchers, useLoaderData, useSearchParams } from "@remix-run/react";
import { Fragment } from "react";
import { z } from "zod";
import { requireAdmin } from "~/http/guards.server";
import { AdminNav } from "~/components/admin/admin-nav";
import { PersonActiveForm, PersonForm, PersonInviteForm } from "~/components/admin/person-form";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { revalidateAfterConflict, UnclaimedReplyErrors } from "~/components/forms";
import { EditPersonSchema, PersonActiveSchema } from "~/schemas/people-admin";
import { requestOrigin } from "~/http/request.server";
import {
  getPersonForAdmin,
  listManagerChoices,
  listTeams,
  setPersonActive,
  updatePersonAsAdmin,
} from "~/services/org.server";
import { hasOpenInvitation, hasPassword, sendPasswordLinkAsAdmin } from "~/services/passwords.server";
import { readFormData } from "~/http/form-data.server";
import { readWithReceipt } from "~/services/access-receipts.server";
import { replyToServiceError } from "~/http/form-replies.server";
import { notFound } from "~/http/errors.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.person.name ?? "Person"} · Rapport` },
];

const PersonActionSchema = z.discriminatedUnion("intent", [
  EditPersonSchema.extend({ intent: z.literal("edit") }),
  PersonActiveSchema.extend({ intent: z.literal("active") }),
  z.object({ intent: z.literal("invite") }),
]);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { viewer, db } = await requireAdmin(request);
  const personId = params.personId ?? "";
  const now = new Date();
  const [person, teams, passwordSet, invited] = await Promise.all([
    // An admin's read of a person's record leaves a receipt on their /me/privacy, in the same transaction (ADR 041).
    readWithReceipt(
      db,
      viewer,
      { id: personId, managerChain: [] },
      "person-record",
      (tx) => getPersonForAdmin(tx, viewer, personId),
      { asAdmin: true, when: (found) => found !== null },
    ),
    listTeams(db),
    hasPassword(db, viewer, personId),
    hasOpenInvitation(db, viewer, personId, now),
  ]);
  if (!person) throw notFound();
  const managers = await listManagerChoices(db, viewer, person.id, person.managerEmail);
  // Whether they have a password, never the password or its hash.
  return { person, teams, managers, signIn: { hasPassword: passwordSet, invited } };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { viewer, db } = await requireAdmin(request);
  const submission = parseWithZod(await readFormData(request), { schema: PersonActionSchema });
  if (submission.status !== "success") return data({ ...submission.reply(), conflict: null }, { status: 400 });
  const personId = params.personId ?? "";
  try {
    if (submission.value.intent === "invite") {
      const sent = await sendPasswordLinkAsAdmin(db, viewer, personId, new Date(), requestOrigin(request, context));
      return redirect(`/admin/people/${personId}?sent=${sent}`);
    }
    if (submission.value.intent === "edit") {
      const { intent: _intent, ...input } = submission.value;
      await updatePersonAsAdmin(db, viewer, personId, input, new Date(), { origin: requestOrigin(request, context) });
    } else {
      await setPersonActive(db, viewer, personId, submission.value, new Date(), {
        origin: requestOrigin(request, context),
      });
    }
  } catch (error) {
    return replyToServiceError(submission, error);
  }
  return redirect(`/admin/people/${personId}?saved=1`);
}

/** A stale save reloads the person as they are now; the form keeps what was typed. */
export const shouldRevalidate = revalidateAfterConflict;

export default function EditPerson() {
  const { person, teams, managers, signIn } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  // "Saved." is about the last save; once a form here has answered since, its answer is what counts.
  const actionData = useActionData();
  const fetchers = useFetchers();
  const answered = actionData !== undefined || fetchers.some((f) => f.data !== undefined);
  return (
    // Another person is another page: no form keeps the last one's text or reply.
    <Fragment key={person.id}>
      <h1>{person.name}</h1>
      <p className="lede">
        {person.active ? "Active" : "Deactivated"} · {person.activeReports} direct{" "}
        {person.activeReports === 1 ? "report" : "reports"}
      </p>
      <AdminNav />
      {params.get("saved") && !answered ? <p className="alert ok">Saved.</p> : null}
      {params.get("sent") && !answered ? (
        <p className="alert ok">
          {params.get("sent") === "reset"
            ? "A password reset link is on its way to their email."
            : "The invitation is on its way to their email."}
        </p>
      ) : null}
      <UnclaimedReplyErrors id="person-errors" claims={[{ intent: "edit" }, { intent: "active" }]} />
      <div className="grid">
        <section className="card">
          <PersonForm teams={teams} managers={managers} person={person} submitLabel="Save" />
        </section>
        <section className="card">
          <h2>{person.active ? "Deactivate" : "Reactivate"}</h2>
          <p className="muted">
            {person.active
              ? "A deactivated person cannot sign in and drops out of every list. Their history stays."
              : "They can sign in again with their password."}
          </p>
          <PersonActiveForm person={person} />
        </section>
        {person.active ? (
          <section className="card">
            <h2>Signing in</h2>
            <p className="muted">
              {signIn.hasPassword
                ? "They have a password. You can send them a link to choose a new one; it goes only to their email."
                : signIn.invited
                  ? "Invited: they have not chosen a password yet. Sending again replaces the earlier link."
                  : "Not invited yet: without a password they cannot sign in."}
            </p>
            <PersonInviteForm hasPassword={signIn.hasPassword} />
          </section>
        ) : null}
      </div>
    </Fragment>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
