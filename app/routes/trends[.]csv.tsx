import type { LoaderFunctionArgs } from "@remix-run/node";
import { requestOrigin } from "~/http/request.server";
import { recordSecurityEvent } from "~/services/security-log.server";
import { requireTrendsReader } from "~/http/guards.server";
import { csvFileName, hrTrendsCsv } from "~/services/trends/csv.server";
import { hrTrendsPage } from "~/services/trends/page.server";
import { notFound } from "~/http/errors.server";

/** Exactly what /trends shows for the same filters, suppression marks included. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const { viewer, db } = await requireTrendsReader(request);
  const view = await hrTrendsPage(db, viewer, new URL(request.url));
  if (!view) throw notFound("We could not find that team.");
  const { team, from, to, question } = view.filters;
  await recordSecurityEvent(db, {
    kind: "export.trends-csv",
    actorId: viewer.id,
    ...requestOrigin(request, context),
    detail: { filter: `team=${team} from=${from} to=${to} question=${question}` },
  });
  return new Response(hrTrendsCsv(view), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${csvFileName("engagement-trends", view.filters)}"`,
      "Cache-Control": "private, no-store",
    },
  });
}
