import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { z } from "zod";
import type { DatabaseHandle } from "#db/client";
import { mailOutbox, passwordTokens, people, reportingLines, scimTokens } from "#db/schema";
import { SCIM } from "~/domain/scim";
import { ScimErrorResponse, ScimListResponse, ScimUserResource } from "~/schemas/scim";
import { useDatabaseForTests } from "~/services/db.server";
import { createScimToken, revokeScimToken } from "~/services/scim-tokens.server";
import { snapshotter, type Snapshot } from "#tests/hostile/snapshot";
import { createPerson, createTeam } from "#tests/setup/db-builders";
import { actionArgs, loaderArgs, scimArgs, statusOf } from "#tests/setup/requests";
import { createTestDatabase } from "#tests/setup/test-database";
import * as adminScim from "./admin.scim";
import * as catchAll from "./scim.v2.$";
import * as resourceType from "./scim.v2.ResourceTypes_.$id";
import * as resourceTypes from "./scim.v2.ResourceTypes";
import * as schema from "./scim.v2.Schemas_.$id";
import * as schemas from "./scim.v2.Schemas";
import * as serviceProviderConfig from "./scim.v2.ServiceProviderConfig";
import * as users from "./scim.v2.Users";
import * as user from "./scim.v2.Users_.$id";

/**
 * The SCIM service through its real loaders and actions, as Okta and
 * Microsoft Entra call it: their request sequences replayed with their
 * bodies, tokens good and bad, and every refusal in SCIM's error form with
 * nothing written.
 */

// Read by env() on first use, which comes after this line.
const CONFIGURED = "configured-scim-token-for-automated-setups-0123456789";
process.env.RAPPORT_SCIM_TOKEN = CONFIGURED;

const ENTERPRISE = SCIM.enterpriseUser;
let handle: DatabaseHandle;
let snapshot: (exclude?: readonly string[]) => Promise<Snapshot>;
let token: string;
const id: Record<string, string> = {};

beforeAll(async () => {
  handle = await createTestDatabase();
  useDatabaseForTests(handle);
  const admin = await createPerson(handle.db, { name: "Ada Admin", email: "ada@corp.test", roles: ["admin"] });
  id.admin = admin.id;
  id.hr = (await createPerson(handle.db, { name: "Hal", roles: ["hr"] })).id;
  id.boss = (await createPerson(handle.db, { name: "Bea Boss", email: "bea@corp.test" })).id;
  await createTeam(handle.db, { name: "Platform" });
  token = (
    await createScimToken(
      handle.db,
      { id: admin.id, name: admin.name, email: admin.email, roles: ["admin"] },
      { name: "Okta" },
    )
  ).token;
  snapshot = await snapshotter(handle.db);
});
afterAll(() => handle.close());

interface Answer {
  status: number;
  body: unknown;
  headers: Headers;
}

async function answer(run: () => Promise<unknown>): Promise<Answer> {
  let response: unknown;
  try {
    response = await run();
  } catch (thrown) {
    response = thrown;
  }
  if (!(response instanceof Response)) throw new Error(`expected a Response, got ${String(response)}`);
  const text = await response.text();
  if (text) expect(response.headers.get("Content-Type")).toBe("application/scim+json");
  if (response.status >= 400) expect(ScimErrorResponse.parse(JSON.parse(text)).status).toBe(String(response.status));
  return { status: response.status, body: text ? JSON.parse(text) : null, headers: response.headers };
}

type Options = Parameters<typeof scimArgs>[3] & { token?: string | null };

/** Sends a request to the route /scim/v2 maps its path to, as Remix would. */
function scim(method: string, path: string, options: Options = {}): Promise<Answer> {
  const args = scimArgs(options.token === undefined ? token : options.token, method, `/scim/v2${path}`, options);
  const pathname = path.split("?")[0]!;
  const [, collection, item] = pathname.split("/");
  const route =
    collection === "Users" && item
      ? { module: user, params: { id: decodeURIComponent(item) } }
      : collection === "Users"
        ? { module: users, params: {} }
        : collection === "ServiceProviderConfig"
          ? { module: serviceProviderConfig, params: {} }
          : collection === "Schemas" && item
            ? { module: schema, params: { id: decodeURIComponent(item) } }
            : collection === "Schemas"
              ? { module: schemas, params: {} }
              : collection === "ResourceTypes" && item
                ? { module: resourceType, params: { id: item } }
                : collection === "ResourceTypes"
                  ? { module: resourceTypes, params: {} }
                  : { module: catchAll, params: { "*": pathname.slice(1) } };
  const withParams = { ...args, params: route.params };
  const mod = route.module as {
    loader: (a: typeof args) => Promise<unknown>;
    action?: (a: typeof args) => Promise<unknown>;
  };
  return answer(() => (method === "GET" ? mod.loader(withParams) : mod.action!(withParams)));
}

