import { attachment } from "~/http/attachment.server";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireOwnData } from "~/http/guards.server";
import { requestOrigin } from "~/http/request.server";
import { downloadYourData } from "~/services/your-data.server";

/**
 * Your data as one JSON file (ADR 042): everything about the signed-in person that they may read, as a download. The
 * address names nobody: it is always the viewer's own data. Each download is on the security log.
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const { viewer, db } = await requireOwnData(request);
  const file = await downloadYourData(db, viewer, "json", requestOrigin(request, context));
  return attachment(file.body, {
    type: file.contentType,
    fileName: file.fileName,
  });
}
