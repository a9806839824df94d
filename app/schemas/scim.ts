import { z } from "zod";
import { SCIM, ScimError, parsePath, type ScimPath } from "~/domain/scim";
import { isRecordId } from "~/utils/ids";
import { requiredText, storable } from "./fields";

/**
 * SCIM 2.0 in zod: the User attributes Rapport keeps (RFC 7643 §4.1 and the
 * enterprise extension §4.3), the PATCH request (RFC 7644 §3.5.2), and the
 * shapes Rapport answers with. A request becomes ScimUserChanges: what it
 * asks of the person in Rapport's terms, a key absent where nothing is asked.
 *
 * Attribute names are case-insensitive (RFC 7643 §2.1). Attributes Rapport does
 * not keep (title, phoneNumbers, addresses, other extensions) are accepted and
 * ignored, so a provider's default mappings never fail a request.
 */

export interface ScimUserChanges {
  /** From userName: the e-mail address people sign in with, lower-cased. */
  email?: string;
  name?: string;
  /** null clears it. */
  externalId?: string | null;
  active?: boolean;
  /** The manager's SCIM id, which is their person id; null ends the reporting line. */
  managerId?: string | null;
  /** A team's name; one that names no team changes nothing. */
  department?: string;
}

// ---- attribute values ------------------------------------------------------------

const unstorable = (label: string) => `${label} contains a character that cannot be saved.`;

export const UserName = z
  .string({ error: "userName must be a string: the person's e-mail address." })
  .trim()
  .toLowerCase()
  .max(254, "userName is too long for an e-mail address.")
  .pipe(z.email({ error: "userName must be the person's e-mail address." }));

/** A name or part of one; null and "" assert nothing. */
const NameText = (label: string) =>
  z
    .string({ error: `${label} must be a string.` })
    .trim()
    .max(120, `${label} can be at most 120 characters.`)
    .refine(storable, unstorable(label))
    .nullable()
    .transform((v) => v || undefined);

export const ExternalId = z
  .string({ error: "externalId must be a string." })
  .max(255, "externalId can be at most 255 characters.")
  .refine(storable, unstorable("externalId"))
  .nullable()
  .transform((v) => v || null);

/** Entra has sent booleans as "True" and "False"; any case of either word is taken. */
export const ScimBoolean = (label: string) =>
  z.union(
    [
      z.boolean(),
      z
        .string()
        .trim()
        .toLowerCase()
        .pipe(z.enum(["true", "false"]))
        .transform((v) => v === "true"),
    ],
    { error: `${label} must be true or false.` },
  );

const ManagerId = z
  .string({ error: "manager.value must be the SCIM id of the manager." })
  .trim()
  .refine((v) => v === "" || isRecordId(v), "manager.value must be the SCIM id of a person in Rapport.")
  .nullable()
  .transform((v) => (v ? v.toLowerCase() : null));

/** Only `value` is read; `$ref` and `displayName` are Rapport's to fill in, and are dropped. */
const ManagerObject = z.object({ value: z.union([z.string(), z.null()]).optional() });

/** `{ "value": id }` (RFC 7643 §4.3), a bare id (Entra), either in a one-item list, or null to clear. */
export const ManagerRef = z
  .union([z.null(), z.string(), ManagerObject, z.array(z.union([z.string(), ManagerObject])).max(1)], {
    error: 'manager must be { "value": "<the manager\'s id>" }.',
  })
  .transform((v) => {
    const one = Array.isArray(v) ? (v[0] ?? null) : v;
    return one === null || typeof one === "string" ? one : (one.value ?? null);
  })
  .pipe(ManagerId);

const Department = NameText("department");

function parse<T>(schema: z.ZodType<T>, value: unknown): T {
  const result = schema.safeParse(value);
  if (!result.success)
    throw new ScimError(400, result.error.issues[0]?.message ?? "That value is not valid.", "invalidValue");
  return result.data;
}

// ---- assigning attributes ----------------------------------------------------------

