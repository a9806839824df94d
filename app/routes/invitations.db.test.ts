// Invitations and password links end to end through the routes: a CSV import, "invite everyone new", the
// mail at a real SMTP server (smtp-server), its link opened and a password chosen, then home with the session.
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import type { AppLoadContext } from "@remix-run/node";
import { eq } from "drizzle-orm";
import type { DatabaseHandle } from "#db/client";
import { mailOutbox, people, signInFailures } from "#db/schema";
import { hashPassword } from "~/auth/password.server";
import { useDatabaseForTests } from "~/services/db.server";
import { runMailWorker } from "~/services/mail/worker.server";
import { smtpTransport, type MailTransport } from "~/services/mail/transport.server";
import { signIn } from "~/services/sign-in.server";
import { createPerson } from "#tests/setup/db-builders";
import { actionArgs, loaderArgs } from "#tests/setup/requests";
import { startTestSmtpServer, type TestSmtpServer } from "#tests/setup/smtp-server";
import { createTestDatabase } from "#tests/setup/test-database";
import * as homeRoute from "./_index";
import * as importRoute from "./admin.import";
import * as adminPersonRoute from "./admin.people.$personId";
import * as forgotRoute from "./forgot-password";
import * as inviteRoute from "./invite.$token";
import * as meRoute from "./me._index";
import * as resetRoute from "./reset-password.$token";
import * as settingsRoute from "./settings";

let handle: DatabaseHandle;
let smtp: TestSmtpServer;
let transport: MailTransport;
let adminId: string;
const GOOD = "seven purple lanterns hum";

beforeAll(async () => {
  handle = await createTestDatabase();
  useDatabaseForTests(handle);
  smtp = await startTestSmtpServer();
  transport = smtpTransport(smtp.url);
  adminId = (
    await createPerson(handle.db, {
      name: "Ada Admin",
      email: "ada@invite.test",
      roles: ["admin"],
      passwordHash: await hashPassword(GOOD),
    })
  ).id;
});
afterAll(async () => {
  await transport.close();
  await smtp.stop();
  await handle.close();
});
beforeEach(async () => {
  await handle.db.delete(signInFailures);
});

