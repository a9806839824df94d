import type { LoaderFunctionArgs } from "@remix-run/node";
import { scimResourceTypes } from "~/domain/scim-discovery";
import { requireScimClient } from "~/http/guards.server";
import { scimBase, scimError, scimJson } from "~/http/scim.server";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  await requireScimClient(request, context);
  const type = scimResourceTypes(scimBase(request)).find((t) => t.id.toLowerCase() === (params.id ?? "").toLowerCase());
  return type ? scimJson(type) : scimError(404, "Rapport has no resource type with that id.");
}
