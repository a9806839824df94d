import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireLineManager } from "~/http/guards.server";
import { csvFileName, lineTrendsCsv } from "~/services/trends/csv.server";
import { lineTrendsPage } from "~/services/trends/page.server";

/** Exactly what /my-team/trends shows, suppression marks included. */
export async function loader({ request }: LoaderFunctionArgs) {
  const { viewer, db } = await requireLineManager(request);
  const view = await lineTrendsPage(db, viewer, new URL(request.url));
  return new Response(lineTrendsCsv(view), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${csvFileName("my-team-trends", view.filters)}"`,
      "Cache-Control": "private, no-store",
    },
  });
}
