import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireLineManager } from "~/http/guards.server";
import { csvFileName, getLineTrends, lineTrendsCsv, readTrendsFilters, trendsOptions } from "~/services/trends.server";

/** Exactly what /my-team/trends shows, suppression marks included. */
export async function loader({ request }: LoaderFunctionArgs) {
  const { viewer, db } = await requireLineManager(request);
  const options = trendsOptions();
  const view = await getLineTrends(db, viewer, readTrendsFilters(new URL(request.url), options.now!), options);
  return new Response(lineTrendsCsv(view), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${csvFileName("my-team-trends", view.filters)}"`,
      "Cache-Control": "private, no-store",
    },
  });
}
