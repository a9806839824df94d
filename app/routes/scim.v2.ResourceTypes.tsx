import type { LoaderFunctionArgs } from "@remix-run/node";
import { scimResourceTypes } from "~/domain/scim-discovery";
import { requireScimClient } from "~/http/guards.server";
import { listResponse, scimBase } from "~/http/scim.server";

/** The one resource type Rapport provisions: User (RFC 7644 §4). */
export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireScimClient(request, context);
  const types = scimResourceTypes(scimBase(request));
  return listResponse(types, types.length, 1);
}
