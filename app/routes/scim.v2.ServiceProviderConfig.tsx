import type { LoaderFunctionArgs } from "@remix-run/node";
import { serviceProviderConfig } from "~/domain/scim-discovery";
import { requireScimClient } from "~/http/guards.server";
import { scimBase, scimJson } from "~/http/scim.server";

/** What Rapport's SCIM service supports (RFC 7644 §4). */
export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireScimClient(request, context);
  return scimJson(serviceProviderConfig(scimBase(request)));
}