const asUser = (body: unknown) => ScimUserResource.parse(body);
const asList = (body: unknown) =>
  ScimListResponse(ScimUserResource).parse(body) as z.infer<
    ReturnType<typeof ScimListResponse<typeof ScimUserResource>>
  >;
const patchOp = (...Operations: unknown[]) => ({ schemas: [SCIM.patchOp], Operations });
const personRow = async (personId: string) =>
  (await handle.db.select().from(people).where(eq(people.id, personId)))[0]!;
const filterFor = (attribute: string, value: string) => `?filter=${encodeURIComponent(`${attribute} eq "${value}"`)}`;

/** A refused request leaves every table as it was (but the token's last use). */
async function refusedWritingNothing(run: () => Promise<Answer>): Promise<Answer> {
  const before = await snapshot(["scim_tokens"]);
  const result = await run();
  expect(result.status).toBeGreaterThanOrEqual(400);
  expect(result.status).toBeLessThan(500);
  expect(await snapshot(["scim_tokens"])).toEqual(before);
  return result;
}

describe("Okta's sequence", () => {
  const userName = "test.user@okta.local";
  let personId: string;

  test("1. it looks for the person first: nobody", async () => {
    const found = await scim("GET", `/Users${filterFor("userName", userName)}&startIndex=1&count=100`);
    expect(found.status).toBe(200);
    expect(asList(found.body)).toEqual({
      schemas: [SCIM.listResponse],
      totalResults: 0,
      startIndex: 1,
      itemsPerPage: 0,
      Resources: [],
    });
  });

  test("2. it creates them: 201, Location and ETag, without their password", async () => {
    const created = await scim("POST", "/Users", {
      body: {
        schemas: [SCIM.user],
        userName,
        name: { givenName: "Test", familyName: "User" },
        emails: [{ primary: true, value: userName, type: "work" }],
        displayName: "Test User",
        locale: "en-US",
        externalId: "00ujl29u0le5T6Aj10h7",
        groups: [],
        password: "1mz050nq",
        active: true,
      },
    });
    expect(created.status).toBe(201);
    const resource = asUser(created.body);
    personId = resource.id;
    expect(resource).toMatchObject({
      userName,
      name: { formatted: "Test User" },
      displayName: "Test User",
      externalId: "00ujl29u0le5T6Aj10h7",
      active: true,
    });
    expect(new URL(created.headers.get("Location")!, "http://rapport.test/scim/v2/Users").href).toBe(
      `http://rapport.test/scim/v2/Users/${personId}`,
    );
    expect(resource.meta).toMatchObject({
      resourceType: "User",
      location: `http://rapport.test/scim/v2/Users/${personId}`,
      version: 'W/"1"',
    });
    expect(created.headers.get("ETag")).toBe('W/"1"');
    expect(await personRow(personId)).toMatchObject({ email: userName, passwordHash: null, active: true });
    // They can get in on their own: an invitation to choose a password is on its way to them alone.
    const mail = await handle.db.select().from(mailOutbox).where(eq(mailOutbox.toAddress, userName));
    expect(mail).toMatchObject([{ kind: "invitation", sensitive: true }]);
    expect(await handle.db.select().from(passwordTokens).where(eq(passwordTokens.personId, personId))).toMatchObject([
      { purpose: "invite", usedAt: null },
    ]);
  });

  test("3. it reads them back by id, and finds them by the filter now", async () => {
    const read = await scim("GET", `/Users/${personId}`);
    expect(read.status).toBe(200);
    expect(asUser(read.body).id).toBe(personId);
    expect(
      asList((await scim("GET", `/Users${filterFor("userName", "Test.User@OKTA.local")}`)).body).Resources.map(
        (r) => r.id,
      ),
    ).toEqual([personId]);
  });

  test("4. it deactivates them with a path-less replace", async () => {
    const patched = await scim("PATCH", `/Users/${personId}`, {
      body: patchOp({ op: "replace", value: { active: false } }),
    });
    expect(patched.status).toBe(200);
    expect(asUser(patched.body)).toMatchObject({ active: false, meta: { version: 'W/"2"' } });
    expect((await personRow(personId)).active).toBe(false);
  });

  test("5. it replaces the profile with PUT, reactivating them; what PUT leaves out stays", async () => {
    await handle.db.update(people).set({ managerId: id.boss }).where(eq(people.id, personId));
    const put = await scim("PUT", `/Users/${personId}`, {
      body: {
        schemas: [SCIM.user],
        id: personId,
        userName,
        name: { givenName: "Another", familyName: "User" },
        emails: [{ primary: true, value: userName, type: "work" }],
        displayName: "Another User",
        locale: "en-US",
        externalId: "00ujl29u0le5T6Aj10h7",
        groups: [],
        active: true,
        meta: { resourceType: "User" },
      },
    });
    expect(put.status).toBe(200);
    expect(asUser(put.body)).toMatchObject({
      name: { formatted: "Another User" },
      active: true,
      [ENTERPRISE]: { manager: { value: id.boss } },
    });
  });

  test("and its import reads everyone, a page at a time", async () => {
    const first = asList((await scim("GET", "/Users?startIndex=1&count=2")).body);
    const second = asList((await scim("GET", "/Users?startIndex=3&count=2")).body);
    expect(first).toMatchObject({ startIndex: 1, itemsPerPage: 2 });
    expect(second.startIndex).toBe(3);
    expect(first.totalResults).toBe(second.totalResults);
    expect(new Set([...first.Resources, ...second.Resources].map((r) => r.id)).size).toBe(
      first.Resources.length + second.Resources.length,
    );
    expect(asList((await scim("GET", "/Users?count=0")).body)).toMatchObject({ itemsPerPage: 0, Resources: [] });
  });
});

