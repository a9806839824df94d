import { attachment } from "~/http/attachment.server";
import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { requestOrigin } from "~/http/request.server";
import { recordSecurityEvent } from "~/services/security-log.server";
import { requireTrendsReader } from "~/http/guards.server";
import { csvFileName, hrTrendsCsv } from "~/services/trends/csv.server";
import { hrTrendsPage } from "~/services/trends/page.server";
import { notFound } from "~/http/errors.server";

/**
 * Exactly what /trends shows for the same filters, suppression marks included. The page's form sends its
 * current fields here (Download CSV), so the file is what is chosen, applied or not; a refused range goes back
 * to the page with the same fields, which says why.
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const { viewer, db } = await requireTrendsReader(request);
  const url = new URL(request.url);
  const view = await hrTrendsPage(db, viewer, url);
  if (!view) throw notFound("We could not find that team.");
  if (view.problem) return redirect(`/trends${url.search}`);
  const { team, from, to, question } = view.filters;
  await recordSecurityEvent(db, {
    kind: "export.trends-csv",
    actorId: viewer.id,
    ...requestOrigin(request, context),
    detail: { filter: `team=${team} from=${from} to=${to} question=${question}` },
  });
  return attachment(hrTrendsCsv(view), {
    type: "text/csv; charset=utf-8",
    fileName: csvFileName("engagement-trends", view.filters, view.team.name),
  });
}
