import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { AppLoadContext } from "@remix-run/node";
import { desc, eq, sql } from "drizzle-orm";
import type { DatabaseHandle } from "#db/client";
import { scimTokens, securityEvents } from "#db/schema";
import { hashPassword } from "~/auth/password.server";
import { rereadEnv } from "~/env.server";
import { endAllSessions, sessionCookieFor } from "~/http/session.server";
import { answerSingleSignOn } from "~/http/single-sign-on.server";
import { useDatabaseForTests } from "~/services/db.server";
import { createScimToken, revokeScimToken } from "~/services/scim-tokens.server";
import { recordSecurityEvent } from "~/services/security-log.server";
import { listActiveSessions } from "~/services/sessions.server";
import { createPerson } from "#tests/setup/db-builders";
import { actionArgs, loaderArgs, scimArgs, statusOf } from "#tests/setup/requests";
import { createTestDatabase } from "#tests/setup/test-database";
import * as importPage from "./admin.import";
import * as newPerson from "./admin.people.new";
import * as editPerson from "./admin.people.$personId";
import * as adminScim from "./admin.scim";
import * as securityPage from "./admin.security";
import * as securityCsv from "./admin.security[.]csv";
import * as scimUsers from "./scim.v2.Users";
import * as scimUser from "./scim.v2.Users_.$id";
import * as signInRoute from "./sign-in";
import * as signOutRoute from "./sign-out";
import * as trendsCsv from "./trends[.]csv";

/**
 * The security log through the real routes: each action writes its event with
 * who, from where and when; nothing secret ever lands in it; only admins read
 * it. Every request comes from ADDRESS with AGENT.
 */

const ADDRESS = "203.0.113.7";
const AGENT = "Mozilla/5.0 (security-log test)";
/** Sent through every action that takes a password or a secret; it must never be in the table. */
const SECRET = "Canary-S3cret-pa55phrase";
const context = { clientAddress: ADDRESS } as AppLoadContext;

let handle: DatabaseHandle;
const id: Record<string, string> = {};

beforeAll(async () => {
  process.env.RAPPORT_PASSWORD_SIGN_IN = "on";
  rereadEnv();
  handle = await createTestDatabase();
  useDatabaseForTests(handle);
  id.admin = (await createPerson(handle.db, { name: "Ada Admin", email: "ada@sec.test", roles: ["admin"] })).id;
  id.hr = (await createPerson(handle.db, { name: "Hal", email: "hal@sec.test", roles: ["hr"] })).id;
  id.boss = (await createPerson(handle.db, { name: "Bea", email: "bea@sec.test" })).id;
  id.alice = (
    await createPerson(handle.db, { name: "Alice", email: "alice@sec.test", passwordHash: await hashPassword(SECRET) })
  ).id;
});
afterAll(() => handle.close());

/** A request from ADDRESS with AGENT, whatever the helper built. */
function fromClient<T extends { request: Request; context: AppLoadContext }>(args: T): T {
  const headers = new Headers(args.request.headers);
  headers.set("User-Agent", AGENT);
  return { ...args, request: new Request(args.request, { headers }), context };
}

async function latest(kind: string) {
  const [row] = await handle.db
    .select()
    .from(securityEvents)
    .where(sql`${securityEvents.kind} = ${kind}`)
    .orderBy(desc(securityEvents.at), desc(securityEvents.id))
    .limit(1);
  return row;
}

const fromHere = { clientAddress: ADDRESS, userAgent: AGENT };

