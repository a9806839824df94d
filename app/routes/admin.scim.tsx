import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { AdminNav } from "~/components/admin/admin-nav";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Field, FormErrors } from "~/components/forms";
import { env } from "~/env.server";
import { readFormData } from "~/http/form-data.server";
import { replyToServiceError } from "~/http/form-replies.server";
import { requireAdmin } from "~/http/guards.server";
import { scimBase } from "~/http/scim.server";
import { ScimTokenActionSchema } from "~/schemas/scim";
import { requestOrigin } from "~/http/request.server";
import { createScimToken, listScimTokens, revokeScimToken } from "~/services/scim-tokens.server";
import { useDates } from "~/utils/dates";
import { TableScroll } from "~/components/table-scroll";

export const meta: MetaFunction = () => [{ title: "SCIM provisioning · Rapport" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { viewer, db } = await requireAdmin(request);
  return {
    tokens: await listScimTokens(db, viewer),
    endpoint: scimBase(request),
    configured: Boolean(env().RAPPORT_SCIM_TOKEN),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { viewer, db } = await requireAdmin(request);
  const submission = parseWithZod(await readFormData(request), { schema: ScimTokenActionSchema });
  if (submission.status !== "success") return data({ ...submission.reply(), created: null }, { status: 400 });
  try {
    if (submission.value.intent === "create") {
      const created = await createScimToken(
        db,
        viewer,
        { name: submission.value.name },
        new Date(),
        requestOrigin(request, context),
      );
      // The one answer that carries the token: no cache keeps it.
      return data(
        { ...submission.reply({ resetForm: true }), created: { name: created.name, token: created.token } },
        { headers: { "Cache-Control": "no-store" } },
      );
    }
    await revokeScimToken(db, viewer, submission.value.tokenId, new Date(), requestOrigin(request, context));
  } catch (error) {
    return replyToServiceError(submission, error);
  }
  return redirect("/admin/scim?revoked=1");
}

export default function ScimTokens() {
  const dates = useDates();
  const { tokens, endpoint, configured } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [params] = useSearchParams();
  const created = lastResult && "created" in lastResult ? lastResult.created : null;
  const [form, fields] = useForm({
    id: "scim-token",
    lastResult: lastResult?.initialValue?.intent === "create" ? lastResult : undefined,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ScimTokenActionSchema }),
  });
  const revokeErrors =
    lastResult?.initialValue?.intent === "revoke"
      ? Object.values(lastResult.error ?? {}).flatMap((list) => list ?? [])
      : null;
  return (
    <>
      <h1>SCIM provisioning</h1>
      <p className="lede">
        Okta, Microsoft Entra and other identity providers keep the org chart in step over SCIM 2.0.
      </p>
      <AdminNav />
      {params.get("revoked") && !lastResult ? <p className="alert ok">Revoked: that token no longer works.</p> : null}
      {created ? (
        <div className="alert warn" role="status">
          <p>
            <strong>The token {created.name}.</strong> Copy it into your identity provider now: Rapport keeps only a
            fingerprint of it and cannot show it again.
          </p>
          <p>
            <code data-testid="scim-token">{created.token}</code>
          </p>
        </div>
      ) : null}
      <div className="grid">
        <section className="card" aria-labelledby="endpoint">
          <h2 id="endpoint">Connect a provider</h2>
          <p>
            SCIM base URL (Okta: <em>SCIM connector base URL</em>; Entra: <em>Tenant URL</em>): <code>{endpoint}</code>
          </p>
          <p className="muted">
            Authentication is a bearer token (Okta: <em>HTTP Header</em>; Entra: <em>Secret Token</em>). Map userName to
            the e-mail address people sign in with. A token acts for the admin who created it, and stops working if they
            stop being an active admin.
          </p>
          {configured ? (
            <p className="muted">RAPPORT_SCIM_TOKEN is set on the server: it works too, until it is unset.</p>
          ) : null}
        </section>
        <section className="card" aria-labelledby="new-token">
          <h2 id="new-token">Create a token</h2>
          <Form method="post" className="stack" {...getFormProps(form)}>
            <input type="hidden" name="intent" value="create" />
            <FormErrors id={form.errorId} errors={form.errors} />
            <Field label="Name" hint="(which provider uses it)" meta={fields.name} placeholder="Okta" />
            <div className="actions">
              <button type="submit">Create token</button>
            </div>
          </Form>
        </section>
      </div>
      <section className="card" aria-labelledby="tokens">
        <h2 id="tokens">Tokens</h2>
        <FormErrors id="revoke-errors" errors={revokeErrors} />
        {tokens.length ? (
          <TableScroll label="Tokens table">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Created by</th>
                <th scope="col">Created</th>
                <th scope="col">Last used</th>
                <th scope="col">Status</th>
                <th scope="col">
                  <span className="visually-hidden">Revoke</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {tokens.map((t) => (
                <tr key={t.id}>
                  <th scope="row">{t.name}</th>
                  <td>{t.createdByName}</td>
                  <td>{dates.dateTime(t.createdAt)}</td>
                  <td>{dates.dateTime(t.lastUsedAt)}</td>
                  <td>
                    {t.revokedAt ? (
                      <span className="badge">revoked {dates.dateTime(t.revokedAt)}</span>
                    ) : t.creatorCanProvision ? (
                      <span className="badge ok">works</span>
                    ) : (
                      <span className="badge warn">stopped: {t.createdByName} is no longer an active admin</span>
                    )}
                  </td>
                  <td>
                    {t.revokedAt ? null : (
                      <Form method="post">
                        <input type="hidden" name="intent" value="revoke" />
                        <input type="hidden" name="tokenId" value={t.id} />
                        <button type="submit" className="danger" aria-label={`Revoke ${t.name}`}>
                          Revoke
                        </button>
                      </Form>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </TableScroll>
        ) : (
          <p className="empty">No tokens yet.</p>
        )}
      </section>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