/** What one request asserted, before the name is settled from its parts. */
interface Asserted {
  userName?: string;
  externalId?: string | null;
  active?: boolean;
  displayName?: string;
  formatted?: string;
  givenName?: string;
  familyName?: string;
  managerId?: string | null;
  department?: string;
}

type Op = "add" | "replace" | "remove";
/** "path" is an operation's explicit path; "body" is a key of a resource or of a path-less operation's value. */
type Via = "path" | "body";

const READ_ONLY = new Set(["id", "meta", "schemas", "groups"]);
const SINGLE_VALUED = new Set(["username", "externalid", "active", "displayname", "name", "id", "meta"]);

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

function assign(a: Asserted, path: ScimPath, op: Op, value: unknown, via: Via): void {
  if (path.schema === "other") return;
  if (path.schema === "enterprise") return assignEnterprise(a, path, op, value);
  if (path.filter !== undefined) {
    if (SINGLE_VALUED.has(path.attribute))
      throw new ScimError(400, `${path.attribute} has no values to filter.`, "invalidPath");
    return;
  }
  if (READ_ONLY.has(path.attribute)) {
    if (via === "path")
      throw new ScimError(400, `${path.attribute} is set by Rapport and cannot be changed.`, "mutability");
    return;
  }
  const key = path.subAttribute ? `${path.attribute}.${path.subAttribute}` : path.attribute;
  switch (key) {
    case "username":
      if (op === "remove")
        throw new ScimError(400, "userName cannot be removed: it is the person's e-mail address.", "invalidValue");
      a.userName = parse(UserName, value);
      return;
    case "externalid":
      a.externalId = op === "remove" ? null : parse(ExternalId, value);
      return;
    case "active":
      if (op === "remove")
        throw new ScimError(400, "active cannot be removed: replace it with false to deactivate.", "invalidValue");
      a.active = parse(ScimBoolean("active"), value);
      return;
    case "displayname":
      // A person always has a name in Rapport: removing one of its sources keeps it.
      if (op !== "remove") a.displayName = parse(NameText("displayName"), value);
      return;
    case "name":
      if (op === "remove") return;
      if (!isObject(value))
        throw new ScimError(400, 'name must be an object such as { "formatted": "..." }.', "invalidValue");
      for (const [sub, subValue] of Object.entries(value)) assignNamePart(a, sub.toLowerCase(), subValue);
      return;
    case "name.formatted":
    case "name.givenname":
    case "name.familyname":
      if (op !== "remove") assignNamePart(a, path.subAttribute!, value);
      return;
    default:
      return;
  }
}

function assignNamePart(a: Asserted, part: string, value: unknown) {
  if (part === "formatted") a.formatted = parse(NameText("name.formatted"), value);
  else if (part === "givenname") a.givenName = parse(NameText("name.givenName"), value);
  else if (part === "familyname") a.familyName = parse(NameText("name.familyName"), value);
}

function assignEnterprise(a: Asserted, path: ScimPath, op: Op, value: unknown) {
  if (path.attribute === "") {
    if (op === "remove") return;
    if (!isObject(value)) throw new ScimError(400, `${SCIM.enterpriseUser} must be an object.`, "invalidValue");
    for (const [key, sub] of Object.entries(value)) {
      const attribute = key.toLowerCase();
      if (attribute === "manager" || attribute === "department")
        assignEnterprise(a, { schema: "enterprise", attribute }, op, sub);
    }
    return;
  }
  if (path.filter !== undefined) throw new ScimError(400, `${path.attribute} has no values to filter.`, "invalidPath");
  if (path.attribute === "manager") {
    if (path.subAttribute === undefined) a.managerId = op === "remove" ? null : parse(ManagerRef, value);
    else if (path.subAttribute === "value") a.managerId = op === "remove" ? null : parse(ManagerId, value);
  } else if (path.attribute === "department" && path.subAttribute === undefined && op !== "remove") {
    // A department that is removed leaves the team as it is: teams are kept in Rapport.
    a.department = parse(Department, value);
  }
}

