import type { LoaderFunctionArgs } from "@remix-run/node";
import { requestOrigin } from "~/http/request.server";
import { recordSecurityEvent } from "~/services/security-log.server";
import { requireLineManager } from "~/http/guards.server";
import { csvFileName, lineTrendsCsv } from "~/services/trends/csv.server";
import { lineTrendsPage } from "~/services/trends/page.server";

/** Exactly what /my-team/trends shows, suppression marks included. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const { viewer, db } = await requireLineManager(request);
  const view = await lineTrendsPage(db, viewer, new URL(request.url));
  const { team, from, to, question } = view.filters;
  await recordSecurityEvent(db, {
    kind: "export.team-trends-csv",
    actorId: viewer.id,
    ...requestOrigin(request, context),
    detail: { filter: `team=${team} from=${from} to=${to} question=${question}` },
  });
  return new Response(lineTrendsCsv(view), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${csvFileName("my-team-trends", view.filters)}"`,
      "Cache-Control": "private, no-store",
    },
  });
}
