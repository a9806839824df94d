import { isStorableText, SCIM, ScimError, scimErrorBody, type ScimType } from "~/domain/scim";
import type { ScimUserResource } from "~/schemas/scim";
import { RecordNotFound, RuleViolation } from "~/services/errors.server";
import type { ScimUserRow } from "~/services/scim.server";
import { BODY_LIMITS } from "./body-limits.server";
import { SCIM_PATH } from "./scim-path.server";

/**
 * SCIM's side of HTTP (RFC 7644 §3): JSON in and out as application/scim+json,
 * every refusal in SCIM's error form, the bearer token read from the
 * Authorization header (never the session cookie), and people rendered as
 * User resources. Routes under app/routes/scim.v2.* answer through these.
 */

export const SCIM_CONTENT_TYPE = "application/scim+json";

/** Personal data: nothing in between keeps a copy. */
const NO_STORE = { "Cache-Control": "no-store" };

export function scimJson(body: unknown, init: { status?: number; headers?: Record<string, string> } = {}): Response {
  return new Response(JSON.stringify(body), {
    status: init.status ?? 200,
    headers: { "Content-Type": SCIM_CONTENT_TYPE, ...NO_STORE, ...init.headers },
  });
}

export function scimError(
  status: number,
  detail: string,
  scimType?: ScimType,
  headers: Record<string, string> = {},
): Response {
  return scimJson(scimErrorBody(status, detail, scimType), { status, headers });
}

export const UNAUTHORIZED_DETAIL =
  "Send a valid SCIM token from Rapport's SCIM admin page as Authorization: Bearer <token>.";

/** Missing, wrong, revoked: one answer, so a guess learns nothing. */
export function scimUnauthorized(): Response {
  return scimError(401, UNAUTHORIZED_DETAIL, undefined, { "WWW-Authenticate": 'Bearer realm="Rapport SCIM"' });
}

export function methodNotAllowed(allowed: string[]): Response {
  return scimError(405, `Use ${allowed.join(", ")} here.`, undefined, { Allow: allowed.join(", ") });
}

/** RFC 6750's b64token: a length cap keeps anyone from making us hash megabytes. */
const BEARER = /^Bearer +([A-Za-z0-9._~+/-]+=*) *$/i;

export function bearerToken(header: string | null): string | null {
  if (!header || header.length > 600) return null;
  return BEARER.exec(header)?.[1] ?? null;
}

const JSON_TYPE = /^application\/(?:scim\+)?json\s*(?:;|$)/i;

/**
 * The request's JSON. Okta and Entra send application/scim+json; plain
 * application/json and no type at all are taken too. Anything else, a body
 * past the limit, or text that is not JSON is refused in SCIM's form.
 */
export async function readScimJson(request: Request): Promise<unknown> {
  const type = request.headers.get("Content-Type");
  if (type && !JSON_TYPE.test(type.trim()))
    throw scimError(415, `Send JSON, as ${SCIM_CONTENT_TYPE}.`, "invalidSyntax");
  let text: string;
  try {
    text = await request.text();
  } catch {
    throw scimError(400, "The request's body could not be read.", "invalidSyntax");
  }
  if (text.length > BODY_LIMITS.scim)
    throw scimError(413, `A SCIM request can be at most ${BODY_LIMITS.scim / 1024} KB.`);
  let unstorable = false;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text, (key, value: unknown) => {
      if (!isStorableText(key) || (typeof value === "string" && !isStorableText(value))) unstorable = true;
      return value;
    });
  } catch {
    throw scimError(400, "The body is not valid JSON.", "invalidSyntax");
  }
  if (unstorable)
    throw scimError(
      400,
      "The body holds a character that cannot be saved: a NUL or half of a surrogate pair.",
      "invalidValue",
    );
  return parsed;
}

/**
 * Runs a SCIM request and turns what a service refused into SCIM's error
 * form. Anything else is rethrown: a database outage still answers 503.
 */
export async function scimAnswer(run: () => Promise<Response>): Promise<Response> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof Response) return error;
    if (error instanceof ScimError) return scimError(error.status, error.detail, error.scimType);
    if (error instanceof RecordNotFound) return scimError(404, "Nobody in Rapport has that id.");
    if (error instanceof RuleViolation) return scimError(400, error.message, "invalidValue");
    throw error;
  }
}

/** The service's root URL as the provider reached it (behind a trusted proxy, the proxy's). */
export function scimBase(request: Request): string {
  return `${new URL(request.url).origin}${SCIM_PATH}`;
}

export const etag = (version: number) => `W/"${version}"`;

/**
 * The version an If-Match names: undefined when absent or "*", NaN (which no
 * version equals) when it names one Rapport never issued.
 */
export function ifMatchVersion(request: Request): number | undefined {
  const header = request.headers.get("If-Match")?.trim();
  if (!header || header === "*") return undefined;
  const match = /^(?:W\/)?"(\d{1,9})"$/.exec(header);
  return match ? Number(match[1]) : Number.NaN;
}

export function userResource(row: ScimUserRow, base: string): ScimUserResource {
  const location = `${base}/Users/${row.id}`;
  const enterprise = {
    ...(row.managerId
      ? {
          manager: { value: row.managerId, $ref: `${base}/Users/${row.managerId}`, displayName: row.managerName ?? "" },
        }
      : {}),
    ...(row.teamName ? { department: row.teamName } : {}),
  };
  const hasEnterprise = Object.keys(enterprise).length > 0;
  return {
    schemas: hasEnterprise ? [SCIM.user, SCIM.enterpriseUser] : [SCIM.user],
    id: row.id,
    ...(row.externalId ? { externalId: row.externalId } : {}),
    userName: row.email,
    name: { formatted: row.name },
    displayName: row.name,
    emails: [{ value: row.email, type: "work", primary: true }],
    active: row.active,
    ...(hasEnterprise ? { [SCIM.enterpriseUser]: enterprise } : {}),
    meta: {
      resourceType: "User",
      created: row.createdAt.toISOString(),
      lastModified: row.updatedAt.toISOString(),
      location,
      version: etag(row.version),
    },
  };
}

/**
 * One person, with the headers RFC 7644 §3.1 and §3.14 ask for. Location is
 * a path, as HTTP allows (RFC 7231 §7.1.2): it resolves to meta.location,
 * and like every Location Rapport sends it cannot point off the site.
 */
export function userResponse(row: ScimUserRow, base: string, status = 200): Response {
  const resource = userResource(row, base);
  return scimJson(resource, {
    status,
    headers: { ETag: etag(row.version), ...(status === 201 ? { Location: `${SCIM_PATH}/Users/${row.id}` } : {}) },
  });
}

export function listResponse(resources: unknown[], totalResults: number, startIndex: number): Response {
  return scimJson({
    schemas: [SCIM.listResponse],
    totalResults,
    startIndex,
    itemsPerPage: resources.length,
    Resources: resources,
  });
}