/** Each key of a resource, or of a path-less operation's value, as if it were a path. */
function assignBody(a: Asserted, body: Record<string, unknown>, op: Op) {
  for (const [key, value] of Object.entries(body)) {
    let path: ScimPath;
    try {
      path = parsePath(key);
    } catch {
      continue; // not an attribute name: nothing of ours
    }
    assign(a, path, op, value, "body");
  }
}

/**
 * The name Rapport keeps: name.formatted, else given and family name together,
 * else displayName. A single name part names the person only when they are
 * new; on an update it would drop the other part, which Rapport does not
 * store, so it changes nothing (Entra sends name.formatted beside it).
 */
function changesFrom(a: Asserted, mode: "create" | "update"): ScimUserChanges {
  const parts = a.givenName && a.familyName ? `${a.givenName} ${a.familyName}` : undefined;
  const name = a.formatted ?? parts ?? a.displayName ?? (mode === "create" ? (a.givenName ?? a.familyName) : undefined);
  if (name !== undefined && name.length > 120)
    throw new ScimError(400, "The name can be at most 120 characters.", "invalidValue");
  const changes: ScimUserChanges = {};
  if (a.userName !== undefined) changes.email = a.userName;
  if (name !== undefined) changes.name = name;
  if (a.externalId !== undefined) changes.externalId = a.externalId;
  if (a.active !== undefined) changes.active = a.active;
  if (a.managerId !== undefined) changes.managerId = a.managerId;
  if (a.department !== undefined) changes.department = a.department;
  return changes;
}

// ---- requests ----------------------------------------------------------------------

const Schemas = (required: string) =>
  z
    .array(z.string(), { error: "schemas must be a list of schema URIs." })
    .refine((list) => list.some((s) => s.toLowerCase() === required.toLowerCase()), `schemas must include ${required}.`)
    .optional();

/**
 * A User for POST (create) or PUT (replace). An attribute a replace leaves
 * out is not asserted and keeps its value (RFC 7644 §3.5.1 allows this), so
 * a provider that does not send the manager never ends a reporting line.
 */
export function userFromResource(body: unknown, mode: "create" | "replace"): ScimUserChanges {
  if (!isObject(body)) throw new ScimError(400, "Send a User resource: a JSON object.", "invalidSyntax");
  const schemas = Object.entries(body).find(([key]) => key.toLowerCase() === "schemas")?.[1];
  parseSyntax(Schemas(SCIM.user), schemas);
  const asserted: Asserted = {};
  assignBody(asserted, body, "replace");
  const changes = changesFrom(asserted, mode === "create" ? "create" : "update");
  if (changes.email === undefined)
    throw new ScimError(400, "userName is required: the person's e-mail address.", "invalidValue");
  if (mode === "create" && changes.name === undefined) {
    throw new ScimError(
      400,
      "A person needs a name: send name.formatted, name.givenName and name.familyName, or displayName.",
      "invalidValue",
    );
  }
  return changes;
}

export const MAX_PATCH_OPERATIONS = 100;

const PatchOperation = z.object({
  op: z
    .string({ error: 'Each operation needs an "op": add, replace or remove.' })
    .transform((op) => op.toLowerCase())
    .pipe(z.enum(["add", "replace", "remove"], { error: 'An operation\'s "op" must be add, replace or remove.' })),
  path: z.string({ error: "An operation's path must be a string." }).optional(),
  value: z.unknown().optional(),
});

export const PatchRequest = z.object({
  schemas: Schemas(SCIM.patchOp),
  Operations: z
    .array(z.unknown(), { error: "Send the changes as Operations: a list." })
    .min(1, "Send at least one operation.")
    .max(MAX_PATCH_OPERATIONS, `Send at most ${MAX_PATCH_OPERATIONS} operations in one request.`),
});

function parseSyntax<T>(schema: z.ZodType<T>, value: unknown): T {
  const result = schema.safeParse(value);
  if (!result.success)
    throw new ScimError(400, result.error.issues[0]?.message ?? "That request is not valid.", "invalidSyntax");
  return result.data;
}

