/**
 * The parts of SCIM 2.0 (RFC 7643 schemas, RFC 7644 protocol) that are pure
 * rules: the schema names, the error an answer carries, and reading the
 * filters, attribute paths and paging an identity provider sends.
 */

export const SCIM = {
  user: "urn:ietf:params:scim:schemas:core:2.0:User",
  enterpriseUser: "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User",
  listResponse: "urn:ietf:params:scim:api:messages:2.0:ListResponse",
  patchOp: "urn:ietf:params:scim:api:messages:2.0:PatchOp",
  error: "urn:ietf:params:scim:api:messages:2.0:Error",
  serviceProviderConfig: "urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig",
  resourceType: "urn:ietf:params:scim:schemas:core:2.0:ResourceType",
  schema: "urn:ietf:params:scim:schemas:core:2.0:Schema",
} as const;

/** The error kinds of RFC 7644 §3.12 that Rapport answers with. */
export type ScimType =
  | "invalidFilter"
  | "uniqueness"
  | "mutability"
  | "invalidSyntax"
  | "invalidPath"
  | "noTarget"
  | "invalidValue"
  | "invalidVers";

/** A request SCIM says is wrong, with the status and detail the identity provider shows its admin. */
export class ScimError extends Error {
  constructor(
    readonly status: number,
    readonly detail: string,
    readonly scimType?: ScimType,
  ) {
    super(detail);
  }
}

export interface ScimErrorBody {
  schemas: [typeof SCIM.error];
  status: string;
  scimType?: ScimType;
  detail: string;
}

/** RFC 7644 §3.12: the status is a string, scimType only where the RFC defines one. */
export function scimErrorBody(status: number, detail: string, scimType?: ScimType): ScimErrorBody {
  return { schemas: [SCIM.error], status: String(status), ...(scimType ? { scimType } : {}), detail };
}

/**
 * JSON can spell what no stored text holds: a NUL, or half of a surrogate pair
 * (`"\ud800"`), which the database refuses as invalid UTF-8. Such text is
 * refused before it reaches a query.
 */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export const isStorableText = (text: string) => !text.includes("\u0000") && !LONE_SURROGATE.test(text);

// ---- filters -----------------------------------------------------------------

/** The filters Okta and Entra send to find a person before creating them. */
export type ScimFilter = { attribute: "userName" | "externalId"; value: string };

const FILTERABLE: Record<string, ScimFilter["attribute"]> = { username: "userName", externalid: "externalId" };
const FILTER = /^\s*([A-Za-z][\w:.-]*)\s+eq\s+("(?:[^"\\]|\\.)*")\s*$/i;
const MAX_FILTER_LENGTH = 1000;

/**
 * `userName eq "x"` and `externalId eq "x"` (attribute names and `eq` in any
 * case, the attribute optionally prefixed with the User schema). Anything
 * else is a 400 invalidFilter: answering "nobody" to a filter we did not
 * understand would make the provider create a duplicate.
 */
export function parseFilter(text: string): ScimFilter {
  const refuse = () =>
    new ScimError(
      400,
      'Only filters of the form userName eq "..." or externalId eq "..." are supported.',
      "invalidFilter",
    );
  if (text.length > MAX_FILTER_LENGTH) throw refuse();
  const match = FILTER.exec(text);
  if (!match) throw refuse();
  const attribute = FILTERABLE[stripSchema(match[1]!, SCIM.user).toLowerCase()];
  if (!attribute) throw refuse();
  let value: unknown;
  try {
    value = JSON.parse(match[2]!);
  } catch {
    throw refuse();
  }
  if (typeof value !== "string" || !isStorableText(value)) throw refuse();
  return { attribute, value };
}

function stripSchema(name: string, schema: string): string {
  return name.toLowerCase().startsWith(`${schema.toLowerCase()}:`) ? name.slice(schema.length + 1) : name;
}

// ---- attribute paths -----------------------------------------------------------