describe("Entra's sequence", () => {
  const userName = "alex.wilber@contoso.test";
  let personId: string;

  test("1. it matches by externalId and by userName: nobody", async () => {
    for (const query of [
      filterFor("externalId", "a1b2c3d4-0000-4000-8000-00000000e1a0"),
      filterFor("userName", userName),
    ]) {
      expect(asList((await scim("GET", `/Users${query}`)).body).totalResults).toBe(0);
    }
  });

  test("2. it creates them with the enterprise extension and its own", async () => {
    const created = await scim("POST", "/Users", {
      body: {
        schemas: [SCIM.user, ENTERPRISE],
        externalId: "a1b2c3d4-0000-4000-8000-00000000e1a0",
        userName,
        active: true,
        displayName: "Alex Wilber",
        title: "Marketing Assistant",
        emails: [{ primary: true, type: "work", value: userName }],
        preferredLanguage: "en-US",
        meta: { resourceType: "User" },
        name: { formatted: "Alex Wilber", familyName: "Wilber", givenName: "Alex" },
        addresses: [{ type: "work", formatted: "1 Main St", primary: false }],
        phoneNumbers: [{ type: "work", value: "+1 555 0100" }],
        [ENTERPRISE]: { employeeNumber: "1024", department: "platform" },
        "urn:ietf:params:scim:schemas:extension:Microsoft:Entra:2.0:User": { onPremisesSamAccountName: "alexw" },
      },
    });
    expect(created.status).toBe(201);
    const resource = asUser(created.body);
    personId = resource.id;
    expect(resource).toMatchObject({
      userName,
      externalId: "a1b2c3d4-0000-4000-8000-00000000e1a0",
      [ENTERPRISE]: { department: "Platform" },
    });
  });

  test("3. it updates attributes by path, ops capitalised, the e-mail by its filter left to userName", async () => {
    const patched = await scim("PATCH", `/Users/${personId}`, {
      body: patchOp(
        { op: "Replace", path: 'emails[type eq "work"].value', value: "alex.w@contoso.test" },
        { op: "Replace", path: "name.givenName", value: "Alexandra" },
        { op: "Replace", path: "name.formatted", value: "Alexandra Wilber" },
        { op: "Replace", path: "displayName", value: "Alexandra Wilber" },
        { op: "Add", path: "title", value: "Marketing Lead" },
        { op: "Replace", path: "userName", value: "Alex.W@Contoso.test" },
      ),
    });
    expect(patched.status).toBe(200);
    expect(asUser(patched.body)).toMatchObject({
      userName: "alex.w@contoso.test",
      name: { formatted: "Alexandra Wilber" },
    });
  });

  test("4. it sets the manager, as a bare id and as { value }, and the reporting line follows", async () => {
    const bare = await scim("PATCH", `/Users/${personId}`, {
      body: patchOp({ op: "Add", path: `${ENTERPRISE}:manager`, value: id.boss }),
    });
    expect(bare.status).toBe(200);
    expect(asUser(bare.body)[ENTERPRISE]?.manager).toEqual({
      value: id.boss,
      $ref: `http://rapport.test/scim/v2/Users/${id.boss}`,
      displayName: "Bea Boss",
    });
    const other = (await createPerson(handle.db, { name: "Otto" })).id;
    const object = await scim("PATCH", `/Users/${personId}`, {
      body: patchOp({ op: "Replace", path: `${ENTERPRISE}:manager`, value: { value: other } }),
    });
    expect(asUser(object.body)[ENTERPRISE]?.manager?.value).toBe(other);
    const lines = await handle.db.select().from(reportingLines).where(eq(reportingLines.personId, personId));
    expect(lines.filter((l) => l.endedAt === null).map((l) => l.managerId)).toEqual([other]);
    expect(lines.map((l) => l.managerId)).toContain(id.boss);
  });

  test("5. it removes the manager", async () => {
    const removed = await scim("PATCH", `/Users/${personId}`, {
      body: patchOp({ op: "Remove", path: `${ENTERPRISE}:manager` }),
    });
    expect(asUser(removed.body)[ENTERPRISE]?.manager).toBeUndefined();
    expect((await personRow(personId)).managerId).toBeNull();
  });

  test('6. it disables them with "False" as a string', async () => {
    const disabled = await scim("PATCH", `/Users/${personId}`, {
      body: patchOp({ op: "Replace", path: "active", value: "False" }),
    });
    expect(asUser(disabled.body).active).toBe(false);
  });

  test("7. DELETE answers 204 and deactivates: the person stays, readable, to be found and reactivated", async () => {
    await scim("PATCH", `/Users/${personId}`, { body: patchOp({ op: "Replace", path: "active", value: "True" }) });
    const deleted = await scim("DELETE", `/Users/${personId}`);
    expect(deleted).toMatchObject({ status: 204, body: null });
    expect(asUser((await scim("GET", `/Users/${personId}`)).body).active).toBe(false);
    expect(
      asList((await scim("GET", `/Users${filterFor("userName", "alex.w@contoso.test")}`)).body).Resources[0]?.active,
    ).toBe(false);
    expect((await scim("DELETE", `/Users/${personId}`)).status).toBe(204);
  });
});

