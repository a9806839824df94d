import { attachment } from "~/http/attachment.server";
import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { requestOrigin } from "~/http/request.server";
import { recordSecurityEvent } from "~/services/security-log.server";
import { requireLineManager } from "~/http/guards.server";
import { csvFileName, lineTrendsCsv } from "~/services/trends/csv.server";
import { lineTrendsPage } from "~/services/trends/page.server";

/**
 * Exactly what /my-team/trends shows, suppression marks included, for the fields its form sends now (Download
 * CSV); a refused range goes back to the page, which says why.
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const { viewer, db } = await requireLineManager(request);
  const url = new URL(request.url);
  const view = await lineTrendsPage(db, viewer, url);
  if (view.problem) return redirect(`/my-team/trends${url.search}`);
  const { team, from, to, question } = view.filters;
  await recordSecurityEvent(db, {
    kind: "export.team-trends-csv",
    actorId: viewer.id,
    ...requestOrigin(request, context),
    detail: { filter: `team=${team} from=${from} to=${to} question=${question}` },
  });
  return attachment(lineTrendsCsv(view), {
    type: "text/csv; charset=utf-8",
    fileName: csvFileName("my-team-trends", view.filters),
  });
}