/** Only the keys a schema names, found case-insensitively: a hostile "__proto__" is never copied. */
function pick(body: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> {
  const picked: Record<string, unknown> = {};
  for (const key of keys) {
    const found = Object.entries(body).find(([k]) => k.toLowerCase() === key.toLowerCase());
    if (found) picked[key] = found[1];
  }
  return picked;
}

/**
 * A PatchOp: Okta's `{ op: "replace", value: { active: false } }`, Entra's
 * `{ op: "Replace", path: "name.givenName", value: "..." }`, and the rest of
 * RFC 7644 §3.5.2 for the attributes Rapport keeps. The operations apply in
 * order; none is written unless all of them are valid.
 */
export function userFromPatch(body: unknown): ScimUserChanges {
  if (!isObject(body)) throw new ScimError(400, "Send a PatchOp request: a JSON object.", "invalidSyntax");
  const request = parseSyntax(PatchRequest, pick(body, ["schemas", "Operations"]));
  const asserted: Asserted = {};
  for (const raw of request.Operations) {
    if (!isObject(raw)) throw new ScimError(400, "Each operation must be an object.", "invalidSyntax");
    const operation = parseSyntax(PatchOperation, pick(raw, ["op", "path", "value"]));
    if (operation.path === undefined) {
      if (operation.op === "remove") throw new ScimError(400, "A remove operation needs a path.", "noTarget");
      if (!isObject(operation.value)) {
        throw new ScimError(
          400,
          "An operation without a path needs an object of attributes as its value.",
          "invalidValue",
        );
      }
      assignBody(asserted, operation.value, operation.op);
      continue;
    }
    const path = parsePath(operation.path);
    if (operation.op !== "remove" && operation.value === undefined) {
      throw new ScimError(400, `The ${operation.op} of ${operation.path.slice(0, 80)} needs a value.`, "invalidValue");
    }
    assign(asserted, path, operation.op, operation.value, "path");
  }
  return changesFrom(asserted, "update");
}

// ---- what Rapport answers with --------------------------------------------------------

const Meta = z.object({
  resourceType: z.string(),
  created: z.iso.datetime().optional(),
  lastModified: z.iso.datetime().optional(),
  location: z.url(),
  version: z.string().optional(),
});

/** RFC 7643 §4.1 and §4.3, the attributes Rapport answers with. */
export const ScimUserResource = z.object({
  schemas: z.array(z.enum([SCIM.user, SCIM.enterpriseUser])).min(1),
  id: z.uuid(),
  externalId: z.string().optional(),
  userName: z.email(),
  name: z.object({ formatted: z.string().min(1) }),
  displayName: z.string().min(1),
  emails: z.array(z.object({ value: z.email(), type: z.literal("work"), primary: z.literal(true) })).length(1),
  active: z.boolean(),
  [SCIM.enterpriseUser]: z
    .object({
      manager: z.object({ value: z.uuid(), $ref: z.url(), displayName: z.string() }).optional(),
      department: z.string().optional(),
    })
    .optional(),
  meta: Meta,
});
export type ScimUserResource = z.infer<typeof ScimUserResource>;

/** RFC 7644 §3.4.2. */
export const ScimListResponse = <T extends z.ZodType>(resource: T) =>
  z.object({
    schemas: z.tuple([z.literal(SCIM.listResponse)]),
    totalResults: z.number().int().min(0),
    startIndex: z.number().int().min(1),
    itemsPerPage: z.number().int().min(0),
    Resources: z.array(resource),
  });

/** RFC 7644 §3.12. */
export const ScimErrorResponse = z.object({
  schemas: z.tuple([z.literal(SCIM.error)]),
  status: z.string().regex(/^[45]\d\d$/),
  scimType: z.string().optional(),
  detail: z.string().min(1),
});

// ---- the admin page's forms ------------------------------------------------------------

export const ScimTokenActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("create"), name: requiredText("Name", 80) }),
  z.object({ intent: z.literal("revoke"), tokenId: z.uuid({ error: "Choose a token from the list." }) }),
]);