describe("tokens", () => {
  const list = (options: Options) => scim("GET", "/Users", options);

  test("none, a wrong one, or a malformed header: 401 in SCIM's form, asking for a bearer token", async () => {
    for (const options of [
      { token: null },
      { token: "rapport_scim_" + "A".repeat(43) },
      { token: null, headers: { Authorization: `Basic ${btoa("okta:secret")}` } },
      { token: null, headers: { Authorization: `Bearer  ${token} extra` } },
    ]) {
      const refused = await list(options);
      expect(refused.status).toBe(401);
      expect(refused.headers.get("WWW-Authenticate")).toBe('Bearer realm="Rapport SCIM"');
      expect(refused.body).toMatchObject({ schemas: [SCIM.error], status: "401" });
    }
  });

  test("an admin's session cookie is no SCIM credential", async () => {
    const { request } = await loaderArgs(id.admin!, "/scim/v2/Users");
    const refused = await answer(() => users.loader({ request, params: {}, context: {} }));
    expect(refused.status).toBe(401);
    const post = await actionArgs(id.admin!, "/scim/v2/Users", { userName: "x@corp.test" });
    expect((await answer(() => users.action(post))).status).toBe(401);
  });

  test("RAPPORT_SCIM_TOKEN works as a token", async () => {
    expect((await list({ token: CONFIGURED })).status).toBe(200);
    expect((await list({ token: CONFIGURED.slice(0, -1) })).status).toBe(401);
  });

  test("a revoked token stops working at once, and writes nothing when it is refused", async () => {
    const { id: tokenId, token: revoked } = await createScimToken(
      handle.db,
      { id: id.admin!, name: "Ada", email: "ada@corp.test", roles: ["admin"] },
      { name: "Entra" },
    );
    expect((await list({ token: revoked })).status).toBe(200);
    await revokeScimToken(handle.db, { id: id.admin!, name: "Ada", email: "ada@corp.test", roles: ["admin"] }, tokenId);
    await refusedWritingNothing(() =>
      scim("POST", "/Users", { token: revoked, body: { userName: "late@corp.test", displayName: "Late" } }),
    );
  });

  test("the table holds the token's hash, never the token", async () => {
    const rows = await handle.db.select().from(scimTokens);
    expect(JSON.stringify(rows)).not.toContain(token);
  });
});

