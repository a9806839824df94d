import {
  unstable_parseMultipartFormData,
  unstable_createMemoryUploadHandler,
  data,
  MaxPartSizeExceededError,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { requireAdmin } from "~/http/guards.server";
import { AdminNav } from "~/components/admin/admin-nav";
import { groupPlan, ImportPlan } from "~/components/admin/import-plan";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { useIsSubmitting } from "~/components/forms";
import { CSV_COLUMNS } from "~/schemas/people-admin";
import { requestOrigin } from "~/http/request.server";
import { CSV_LIMITS, importOrgChart, type ImportResult } from "~/services/org-csv.server";
import { countUninvited, inviteEveryoneNew } from "~/services/passwords.server";

type ImportRefused = Extract<ImportResult, { ok: false }>;

export const meta: MetaFunction = () => [{ title: "Import the org chart · Rapport" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { viewer, db } = await requireAdmin(request);
  return { uninvited: await countUninvited(db, viewer, new Date()) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { viewer, db } = await requireAdmin(request);
  let form: FormData;
  try {
    // Files larger than the limit are refused while streaming, before they are held in memory.
    form = await unstable_parseMultipartFormData(
      request,
      unstable_createMemoryUploadHandler({ maxPartSize: CSV_LIMITS.bytes + 1024 }),
    );
  } catch (error) {
    // Only an oversized part is "too large"; any other body (not multipart, broken) is not the import form's.
    return error instanceof MaxPartSizeExceededError
      ? data<ImportRefused>(
          { ok: false, errors: ["The file is larger than 1 MB. Split it and import the parts."] },
          { status: 413 },
        )
      : data<ImportRefused>({ ok: false, errors: ["Send the CSV through the import form."] }, { status: 400 });
  }
  if (form.get("intent") === "invite-new") {
    return data({ invited: await inviteEveryoneNew(db, viewer, new Date(), requestOrigin(request, context)) });
  }
  const file = form.get("file");
  const pasted = form.get("csv");
  const text = file instanceof File && file.size > 0 ? await file.text() : typeof pasted === "string" ? pasted : "";
  if (!text.trim())
    return data<ImportRefused>({ ok: false, errors: ["Choose a CSV file or paste its contents."] }, { status: 400 });
  const result = await importOrgChart(db, viewer, text, {
    dryRun: form.get("intent") === "preview",
    now: new Date(),
    origin: requestOrigin(request, context),
  });
  if (!result.ok) return data(result, { status: 400 });
  // The counts are whole; the rows shown are not, or a 20,000-row file would be a 20,000-row page.
  const { rows, ...summary } = result;
  return data({ ...summary, groups: groupPlan(rows) });
}

export default function ImportOrgChart() {
  const answer = useActionData<typeof action>();
  const { uninvited } = useLoaderData<typeof loader>();
  const result = answer && "ok" in answer ? answer : undefined;
  const invited = answer && "invited" in answer ? answer.invited : undefined;
  const submitting = useIsSubmitting();
  return (
    <>
      <h1>Import the org chart</h1>
      <p className="lede">
        A CSV with the header <code>{CSV_COLUMNS.join(",")}</code>; roles separated by <code>;</code> (manager, hr,
        admin). Every row is checked first: if any is wrong, nothing is written.
      </p>
      <AdminNav />
      {result && !result.ok ? (
        <div className="alert error" role="alert">
          <strong>Nothing was imported. Fix these and try again:</strong>
          <ul data-testid="import-errors">
            {result.errors.slice(0, 200).map((e) => (
              <li key={e}>{e}</li>
            ))}
          </ul>
          {result.errors.length > 200 ? <p>…and {result.errors.length - 200} more.</p> : null}
        </div>
      ) : null}
      {result?.ok ? (
        <p className="alert ok" role="status">
          {result.dryRun ? "Preview: this would create" : "Imported:"} {result.created} new, {result.updated} changed,{" "}
          {result.unchanged} unchanged
          {result.teamsCreated.length
            ? `; ${result.dryRun ? "new teams" : "teams created"}: ${result.teamsCreated.join(", ")}`
            : ""}
          .{result.dryRun ? " Nothing has been written yet." : ""}
        </p>
      ) : null}
      {invited !== undefined ? (
        <p className="alert ok" role="status">
          {invited === 0
            ? "Nobody new to invite."
            : `Invitations are on their way to ${invited} ${invited === 1 ? "person" : "people"}.`}
        </p>
      ) : null}
      {uninvited > 0 ? (
        // Multipart like the import form, which the action reads first.
        <Form method="post" encType="multipart/form-data" className="card">
          <p>
            {uninvited} {uninvited === 1 ? "person has" : "people have"} no password and no open invitation yet. Each
            gets an e-mail with a link to choose their own password, valid for 7 days.
          </p>
          <div className="actions">
            <button type="submit" name="intent" value="invite-new" disabled={submitting}>
              Invite everyone new
            </button>
          </div>
        </Form>
      ) : null}
      {result?.ok ? <ImportPlan groups={result.groups} counts={result} done={!result.dryRun} /> : null}
      <Form method="post" encType="multipart/form-data" className="stack card">
        <div>
          <label htmlFor="file">CSV file</label>
          <input id="file" name="file" type="file" accept=".csv,text/csv" />
        </div>
        <div>
          <label htmlFor="csv">
            …or paste it <span className="hint">(up to 1 MB)</span>
          </label>
          <textarea
            id="csv"
            name="csv"
            rows={8}
            placeholder={`${CSV_COLUMNS.join(",")}\nana@example.com,Ana Diaz,Payments,mo@example.com,`}
          />
        </div>
        <div className="actions">
          <button type="submit" name="intent" value="preview" className="secondary" disabled={submitting}>
            Preview
          </button>
          <button type="submit" name="intent" value="import" disabled={submitting}>
            Import
          </button>
        </div>
      </Form>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