const quiet = { info: () => {}, warn: () => {} };
/** Sends what is queued to the test SMTP server and returns the messages that arrived for `to`. */
async function deliver(to: string) {
  await runMailWorker({
    db: handle.db,
    transport,
    from: "Rapport <rapport@invite.test>",
    log: quiet,
    workerId: "test",
  });
  const mine = () =>
    smtp.received.filter((m) => m.to && !Array.isArray(m.to) && m.to.value.some((a) => a.address === to));
  const deadline = Date.now() + 10_000;
  while (mine().length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  return mine();
}
/** The path and token of the link in the latest message to `to`. */
async function linkIn(to: string) {
  const messages = await deliver(to);
  const text = messages.at(-1)?.text ?? "";
  const match = /https?:\/\/[^/\s]+(\/(invite|reset-password)\/([A-Za-z0-9_-]{43}))/.exec(text);
  if (!match) throw new Error(`no link in the mail to ${to}: ${text}`);
  return { path: match[1]!, token: match[3]!, text };
}
const replyOf = (result: unknown) =>
  (result as { data: { status?: string; error?: Record<string, string[]>; initialValue?: Record<string, unknown> } })
    .data;
const statusOf = (result: unknown) => (result as { init?: { status?: number } }).init?.status ?? 200;

async function choosePassword(
  route: typeof inviteRoute,
  path: string,
  token: string,
  password: string,
  confirm = password,
) {
  return (await route.action(await actionArgs(null, path, { password, confirmPassword: confirm }, { token }))) as
    Response | unknown;
}

describe("an invitation, from a CSV import to the person's home", () => {
  test("import, invite everyone new, mail at SMTP, choose a password, signed in at home", async () => {
    const csv =
      "email,name,team,manager_email,roles\nnia@invite.test,Nia New,Payments,,\nole@invite.test,Ole New,Payments,,\n";
    const imported = await importRoute.action(await actionArgs(adminId, "/admin/import", { csv, intent: "import" }));
    expect(replyOf(imported)).toMatchObject({ ok: true, created: 2 });
    expect(await importRoute.loader(await loaderArgs(adminId, "/admin/import"))).toEqual({ uninvited: 2 });

    const invited = await importRoute.action(await actionArgs(adminId, "/admin/import", { intent: "invite-new" }));
    expect(replyOf(invited)).toEqual({ invited: 2 });
    // What the admin saw is a count: no link, no token anywhere in the answer.
    expect(JSON.stringify(replyOf(invited))).not.toMatch(/invite\//);

    const { path, token, text } = await linkIn("nia@invite.test");
    expect(path).toBe(`/invite/${token}`);
    expect(text).toContain("Ada Admin invited you");
    expect(text).toContain("7 days");
    // Sent, so the outbox holds no body that could be read back.
    const rows = await handle.db.select().from(mailOutbox).where(eq(mailOutbox.toAddress, "nia@invite.test"));
    expect(rows.map((r) => [r.status, r.textBody, r.htmlBody])).toEqual([["sent", null, null]]);

    const page = await inviteRoute.loader(await loaderArgs(null, path, { token }));
    expect(replyOf(page)).toEqual({ person: { name: "Nia New", email: "nia@invite.test" } });

    const response = (await choosePassword(inviteRoute, path, token, GOOD)) as Response;
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/?notice=welcome");
    const cookie = response.headers.get("Set-Cookie")!.split(";")[0]!;

    const home = await homeRoute
      .loader({
        request: new Request("http://rapport.test/?notice=welcome", { headers: { Cookie: cookie } }),
        params: {},
        context: {} as AppLoadContext,
      })
      .catch((r: unknown) => r);
    expect((home as Response).headers.get("Location")).toBe("/me?notice=welcome");
    const me = await meRoute.loader({
      request: new Request("http://rapport.test/me", { headers: { Cookie: cookie } }),
      params: {},
      context: {} as AppLoadContext,
    });
    expect(me).toBeTruthy();
    expect(
      (await signIn(handle.db, { email: "nia@invite.test", password: GOOD, ip: "127.0.0.9" }, new Date())).ok,
    ).toBe(true);

    // The second submit of the same form (a double click) finds the link spent.
    const again = await choosePassword(inviteRoute, path, token, "another fine password");
    expect(statusOf(again)).toBe(410);
    expect(replyOf(again).error?.[""]).toEqual(["This link no longer works: it was used already or has run out."]);
    expect(replyOf(await inviteRoute.loader(await loaderArgs(null, path, { token })))).toEqual({ person: null });
  });

  test("a refused password says why and keeps the link usable", async () => {
    const person = await createPerson(handle.db, { name: "Pia", email: "pia@invite.test" });
    const sent = await adminPersonRoute.action(
      await actionArgs(adminId, `/admin/people/${person.id}`, { intent: "invite" }, { personId: person.id }),
    );
    expect((sent as Response).headers.get("Location")).toBe(`/admin/people/${person.id}?sent=invite`);
    const { path, token } = await linkIn("pia@invite.test");
    const short = await choosePassword(inviteRoute, path, token, "too short");
    expect(statusOf(short)).toBe(400);
    expect(replyOf(short).error?.password).toEqual(["A password needs at least 12 characters."]);
    const common = await choosePassword(inviteRoute, path, token, "password1234");
    expect(replyOf(common).error?.password?.[0]).toMatch(/most common/);
    const differ = await choosePassword(inviteRoute, path, token, GOOD, "something else entirely");
    expect(replyOf(differ).error?.confirmPassword).toEqual(["The two passwords differ."]);
    const asEmail = await choosePassword(inviteRoute, path, token, "pia@invite.test");
    expect(replyOf(asEmail).error?.password).toEqual(["Your password must not be your email address."]);
    expect(((await choosePassword(inviteRoute, path, token, GOOD)) as Response).status).toBe(302);
  });

  test("the admin's person page tells whether they have a password, never shows it or a link", async () => {
    const person = await createPerson(handle.db, {
      name: "Rae",
      email: "rae@invite.test",
      passwordHash: await hashPassword(GOOD),
    });
    const page = await adminPersonRoute.loader(
      await loaderArgs(adminId, `/admin/people/${person.id}`, { personId: person.id }),
    );
    expect((page as { signIn: unknown }).signIn).toEqual({ hasPassword: true, invited: false });
    expect(JSON.stringify(page)).not.toContain("scrypt");
    const sent = await adminPersonRoute.action(
      await actionArgs(adminId, `/admin/people/${person.id}`, { intent: "invite" }, { personId: person.id }),
    );
    expect((sent as Response).headers.get("Location")).toBe(`/admin/people/${person.id}?sent=reset`);
    const { path } = await linkIn("rae@invite.test");
    expect(path).toMatch(/^\/reset-password\//);
  });
});

describe("a forgotten password", () => {
  test("the same answer for anyone; the known address gets a link that resets it and ends every other session", async () => {
    const person = await createPerson(handle.db, {
      name: "Sam",
      email: "sam@invite.test",
      passwordHash: await hashPassword(GOOD),
    });
    const before = await signIn(handle.db, { email: "sam@invite.test", password: GOOD, ip: "127.0.0.8" }, new Date());
    expect(before.ok).toBe(true);
    const known = await forgotRoute.action(await actionArgs(null, "/forgot-password", { email: "sam@invite.test" }));
    const unknown = await forgotRoute.action(
      await actionArgs(null, "/forgot-password", { email: "nobody@invite.test" }),
    );
    expect(statusOf(known)).toBe(200);
    expect(statusOf(unknown)).toBe(200);
    expect(replyOf(known)).toEqual(replyOf(unknown));

    const { path, token } = await linkIn("sam@invite.test");
    expect(path).toBe(`/reset-password/${token}`);
    const oldSession = await settingsRoute.loader(await loaderArgs(person.id, "/settings"));
    expect(oldSession.sessions.some((s) => s.current)).toBe(true);
    const response = (await choosePassword(
      resetRoute as typeof inviteRoute,
      path,
      token,
      "a fresh long password",
    )) as Response;
    expect(response.headers.get("Location")).toBe("/?notice=password-reset");
    expect(
      (
        await signIn(
          handle.db,
          { email: "sam@invite.test", password: "a fresh long password", ip: "127.0.0.8" },
          new Date(),
        )
      ).ok,
    ).toBe(true);
    // The session from before the reset is gone: only the new one (and the sign-in above made none) lives.
    const cookie = response.headers.get("Set-Cookie")!.split(";")[0]!;
    const page = await settingsRoute.loader({
      request: new Request("http://rapport.test/settings", { headers: { Cookie: cookie } }),
      params: {},
      context: {} as AppLoadContext,
    });
    expect(page.sessions).toHaveLength(1);
    expect(page.sessions[0]!.current).toBe(true);
  });
});

describe("the settings page", () => {
  test("changes the password with the current one; a wrong one is refused on its field", async () => {
    const person = await createPerson(handle.db, {
      name: "Tia",
      email: "tia@invite.test",
      passwordHash: await hashPassword(GOOD),
    });
    const wrong = await settingsRoute.action(
      await actionArgs(person.id, "/settings", {
        intent: "password",
        currentPassword: "not my password",
        password: "a fresh long password",
        confirmPassword: "a fresh long password",
      }),
    );
    expect(statusOf(wrong)).toBe(400);
    expect(replyOf(wrong).error?.currentPassword).toEqual(["That is not your current password."]);
    const saved = (await settingsRoute.action(
      await actionArgs(person.id, "/settings", {
        intent: "password",
        currentPassword: GOOD,
        password: "a fresh long password",
        confirmPassword: "a fresh long password",
      }),
    )) as Response;
    expect(saved.headers.get("Location")).toBe("/settings?saved=password");
    const [row] = await handle.db.select().from(people).where(eq(people.id, person.id));
    expect(row!.passwordHash).not.toBeNull();
    expect(
      (
        await signIn(
          handle.db,
          { email: "tia@invite.test", password: "a fresh long password", ip: "127.0.0.7" },
          new Date(),
        )
      ).ok,
    ).toBe(true);
  });
});
