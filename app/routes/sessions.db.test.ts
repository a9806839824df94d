import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createCookieSessionStorage, type AppLoadContext } from "@remix-run/node";
import { eq } from "drizzle-orm";
import type { DatabaseHandle } from "#db/client";
import { sessions } from "#db/schema";
import { hashPassword } from "~/auth/password.server";
import * as signInRoute from "./sign-in";
import * as signOutRoute from "./sign-out";
import { useDatabaseForTests } from "~/services/db.server";
import { createPerson } from "#tests/setup/db-builders";
import { actionArgs } from "#tests/setup/requests";
import { createTestDatabase } from "#tests/setup/test-database";
import { endAllSessions, getCurrentSession, getViewer, sessionCookieFor } from "~/http/session.server";

let handle: DatabaseHandle;
let aliceId: string;
const FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0";

beforeAll(async () => {
  handle = await createTestDatabase();
  useDatabaseForTests(handle);
  aliceId = (
    await createPerson(handle.db, {
      email: "alice@session.test",
      passwordHash: await hashPassword("correct horse battery"),
    })
  ).id;
});
afterAll(() => handle.close());

const withCookie = (cookie: string | null, url = "http://rapport.test/me") =>
  new Request(url, { headers: cookie ? { Cookie: cookie } : {} });

/** Signs Alice in through the sign-in page, as a browser would; returns the cookie it set. */
async function signInAsAlice(options: { cookie?: string; userAgent?: string } = {}) {
  const args = await actionArgs(null, "/sign-in", {
    email: "alice@session.test",
    password: "correct horse battery",
    redirectTo: "/me",
  });
  const headers = new Headers(args.request.headers);
  if (options.cookie) headers.set("Cookie", options.cookie);
  if (options.userAgent) headers.set("User-Agent", options.userAgent);
  const request = new Request(args.request, { headers });
  const response = (await signInRoute.action({ ...args, request })) as Response;
  expect(response.status).toBe(302);
  const setCookie = response.headers.get("Set-Cookie")!;
  return { setCookie, cookie: setCookie.split(";")[0]! };
}

async function signOut(cookie: string): Promise<Response> {
  const request = new Request("http://rapport.test/sign-out", { method: "POST", headers: { Cookie: cookie } });
  return signOutRoute.action({ request, params: {}, context: {} as AppLoadContext }) as Promise<Response>;
}

describe("signing in", () => {
  test("starts a session on the server, recording the browser and address, behind an HttpOnly, SameSite=Lax cookie", async () => {
    const { setCookie, cookie } = await signInAsAlice({ userAgent: FIREFOX });
    expect(setCookie).toMatch(/; HttpOnly/);
    expect(setCookie).toMatch(/; SameSite=Lax/);
    expect(setCookie).toMatch(/; Path=\//);
    expect(setCookie).not.toMatch(/Secure/);
    expect(setCookie).toMatch(/Max-Age=1209600/);
    const current = await getCurrentSession(withCookie(cookie));
    expect(current?.viewer.id).toBe(aliceId);
    const [row] = await handle.db.select().from(sessions).where(eq(sessions.id, current!.id));
    expect(row).toMatchObject({ personId: aliceId, userAgent: FIREFOX, clientAddress: "127.0.0.1", revokedAt: null });
  });

  test("the cookie is Secure when the page was served over https", async () => {
    const args = await actionArgs(null, "/sign-in", { email: "alice@session.test", password: "correct horse battery" });
    const request = new Request(args.request.url.replace("http:", "https:"), args.request);
    const response = (await signInRoute.action({ ...args, request })) as Response;
    expect(response.headers.get("Set-Cookie")).toMatch(/; Secure/);
  });

  test("signing in again with a session already in hand ends the old one", async () => {
    const first = await signInAsAlice();
    const second = await signInAsAlice({ cookie: first.cookie });
    expect(await getViewer(withCookie(first.cookie))).toBeNull();
    expect((await getViewer(withCookie(second.cookie)))?.id).toBe(aliceId);
  });
});

describe("signing out", () => {
  test("ends the session for real: a copy of the cookie stops working", async () => {
    const { cookie } = await signInAsAlice();
    const copy = cookie;
    expect((await getViewer(withCookie(copy)))?.id).toBe(aliceId);
    const response = await signOut(cookie);
    expect(response.headers.get("Location")).toBe("/sign-in");
    expect(response.headers.get("Set-Cookie")).toMatch(/^__rapport=; /);
    expect(await getViewer(withCookie(copy))).toBeNull();
  });

  test("leaves the person's other browsers signed in", async () => {
    const laptop = await signInAsAlice();
    const phone = await signInAsAlice();
    await signOut(laptop.cookie);
    expect((await getViewer(withCookie(phone.cookie)))?.id).toBe(aliceId);
  });

  test("without a session, or with a broken cookie, still clears the cookie", async () => {
    for (const cookie of ["", "__rapport=garbage", "__rapport=; other=1"]) {
      const response = await signOut(cookie);
      expect(response.status).toBe(302);
      expect(response.headers.get("Set-Cookie")).toMatch(/^__rapport=; /);
    }
  });

  test("everywhere ends every session of the person, this one included", async () => {
    const here = await signInAsAlice();
    const there = await signInAsAlice();
    const response = await endAllSessions(withCookie(here.cookie));
    expect(response.headers.get("Set-Cookie")).toMatch(/^__rapport=; /);
    expect(await getViewer(withCookie(here.cookie))).toBeNull();
    expect(await getViewer(withCookie(there.cookie))).toBeNull();
  });
});

describe("cookies that sign nobody in", () => {
  test("one from before server sessions (a signed person id), even with the right secret", async () => {
    const old = createCookieSessionStorage<{ personId: string }>({
      cookie: { name: "__rapport", httpOnly: true, sameSite: "lax", path: "/", secrets: [process.env.SESSION_SECRET!] },
    });
    const session = await old.getSession();
    session.set("personId", aliceId);
    const cookie = (await old.commitSession(session)).split(";")[0]!;
    expect(await getViewer(withCookie(cookie))).toBeNull();
  });

  test("a live session's cookie with its signature tampered with", async () => {
    const cookie = await sessionCookieFor(aliceId);
    expect((await getViewer(withCookie(cookie)))?.id).toBe(aliceId);
    const tampered = cookie.slice(0, -2) + (cookie.endsWith("AA") ? "BB" : "AA");
    expect(await getViewer(withCookie(tampered))).toBeNull();
  });

  test("no cookie at all", async () => {
    expect(await getViewer(withCookie(null))).toBeNull();
  });
});

test("the test helper's cookie is a real session", async () => {
  const before = (await handle.db.select().from(sessions).where(eq(sessions.personId, aliceId))).length;
  const cookie = await sessionCookieFor(aliceId);
  const current = await getCurrentSession(withCookie(cookie));
  expect(current?.viewer.id).toBe(aliceId);
  expect((await handle.db.select().from(sessions).where(eq(sessions.personId, aliceId))).length).toBe(before + 1);
});