/** An attribute path of a PATCH operation (RFC 7644 §3.5.2), its schema resolved. */
export interface ScimPath {
  /** "other" is an extension Rapport does not know (Entra's own, a custom one). */
  schema: "core" | "enterprise" | "other";
  /** Lower-cased, since attribute names are case-insensitive; "" for the enterprise extension itself. */
  attribute: string;
  /** The text of a value filter (`emails[type eq "work"]`), unparsed: only multi-valued attributes have them. */
  filter?: string;
  /** Lower-cased sub-attribute (`name.givenName` -> "givenname"). */
  subAttribute?: string;
}

const ATTRIBUTE_PATH = /^([A-Za-z$][\w$-]*)(?:\[(.+)\])?(?:\.([A-Za-z$][\w$-]*))?$/;
const MAX_PATH_LENGTH = 300;

export function parsePath(text: string): ScimPath {
  const refuse = () =>
    new ScimError(400, `The path ${JSON.stringify(text.slice(0, 80))} is not an attribute path.`, "invalidPath");
  const trimmed = text.trim();
  if (!trimmed || trimmed.length > MAX_PATH_LENGTH) throw refuse();
  let schema: ScimPath["schema"] = "core";
  let rest = trimmed;
  const lower = trimmed.toLowerCase();
  if (lower === SCIM.enterpriseUser.toLowerCase()) return { schema: "enterprise", attribute: "" };
  if (lower.startsWith(`${SCIM.enterpriseUser.toLowerCase()}:`)) {
    schema = "enterprise";
    rest = trimmed.slice(SCIM.enterpriseUser.length + 1);
  } else if (lower.startsWith(`${SCIM.user.toLowerCase()}:`)) {
    rest = trimmed.slice(SCIM.user.length + 1);
  } else if (lower.startsWith("urn:")) {
    // An extension's attribute: its name is what follows the last colon outside a filter.
    const end = rest.indexOf("[");
    const colon = rest.lastIndexOf(":", end === -1 ? undefined : end);
    schema = "other";
    rest = rest.slice(colon + 1);
  }
  const match = ATTRIBUTE_PATH.exec(rest);
  if (!match || (match[2] !== undefined && !balanced(match[2]))) throw refuse();
  return {
    schema,
    attribute: match[1]!.toLowerCase(),
    ...(match[2] !== undefined ? { filter: match[2] } : {}),
    ...(match[3] !== undefined ? { subAttribute: match[3].toLowerCase() } : {}),
  };
}

/** A value filter's brackets and quotes pair up, so `a[b].c]` is not read as a filter of `b].c`. */
function balanced(filter: string): boolean {
  let quoted = false;
  for (let i = 0; i < filter.length; i++) {
    const c = filter[i];
    if (quoted) {
      if (c === "\\") i++;
      else if (c === '"') quoted = false;
    } else if (c === '"') quoted = true;
    else if (c === "[" || c === "]") return false;
  }
  return !quoted && filter.trim().length > 0;
}

// ---- paging ---------------------------------------------------------------------

export const SCIM_MAX_RESULTS = 100;

/**
 * RFC 7644 §3.4.2.4: startIndex is 1-based and below 1 means 1; count below 0
 * means 0 (only totalResults), and above our maximum is our maximum.
 */
export function parsePaging(startIndex: string | null, count: string | null): { startIndex: number; count: number } {
  return {
    startIndex: Math.max(1, integerParam("startIndex", startIndex, 1)),
    count: Math.min(SCIM_MAX_RESULTS, Math.max(0, integerParam("count", count, SCIM_MAX_RESULTS))),
  };
}

const LARGEST = 2_147_483_647;

function integerParam(name: string, text: string | null, fallback: number): number {
  if (text === null || text.trim() === "") return fallback;
  if (!/^\s*[+-]?\d+\s*$/.test(text)) throw new ScimError(400, `${name} must be a whole number.`, "invalidValue");
  const value = Number(text);
  return Math.max(-LARGEST, Math.min(LARGEST, value));
}
