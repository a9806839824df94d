import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { AdminNav } from "~/components/admin/admin-nav";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { SubmissionKey } from "~/components/forms";
import { attachment } from "~/http/attachment.server";
import { readFormData } from "~/http/form-data.server";
import { requireBackupAdmin } from "~/http/guards.server";
import { requestOrigin } from "~/http/request.server";
import { submissionKey } from "~/http/submission-key.server";
import { SKIPPED_TABLES } from "#db/backup-tables";
import { BackupOff, backupStatus, makeBackup } from "~/services/backup.server";
import { writeOnce } from "~/services/submissions.server";

export const meta: MetaFunction = () => [{ title: "Backup · Rapport" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireBackupAdmin(request);
  return { status: backupStatus(), skipped: Object.keys(SKIPPED_TABLES) };
}

/**
 * The download (ADR 045). Its form's key makes a double click one backup: the second copy finds the key
 * taken, makes nothing and comes back to the page, which says so. Off (PostgreSQL without RAPPORT_BACKUP_KEY):
 * 409, and the page says why.
 */
export async function action({ request, context }: ActionFunctionArgs) {
  const { viewer, db } = await requireBackupAdmin(request);
  const formData = await readFormData(request);
  const now = new Date();
  try {
    const made = await writeOnce(db, viewer.id, submissionKey(formData), now, (tx) =>
      makeBackup(tx, viewer, requestOrigin(request, context), now),
    );
    if (!made.written) return redirect("/admin/backup?twice=1");
    return attachment(made.result.file, { type: "application/octet-stream", fileName: made.result.fileName });
  } catch (error) {
    if (error instanceof BackupOff) return data({ refused: error.message }, { status: 409 });
    throw error;
  }
}

export default function Backup() {
  const { status, skipped } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const [params] = useSearchParams();
  return (
    <>
      <h1>Backup</h1>
      <p className="lede">Download the whole organisation as one sealed file, and restore it into an empty database.</p>
      <AdminNav />
      {answer && "refused" in answer ? (
        <p className="alert error" role="alert">
          {answer.refused}
        </p>
      ) : null}
      {params.get("twice") && !answer ? (
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
        <Form method="post" reloadDocument className="stack">
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
