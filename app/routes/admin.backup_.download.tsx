import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { attachment } from "~/http/attachment.server";
import { readFormData } from "~/http/form-data.server";
import { requireBackupAdmin } from "~/http/guards.server";
import { requestOrigin } from "~/http/request.server";
import { submissionKey } from "~/http/submission-key.server";
import { BackupOff, makeBackup } from "~/services/backup.server";
import { writeOnce } from "~/services/submissions.server";

/** Nothing to show at this address: the page is /admin/backup. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireBackupAdmin(request);
  return redirect("/admin/backup");
}

/**
 * The download (ADR 045), a resource route so the file goes to the browser as it is. The form's key makes a
 * double click one backup: the second copy finds the key taken, makes nothing and goes back to the page,
 * which says so. Off (PostgreSQL without RAPPORT_BACKUP_KEY): 409 with why, as the page says.
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
    if (error instanceof BackupOff)
      return new Response(error.message, { status: 409, headers: { "Content-Type": "text/plain; charset=utf-8" } });
    throw error;
  }
}