describe("each action writes its event", () => {
  test("a password sign-in: success, a wrong password, an unknown e-mail, and the throttle", async () => {
    const before = Date.now();
    const ok = (await signInRoute.action(
      fromClient(await actionArgs(null, "/sign-in", { email: "Alice@Sec.test", password: SECRET, redirectTo: "/" })),
    )) as Response;
    expect(ok.status).toBe(302);
    const success = await latest("sign-in.password");
    expect(success).toMatchObject({ outcome: "success", actorId: id.alice, subjectId: id.alice, ...fromHere });
    expect(success!.at.getTime()).toBeGreaterThanOrEqual(before - 1000);

    const wrong = await signInRoute.action(
      fromClient(await actionArgs(null, "/sign-in", { email: "alice@sec.test", password: "wrong-password" })),
    );
    const unknown = await signInRoute.action(
      fromClient(await actionArgs(null, "/sign-in", { email: "nobody@sec.test", password: "wrong-password" })),
    );
    // The client learns nothing: both answers are the same.
    expect(statusOfReply(wrong)).toBe(401);
    expect(statusOfReply(unknown)).toBe(401);
    expect(JSON.stringify((wrong as { data: unknown }).data)).toBe(
      JSON.stringify((unknown as { data: unknown }).data).replace("nobody@sec.test", "alice@sec.test"),
    );
    expect(await latest("sign-in.password")).toMatchObject({
      outcome: "failure",
      actorId: null,
      subjectId: null,
      actorLabel: "nobody@sec.test",
      detail: { reason: "invalid" },
      ...fromHere,
    });

    for (let i = 0; i < 6; i++)
      await signInRoute.action(
        fromClient(await actionArgs(null, "/sign-in", { email: "victim@sec.test", password: "guess" })),
      );
    expect(await latest("sign-in.password")).toMatchObject({
      outcome: "refused",
      actorLabel: "victim@sec.test",
      detail: { reason: "throttled" },
    });
  });

  test("a password typed into the e-mail field is not kept", async () => {
    const before = await latest("sign-in.password");
    const args = fromClient(await actionArgs(null, "/sign-in", { email: `${SECRET}@`, password: "x" }));
    expect(statusOfReply(await signInRoute.action(args))).toBe(400);
    // The form refuses it before any attempt is made, so there is no attempt to log.
    expect((await latest("sign-in.password"))!.id).toBe(before!.id);
    expect(await tableText()).not.toContain(SECRET);
  });

  test("single sign-on: success and refusal, from the outcome", async () => {
    process.env.OIDC_ISSUER = "https://idp.sec.test";
    process.env.OIDC_CLIENT_ID = "rapport";
    process.env.OIDC_CLIENT_SECRET = SECRET;
    rereadEnv();
    try {
      const request = () => new Request("http://rapport.test/auth/oidc/callback", { headers: { "User-Agent": AGENT } });
      await answerSingleSignOn(
        request(),
        { ok: true, personId: id.boss!, email: "bea@sec.test", redirectTo: "/" },
        { context },
      );
      expect(await latest("sign-in.sso")).toMatchObject({
        outcome: "success",
        actorId: id.boss,
        subjectId: id.boss,
        ...fromHere,
      });
      await answerSingleSignOn(request(), { ok: false, reason: "unknown", email: "stranger@else.test" }, { context });
      expect(await latest("sign-in.sso")).toMatchObject({
        outcome: "refused",
        actorId: null,
        actorLabel: "stranger@else.test",
        detail: { reason: "unknown" },
      });
    } finally {
      for (const name of ["OIDC_ISSUER", "OIDC_CLIENT_ID", "OIDC_CLIENT_SECRET"]) delete process.env[name];
      rereadEnv();
    }
  });

  test("sign-out and sign-out everywhere", async () => {
    const cookie = await sessionCookieFor(id.boss!);
    await signOutRoute.action({
      request: new Request("http://rapport.test/sign-out", {
        method: "POST",
        headers: { Cookie: cookie, "User-Agent": AGENT },
      }),
      params: {},
      context,
    });
    expect(await latest("sign-out")).toMatchObject({ actorId: id.boss, subjectId: id.boss, ...fromHere });
    await sessionCookieFor(id.boss!);
    const current = await sessionCookieFor(id.boss!);
    const live = (await listActiveSessions(handle.db, id.boss!)).length;
    expect(live).toBeGreaterThanOrEqual(2);
    await endAllSessions(
      new Request("http://rapport.test/settings", {
        method: "POST",
        headers: { Cookie: current, "User-Agent": AGENT },
      }),
      { context },
    );
    expect(await latest("sign-out.everywhere")).toMatchObject({
      actorId: id.boss,
      detail: { revoked: live },
      ...fromHere,
    });
    expect(await listActiveSessions(handle.db, id.boss!)).toEqual([]);
  });

  test("an admin's role, reporting-line, password and activation changes", async () => {
    const created = await newPerson.action(
      fromClient(
        await actionArgs(id.admin!, "/admin/people/new", {
          name: "Zed",
          email: "zed@sec.test",
          managerEmail: "",
          roles: "manager",
          password: SECRET,
        }),
      ),
    );
    expect(statusOfReply(created)).toBe(302);
    const zed = await latest("person.role-changed");
    expect(zed).toMatchObject({ actorId: id.admin, detail: { from: "", to: "manager" }, ...fromHere });
    const zedId = zed!.subjectId!;

    const edit = {
      intent: "edit",
      version: "1",
      name: "Zed",
      email: "zed@sec.test",
      managerEmail: "bea@sec.test",
      roles: ["manager", "hr"],
      password: SECRET,
    };
    expect(
      statusOfReply(await editPerson.action(fromClient(await actionArgs(id.admin!, "/", edit, { personId: zedId })))),
    ).toBe(302);
    expect(await latest("person.role-changed")).toMatchObject({
      subjectId: zedId,
      detail: { from: "manager", to: "hr, manager" },
    });
    expect(await latest("person.manager-changed")).toMatchObject({
      actorId: id.admin,
      subjectId: zedId,
      detail: { from: null, to: id.boss },
      ...fromHere,
    });
    // An admin no longer sets passwords: the password they posted is ignored, and an invitation is what they can send.
    expect(await latest("person.password-set-by-admin")).toBeUndefined();
    expect(
      statusOfReply(
        await editPerson.action(
          fromClient(await actionArgs(id.admin!, "/", { intent: "invite" }, { personId: zedId })),
        ),
      ),
    ).toBe(302);
    expect(await latest("invitation.sent")).toMatchObject({ actorId: id.admin, subjectId: zedId, ...fromHere });

    const off = { intent: "active", version: "2", active: "false" };
    expect(
      statusOfReply(await editPerson.action(fromClient(await actionArgs(id.admin!, "/", off, { personId: zedId })))),
    ).toBe(302);
    expect(await latest("person.deactivated")).toMatchObject({ actorId: id.admin, subjectId: zedId, ...fromHere });
    const on = { intent: "active", version: "3", active: "true" };
    expect(
      statusOfReply(await editPerson.action(fromClient(await actionArgs(id.admin!, "/", on, { personId: zedId })))),
    ).toBe(302);
    expect(await latest("person.activated")).toMatchObject({ actorId: id.admin, subjectId: zedId, ...fromHere });
  });

  test("a CSV import is one event with its counts; a preview is none", async () => {
    const csv =
      "email,name,team,manager_email,roles\nnew1@sec.test,New One,Imported,,\nnew2@sec.test,New Two,Imported,new1@sec.test,";
    await importPage.action(fromClient(await actionArgs(id.admin!, "/admin/import", { csv, intent: "preview" })));
    expect(await latest("org.csv-imported")).toBeUndefined();
    await importPage.action(fromClient(await actionArgs(id.admin!, "/admin/import", { csv, intent: "import" })));
    expect(await latest("org.csv-imported")).toMatchObject({
      actorId: id.admin,
      detail: { count: 2, created: 2, updated: 0, teams: 1 },
      ...fromHere,
    });
  });

  test("SCIM: token created, used (throttled), people provisioned, token revoked", async () => {
    const reply = (await adminScim.action(
      fromClient(await actionArgs(id.admin!, "/admin/scim", { intent: "create", name: "Okta" })),
    )) as { data: { created: { token: string } } };
    const token = reply.data.created.token;
    expect(await latest("scim.token-created")).toMatchObject({
      actorId: id.admin,
      detail: { token: "Okta" },
      ...fromHere,
    });

    const scim = (method: string, path: string, body?: unknown, params?: Record<string, string>) => {
      const args = scimArgs(token, method, path, { body, params, headers: { "User-Agent": AGENT } });
      return { ...args, context };
    };
    const created = (await scimUsers.action(
      scim("POST", "/scim/v2/Users", {
        schemas: ["urn:ietf:params:scim:schemas:core:2.0:User"],
        userName: "prov@sec.test",
        name: { formatted: "Pro Vision" },
        active: true,
      }),
    )) as Response;
    expect(created.status).toBe(201);
    const personId = ((await created.json()) as { id: string }).id;
    const used = await latest("scim.token-used");
    expect(used).toMatchObject({
      actorId: id.admin,
      actorLabel: "SCIM token 'Okta'",
      detail: { token: "Okta" },
      ...fromHere,
    });
    expect(await latest("scim.person-created")).toMatchObject({
      actorId: id.admin,
      actorLabel: "SCIM token 'Okta'",
      subjectId: personId,
      ...fromHere,
    });

    const patch = (ops: unknown[]) =>
      scim(
        "PATCH",
        `/scim/v2/Users/${personId}`,
        { schemas: ["urn:ietf:params:scim:api:messages:2.0:PatchOp"], Operations: ops },
        { id: personId },
      );
    await scimUser.action(patch([{ op: "replace", path: "name.formatted", value: "Pro Renamed" }]));
    expect(await latest("scim.person-updated")).toMatchObject({ subjectId: personId, detail: { fields: "name" } });
    await scimUser.action(patch([{ op: "replace", path: "active", value: false }]));
    expect(await latest("scim.person-deactivated")).toMatchObject({
      subjectId: personId,
      detail: { fields: "active" },
    });
    // Three requests within minutes: the token's use is logged once.
    const uses = await handle.db
      .select({ n: sql<number>`count(*)`.mapWith(Number) })
      .from(securityEvents)
      .where(sql`${securityEvents.kind} = 'scim.token-used'`);
    expect(uses[0]!.n).toBe(1);
    expect(used!.id).toBe((await latest("scim.token-used"))!.id);

    const [{ id: tokenId }] = (await handle.db
      .select({ id: scimTokens.id })
      .from(scimTokens)
      .where(eq(scimTokens.name, "Okta"))) as [{ id: string }];
    await adminScim.action(fromClient(await actionArgs(id.admin!, "/admin/scim", { intent: "revoke", tokenId })));
    expect(await latest("scim.token-revoked")).toMatchObject({
      actorId: id.admin,
      detail: { token: "Okta" },
      ...fromHere,
    });
    // The token itself is a secret too.
    expect(await tableText()).not.toContain(token);
  });

  test("a trends CSV export says who exported which filter", async () => {
    const args = fromClient(await loaderArgs(id.hr!, "/trends.csv"));
    expect(((await trendsCsv.loader(args)) as Response).status).toBe(200);
    const row = await latest("export.trends-csv");
    expect(row).toMatchObject({ actorId: id.hr, ...fromHere });
    expect(String(row!.detail.filter)).toMatch(/^team=\S* from=\d{4}-\d{2} to=\d{4}-\d{2} question=\S+$/);
  });
});