describe("refusals", () => {
  test("a filter Rapport cannot answer is 400 invalidFilter, never an empty list", async () => {
    for (const filter of [
      'emails.value eq "a@x.test"',
      'userName eq "a" or userName eq "b"',
      "userName eq",
      'title co "x"',
    ]) {
      expect((await scim("GET", `/Users?filter=${encodeURIComponent(filter)}`)).body).toMatchObject({
        status: "400",
        scimType: "invalidFilter",
      });
    }
    expect((await scim("GET", "/Users?startIndex=abc")).body).toMatchObject({
      status: "400",
      scimType: "invalidValue",
    });
  });

  test("a duplicate userName is 409 uniqueness, whatever its case", async () => {
    const refused = await refusedWritingNothing(() =>
      scim("POST", "/Users", { body: { userName: "BEA@corp.test", displayName: "Bea Again" } }),
    );
    expect(refused.body).toMatchObject({ status: "409", scimType: "uniqueness" });
  });

  test("bodies that are not JSON, not a User, or not a PatchOp", async () => {
    const target = (await createPerson(handle.db)).id;
    const cases: [string, string, Options, number, string | undefined][] = [
      ["POST", "/Users", { body: "{not json" }, 400, "invalidSyntax"],
      [
        "POST",
        "/Users",
        { body: "userName=a@x.test", headers: { "Content-Type": "application/x-www-form-urlencoded" } },
        415,
        "invalidSyntax",
      ],
      ["POST", "/Users", { body: [] }, 400, "invalidSyntax"],
      ["POST", "/Users", { body: '{"userName":"half@corp.test","displayName":"Half \\ud800"}' }, 400, "invalidValue"],
      [
        "POST",
        "/Users",
        { body: '{"userName":"nul@corp.test","displayName":"Nul","title":"a\\u0000b"}' },
        400,
        "invalidValue",
      ],
      ["POST", "/Users", { body: { userName: "no-name@corp.test" } }, 400, "invalidValue"],
      [
        "POST",
        "/Users",
        {
          body: {
            userName: "x@corp.test",
            displayName: "X",
            [ENTERPRISE]: { manager: { value: "00000000-0000-4000-8000-000000000000" } },
          },
        },
        400,
        "invalidValue",
      ],
      [
        "POST",
        "/Users",
        { body: JSON.stringify({ userName: "big@corp.test", displayName: "x".repeat(70 * 1024) }) },
        413,
        undefined,
      ],
      ["PATCH", `/Users/${target}`, { body: { Operations: [{ op: "move", path: "active" }] } }, 400, "invalidSyntax"],
      ["PATCH", `/Users/${target}`, { body: patchOp({ op: "replace", path: "id", value: "x" }) }, 400, "mutability"],
      ["PATCH", `/Users/${target}`, { body: patchOp({ op: "remove" }) }, 400, "noTarget"],
      [
        "PATCH",
        `/Users/${target}`,
        {
          body: patchOp(
            { op: "replace", path: "active", value: false },
            { op: "replace", path: "userName", value: "nope" },
          ),
        },
        400,
        "invalidValue",
      ],
      ["PUT", `/Users/${target}`, { body: { displayName: "No userName" } }, 400, "invalidValue"],
      ["POST", `/Users/${target}`, { body: {} }, 405, undefined],
      [
        "PATCH",
        `/Users/${target}`,
        { body: patchOp({ op: "replace", path: "active", value: false }), headers: { "If-Match": 'W/"7"' } },
        412,
        undefined,
      ],
    ];
    for (const [method, path, options, status, scimType] of cases) {
      const refused = await refusedWritingNothing(() => scim(method, path, options));
      expect(
        [refused.status, (refused.body as { scimType?: string }).scimType],
        `${method} ${JSON.stringify(options.body)?.slice(0, 60)}`,
      ).toEqual([status, scimType]);
    }
  });

  test("an unknown or malformed id is a 404", async () => {
    for (const unknown of ["00000000-0000-4000-8000-000000000000", "not-an-id"]) {
      expect((await scim("GET", `/Users/${unknown}`)).status).toBe(404);
      expect(
        (
          await refusedWritingNothing(() =>
            scim("PATCH", `/Users/${unknown}`, { body: patchOp({ op: "replace", value: { active: false } }) }),
          )
        ).status,
      ).toBe(404);
      expect((await refusedWritingNothing(() => scim("DELETE", `/Users/${unknown}`))).status).toBe(404);
    }
  });

  test("a manager that would close a loop is refused with a clear detail, and nothing is written", async () => {
    const top = asUser(
      (await scim("POST", "/Users", { body: { userName: "top@corp.test", displayName: "Tess Top" } })).body,
    ).id;
    const mid = asUser(
      (
        await scim("POST", "/Users", {
          body: { userName: "mid@corp.test", displayName: "Max Mid", [ENTERPRISE]: { manager: { value: top } } },
        })
      ).body,
    ).id;
    const refused = await refusedWritingNothing(() =>
      scim("PATCH", `/Users/${top}`, {
        body: patchOp(
          { op: "Replace", path: "displayName", value: "Renamed" },
          { op: "Add", path: `${ENTERPRISE}:manager`, value: mid },
        ),
      }),
    );
    expect(refused.body).toEqual({
      schemas: [SCIM.error],
      status: "400",
      scimType: "invalidValue",
      detail: "That would make a loop in the reporting line: Tess Top → Max Mid → Tess Top.",
    });
    expect(await personRow(top)).toMatchObject({ name: "Tess Top", managerId: null, version: 1 });
  });

  test("deactivating someone who still manages people is refused until their reports move", async () => {
    const lead = asUser(
      (await scim("POST", "/Users", { body: { userName: "lead@corp.test", displayName: "Lee Lead" } })).body,
    ).id;
    const report = asUser(
      (
        await scim("POST", "/Users", {
          body: { userName: "rep@corp.test", displayName: "Rae Rep", [ENTERPRISE]: { manager: { value: lead } } },
        })
      ).body,
    ).id;
    const refused = await refusedWritingNothing(() => scim("DELETE", `/Users/${lead}`));
    expect(refused.body).toMatchObject({ status: "400", detail: "Move their 1 report to another manager first." });
    await scim("PATCH", `/Users/${report}`, { body: patchOp({ op: "Remove", path: `${ENTERPRISE}:manager` }) });
    expect((await scim("DELETE", `/Users/${lead}`)).status).toBe(204);
  });

  test("If-Match with the current version is honoured", async () => {
    const person = asUser(
      (await scim("POST", "/Users", { body: { userName: "etag@corp.test", displayName: "E Tag" } })).body,
    );
    const patched = await scim("PATCH", `/Users/${person.id}`, {
      body: patchOp({ op: "replace", path: "displayName", value: "E Tagged" }),
      headers: { "If-Match": person.meta.version! },
    });
    expect(patched.headers.get("ETag")).toBe('W/"2"');
  });
});

