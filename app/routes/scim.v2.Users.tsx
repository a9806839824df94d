import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { parseFilter, parsePaging } from "~/domain/scim";
import { requireScimClient } from "~/http/guards.server";
import {
  listResponse,
  methodNotAllowed,
  readScimJson,
  scimAnswer,
  scimBase,
  userResource,
  userResponse,
} from "~/http/scim.server";
import { userFromResource } from "~/schemas/scim";
import { passwordSignInEnabled } from "~/env.server";
import { inviteProvisionedPerson } from "~/services/passwords.server";
import { createScimUser, listScimUsers } from "~/services/scim.server";

/** SCIM Users (RFC 7644 §3.3, §3.4.2): find people by userName or externalId, a page at a time; provision a new one. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const { db } = await requireScimClient(request, context);
  return scimAnswer(async () => {
    const params = new URL(request.url).searchParams;
    const filterText = params.get("filter")?.trim();
    const paging = parsePaging(params.get("startIndex"), params.get("count"));
    const { total, rows } = await listScimUsers(db, { filter: filterText ? parseFilter(filterText) : null, ...paging });
    const base = scimBase(request);
    return listResponse(
      rows.map((row) => userResource(row, base)),
      total,
      paging.startIndex,
    );
  });
}

/** Provisions one person (RFC 7644 §3.3): 201 with the new User. The one place a person comes into being over SCIM. */
export async function action({ request, context }: ActionFunctionArgs) {
  const { client, db } = await requireScimClient(request, context);
  return scimAnswer(async () => {
    if (request.method !== "POST") return methodNotAllowed(["GET", "POST"]);
    const now = new Date();
    const person = await createScimUser(db, client, userFromResource(await readScimJson(request), "create"), now);
    // Someone provisioned can get in on their own: an invitation, unless single sign-on is the only way.
    if (passwordSignInEnabled()) await inviteProvisionedPerson(db, person.id, client.actorId, now);
    return userResponse(person, scimBase(request), 201);
  });
}
