import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireViewer } from "~/http/session.server";
import { forbidden } from "~/http/errors.server";
import { getDb } from "~/services/db.server";
import { csvFileName, lineTrendsCsv } from "~/services/trends/csv.server";
import { lineRefusal } from "~/services/trends/line-trends.server";
import { lineTrendsPage } from "~/services/trends/page.server";

/** Exactly what /my-team/trends shows, suppression marks included. */
export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requireViewer(request);
  const db = await getDb();
  const refusal = lineRefusal(viewer);
  if (refusal) throw forbidden(refusal);
  const view = await lineTrendsPage(db, viewer, new URL(request.url));
  return new Response(lineTrendsCsv(view), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${csvFileName("my-team-trends", view.filters)}"`,
      "Cache-Control": "private, no-store",
    },
  });
}