describe("discovery", () => {
  test("ServiceProviderConfig says what is supported, and how to authenticate", async () => {
    const config = await scim("GET", "/ServiceProviderConfig");
    expect(config.body).toMatchObject({
      schemas: [SCIM.serviceProviderConfig],
      patch: { supported: true },
      bulk: { supported: false },
      filter: { supported: true, maxResults: 100 },
      etag: { supported: true },
      authenticationSchemes: [{ type: "oauthbearertoken" }],
    });
  });

  test("Schemas lists User and the enterprise extension, each readable by its id", async () => {
    const listed = (await scim("GET", "/Schemas")).body as {
      totalResults: number;
      Resources: { id: string; attributes: { name: string }[] }[];
    };
    expect(listed.Resources.map((r) => r.id)).toEqual([SCIM.user, SCIM.enterpriseUser]);
    expect(listed.Resources[0]!.attributes.map((a) => a.name)).toEqual([
      "userName",
      "externalId",
      "name",
      "displayName",
      "emails",
      "active",
    ]);
    expect(
      ((await scim("GET", `/Schemas/${encodeURIComponent(SCIM.enterpriseUser)}`)).body as { name: string }).name,
    ).toBe("EnterpriseUser");
    expect((await scim("GET", "/Schemas/urn:nope")).status).toBe(404);
  });

  test("ResourceTypes lists User with its extension", async () => {
    const listed = (await scim("GET", "/ResourceTypes")).body as { Resources: unknown[] };
    expect(listed.Resources).toMatchObject([
      {
        id: "User",
        endpoint: "/Users",
        schema: SCIM.user,
        schemaExtensions: [{ schema: ENTERPRISE, required: false }],
      },
    ]);
    expect((await scim("GET", "/ResourceTypes/User")).status).toBe(200);
    expect((await scim("GET", "/ResourceTypes/Group")).status).toBe(404);
  });

  test("the rest of SCIM (Groups, Bulk) is a 404 in SCIM's form, behind the token too", async () => {
    expect((await scim("GET", "/Groups")).body).toMatchObject({ status: "404" });
    expect((await scim("GET", "/Groups", { token: null })).status).toBe(401);
    expect((await scim("GET", "/ServiceProviderConfig", { token: null })).status).toBe(401);
  });
});

