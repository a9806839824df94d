import type { LoaderFunctionArgs } from "@remix-run/node";
import { authorize } from "~/http/guards.server";
import { requireViewer } from "~/http/session.server";
import { getDb } from "~/services/db.server";
import { csvFileName, getHrTrends, hrTrendsCsv, readTrendsFilters, trendsOptions, UnknownTeam } from "~/services/trends/hr-trends.server";
import { notFound } from "~/http/errors.server";

/** Exactly what /trends shows for the same filters, suppression marks included. */
export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requireViewer(request);
  authorize(viewer, "trends:read", null);
  const options = trendsOptions();
  const filters = readTrendsFilters(new URL(request.url), options.now!);
  try {
    const view = await getHrTrends(await getDb(), viewer, filters, options);
    return new Response(hrTrendsCsv(view), {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="${csvFileName("engagement-trends", filters)}"`,
        "Cache-Control": "private, no-store",
      },
    });
  } catch (error) {
    if (error instanceof UnknownTeam) throw notFound("We could not find that team.");
    throw error;
  }
}
