import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireScimClient } from "~/http/guards.server";
import { scimError } from "~/http/scim.server";

/** Groups, Bulk, /Me and the rest of SCIM that Rapport does not offer: a 404 in SCIM's form, not an HTML page. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireScimClient(request, context);
  return scimError(404, "Rapport's SCIM service offers Users, ServiceProviderConfig, Schemas and ResourceTypes.");
}