describe("the admin page", () => {
  test("creates a token shown once, which then provisions; revoking it ends it", async () => {
    const created = (await adminScim.action(
      await actionArgs(id.admin!, "/admin/scim", { intent: "create", name: "Entra prod" }),
    )) as {
      data: { created: { name: string; token: string } };
      init: { headers: Record<string, string> } | null;
    };
    const fresh = created.data.created.token;
    expect(created.init?.headers).toMatchObject({ "Cache-Control": "no-store" });
    expect((await scim("GET", "/Users", { token: fresh })).status).toBe(200);
    const page = (await adminScim.loader(await loaderArgs(id.admin!, "/admin/scim"))) as {
      tokens: { id: string; name: string }[];
      endpoint: string;
      configured: boolean;
    };
    expect(page).toMatchObject({ endpoint: "http://rapport.test/scim/v2", configured: true });
    expect(JSON.stringify(page)).not.toContain(fresh);
    const tokenId = page.tokens.find((t) => t.name === "Entra prod")!.id;
    expect(
      await statusOf(async () =>
        adminScim.action(await actionArgs(id.admin!, "/admin/scim", { intent: "revoke", tokenId })),
      ),
    ).toBe(302);
    expect((await scim("GET", "/Users", { token: fresh })).status).toBe(401);
  });

  test("refuses everyone but admins, and a form it cannot read", async () => {
    expect(await statusOf(async () => adminScim.loader(await loaderArgs(id.hr!, "/admin/scim")))).toBe(403);
    expect(
      await statusOf(async () =>
        adminScim.action(await actionArgs(id.hr!, "/admin/scim", { intent: "create", name: "HR's" })),
      ),
    ).toBe(403);
    expect(
      await statusOf(async () =>
        adminScim.action(await actionArgs(id.admin!, "/admin/scim", { intent: "create", name: "" })),
      ),
    ).toBe(400);
    expect(
      await statusOf(async () =>
        adminScim.action(await actionArgs(id.admin!, "/admin/scim", { intent: "revoke", tokenId: "nope" })),
      ),
    ).toBe(400);
    expect(
      await statusOf(async () =>
        adminScim.action(
          await actionArgs(id.admin!, "/admin/scim", {
            intent: "revoke",
            tokenId: "00000000-0000-4000-8000-000000000000",
          }),
        ),
      ),
    ).toBe(404);
  });
});