describe("nothing secret lands in the log", () => {
  test("the password, the client secret and tokens are in no column of any row", async () => {
    // One more token made and revoked through the service, to be sure its value never reaches the log either.
    const admin = { id: id.admin!, name: "Ada Admin", email: "ada@sec.test", roles: ["admin" as const] };
    const made = await createScimToken(handle.db, admin, { name: "Entra" });
    await revokeScimToken(handle.db, admin, made.id);
    const text = await tableText();
    expect(text.length).toBeGreaterThan(1000);
    expect(text).not.toContain(SECRET);
    expect(text.toLowerCase()).not.toContain(SECRET.toLowerCase());
    expect(text).not.toContain(made.token);
    expect(text).not.toContain("rapport_scim_");
  });
});

describe("the page and its CSV", () => {
  test("admins only: everyone else gets 403, and the anonymous are sent to sign in", async () => {
    for (const who of ["hr", "boss", "alice"]) {
      expect(await statusOf(async () => securityPage.loader(await loaderArgs(id[who]!, "/admin/security")))).toBe(403);
      expect(await statusOf(async () => securityCsv.loader(await loaderArgs(id[who]!, "/admin/security.csv")))).toBe(
        403,
      );
    }
    expect(await statusOf(async () => securityPage.loader(await loaderArgs(null, "/admin/security")))).toBe(302);
    expect(await statusOf(async () => securityCsv.loader(await loaderArgs(null, "/admin/security.csv")))).toBe(302);
  });

  test("newest first, filtered and paged; the viewer's own id comes back to show 'you'", async () => {
    const page = await securityPage.loader(
      await loaderArgs(id.admin!, `/admin/security?person=${id.alice}&kind=sign-in.password`),
    );
    expect(page.viewerId).toBe(id.admin);
    expect(page.rows.length).toBeGreaterThan(0);
    expect(
      page.rows.every((r) => r.kind === "sign-in.password" && (r.actorId === id.alice || r.subjectId === id.alice)),
    ).toBe(true);
    // More than a page: older sign-outs, a minute apart, a day ago.
    for (let i = 0; i < 60; i++) {
      await recordSecurityEvent(
        handle.db,
        { kind: "sign-out", actorId: id.alice, subjectId: id.alice },
        new Date(Date.now() - 86_400_000 - i * 60_000),
      );
    }
    const all = await securityPage.loader(await loaderArgs(id.admin!, "/admin/security"));
    expect(all.rows).toHaveLength(50);
    expect(all.next).not.toBeNull();
    const older = await securityPage.loader(
      await loaderArgs(id.admin!, `/admin/security?after=${encodeURIComponent(all.next!)}`),
    );
    expect(older.rows.length).toBeGreaterThan(0);
    expect(older.rows[0]!.at <= all.rows[49]!.at).toBe(true);
    expect(new Set([...all.rows, ...older.rows].map((r) => r.id)).size).toBe(all.rows.length + older.rows.length);
  });

  test("the CSV holds the filtered rows, and exporting is itself logged", async () => {
    const args = fromClient(await loaderArgs(id.admin!, "/admin/security.csv?kind=person.deactivated"));
    const response = (await securityCsv.loader(args)) as Response;
    expect(response.headers.get("Content-Type")).toMatch(/^text\/csv/);
    expect(response.headers.get("Content-Disposition")).toMatch(
      /attachment; filename="security-log-\d{4}-\d{2}-\d{2}\.csv"/,
    );
    const lines = (await response.text()).trim().split("\r\n");
    expect(lines[0]).toMatch(/^time,kind,outcome,actor/);
    expect(lines.slice(1).length).toBeGreaterThan(0);
    expect(lines.slice(1).every((line) => line.split(",")[1] === "person.deactivated")).toBe(true);
    expect(await latest("export.security-log-csv")).toMatchObject({
      actorId: id.admin,
      detail: { filter: "kind=person.deactivated" },
      ...fromHere,
    });
  });
});

function statusOfReply(result: unknown): number {
  if (result instanceof Response) return result.status;
  return (result as { init?: { status?: number } } | null)?.init?.status ?? 200;
}

/** Every column of every row of the log, as one text. */
async function tableText(): Promise<string> {
  const [row] = await handle.db
    .select({ t: sql<string>`coalesce(string_agg(row_to_json(${securityEvents})::text, ' '), '')` })
    .from(securityEvents);
  return row!.t;
}
