import type { LoaderFunctionArgs } from "@remix-run/node";
import { scimSchemas } from "~/domain/scim-discovery";
import { requireScimClient } from "~/http/guards.server";
import { scimBase, scimError, scimJson } from "~/http/scim.server";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  await requireScimClient(request, context);
  const schema = scimSchemas(scimBase(request)).find((s) => s.id.toLowerCase() === (params.id ?? "").toLowerCase());
  return schema ? scimJson(schema) : scimError(404, "Rapport has no schema with that id.");
}
