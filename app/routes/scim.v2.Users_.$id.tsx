import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { requireScimClient } from "~/http/guards.server";
import { ifMatchVersion, methodNotAllowed, readScimJson, scimAnswer, scimBase, userResponse } from "~/http/scim.server";
import { userFromPatch, userFromResource } from "~/schemas/scim";
import { getScimUser, updateScimUser } from "~/services/scim.server";

/** One SCIM User (RFC 7644 §3.4.1). */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { db } = await requireScimClient(request, context);
  return scimAnswer(async () => userResponse(await getScimUser(db, params.id ?? ""), scimBase(request)));
}

/**
 * PUT replaces what it sends, PATCH applies its operations (RFC 7644 §3.5),
 * and DELETE deactivates: Rapport never deletes a person, whose 1:1s and
 * history stay, so the User remains readable with active false and a provider
 * that provisions them again finds and reactivates them (204, as §3.6 asks).
 */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const { client, db } = await requireScimClient(request, context);
  return scimAnswer(async () => {
    const personId = params.id ?? "";
    const options = { version: ifMatchVersion(request) };
    switch (request.method) {
      case "PUT":
        return userResponse(
          await updateScimUser(db, client, personId, userFromResource(await readScimJson(request), "replace"), options),
          scimBase(request),
        );
      case "PATCH":
        return userResponse(
          await updateScimUser(db, client, personId, userFromPatch(await readScimJson(request)), options),
          scimBase(request),
        );
      case "DELETE":
        await updateScimUser(db, client, personId, { active: false }, options);
        return new Response(null, { status: 204 });
      default:
        return methodNotAllowed(["GET", "PUT", "PATCH", "DELETE"]);
    }
  });
}
