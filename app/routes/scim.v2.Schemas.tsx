import type { LoaderFunctionArgs } from "@remix-run/node";
import { scimSchemas } from "~/domain/scim-discovery";
import { requireScimClient } from "~/http/guards.server";
import { listResponse, scimBase } from "~/http/scim.server";

/** The User schema and its enterprise extension, with the attributes Rapport keeps (RFC 7643 §7). */
export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireScimClient(request, context);
  const schemas = scimSchemas(scimBase(request));
  return listResponse(schemas, schemas.length, 1);
}
