import { attachment } from "~/http/attachment.server";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireAdmin } from "~/http/guards.server";
import { requestOrigin } from "~/http/request.server";
import {
  describeFilter,
  readSecurityLogFilter,
  recordSecurityEvent,
  securityLogCsv,
} from "~/services/security-log.server";

/** The rows /admin/security shows for the same filter, every page of them; the export is itself logged. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const { viewer, db } = await requireAdmin(request);
  const filter = readSecurityLogFilter(new URL(request.url).searchParams);
  const now = new Date();
  // Read before the export's own entry is written, so the file shows the log as it stood when asked for.
  const csv = await securityLogCsv(db, filter);
  await recordSecurityEvent(
    db,
    {
      kind: "export.security-log-csv",
      actorId: viewer.id,
      ...requestOrigin(request, context),
      detail: { filter: describeFilter(filter) },
    },
    now,
  );
  return attachment(csv, {
    type: "text/csv; charset=utf-8",
    fileName: `security-log-${now.toISOString().slice(0, 10)}.csv`,
  });
}
