import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useLoaderData, useSearchParams } from "@remix-run/react";
import { AdminNav } from "~/components/admin/admin-nav";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { SubmissionKey } from "~/components/forms";
import { requireBackupAdmin } from "~/http/guards.server";
import { SKIPPED_TABLES } from "#db/backup-tables";
import { backupStatus } from "~/services/backup.server";

export const meta: MetaFunction = () => [{ title: "Backup · Rapport" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireBackupAdmin(request);
  return { status: backupStatus(), skipped: Object.keys(SKIPPED_TABLES) };
}

export default function Backup() {
  const { status, skipped } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  return (
    <>
      <h1>Backup</h1>
      <p className="lede">Download the whole organisation as one sealed file, and restore it into an empty database.</p>
      <AdminNav />
      {params.get("twice") ? (
        <p className="alert ok" role="status">
          You pressed the button twice: your first press made the backup (look in your downloads). Press it again if you
          want a new one.
        </p>
      ) : null}
      <div className="grid">
        <section className="card" aria-labelledby="what">
          <h2 id="what">What the file holds</h2>
          <p>
            Everything people have written in Rapport: people, teams and reporting lines, 1:1s with their topics and
            notes (private ones too), follow-ups, goals, commitments, risks, checklist ratings, pulse answers, the audit
            trail, the security log and the access receipts.
          </p>
          <p className="muted">
            Left out, because they last hours or days or belong to this server:{" "}
            {skipped.join(", ").replaceAll("_", " ")}. After a restore everyone signs in again.
          </p>
          <p>
            Making a backup is written in the security log, and everyone in it sees on their privacy page that an export
            included them.
          </p>
        </section>
        <section className="card" aria-labelledby="key">
          <h2 id="key">The key</h2>
          {status.on ? (
            <>
              <p>
                The file is encrypted (AES-256-GCM); without its key nobody can read it, and a changed byte stops it
                from opening. Your key: <strong>{status.where}</strong>.
              </p>
              <p className="muted">
                Keep the key apart from the backups: a copy of both is a copy of everyone&apos;s 1:1s.
              </p>
            </>
          ) : (
            <p className="alert warn">{status.why}</p>
          )}
        </section>
      </div>
      <section className="card" aria-labelledby="download">
        <h2 id="download">Download a backup</h2>
        {/* A plain post to a resource route: the browser saves the answer as a file and stays on this page. */}
        <Form method="post" action="/admin/backup/download" reloadDocument className="stack">
          <SubmissionKey />
          <div className="actions">
            <button type="submit" disabled={!status.on}>
              Download backup
            </button>
          </div>
        </Form>
      </section>
      <section className="card" aria-labelledby="restore">
        <h2 id="restore">Restore</h2>
        <p>
          On the new server, before its first start (or with <code>RAPPORT_SEED=none</code>), give it the same key and
          run <code>npm run db:restore -- rapport-backup-….rapport</code>. It restores only into an empty database, and
          refuses a file that was changed, made with another key or by a newer Rapport.
        </p>
      </section>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
