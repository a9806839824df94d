import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { AppLoadContext } from "@remix-run/node";
import { count, eq } from "drizzle-orm";
import type { DatabaseHandle } from "#db/client";
import { people } from "#db/schema";
import { rereadEnv } from "~/env.server";
import { getViewer } from "~/http/session.server";
import { completeSingleSignOn } from "~/http/single-sign-on.server";
import { useDatabaseForTests } from "~/services/db.server";
import { createPerson } from "#tests/setup/db-builders";
import { signInAtProvider, startOidcProvider, type RunningProvider } from "#tests/setup/oidc-provider";
import { actionArgs } from "#tests/setup/requests";
import { createTestDatabase } from "#tests/setup/test-database";
import * as startRoute from "./auth.oidc";
import * as callbackRoute from "./auth.oidc_.callback";
import * as signInRoute from "./sign-in";

/**
 * Single sign-on end to end at the HTTP level, against a real OpenID provider
 * on localhost: the app's two routes are called as Remix would call them, and
 * the provider's sign-in form is posted over HTTP in between.
 */

const APP = "http://rapport.test";
const context = { clientAddress: "127.0.0.1" } as AppLoadContext;
const OIDC_VARIABLES = ["OIDC_ISSUER", "OIDC_CLIENT_ID", "OIDC_CLIENT_SECRET", "OIDC_NAME", "RAPPORT_PASSWORD_SIGN_IN"];

let handle: DatabaseHandle;
let provider: RunningProvider;
let adaId: string;

function configure(values: Record<string, string | undefined>) {
  for (const name of OIDC_VARIABLES) delete process.env[name];
  for (const [name, value] of Object.entries(values)) if (value !== undefined) process.env[name] = value;
  rereadEnv();
}

beforeAll(async () => {
  handle = await createTestDatabase();
  useDatabaseForTests(handle);
  adaId = (await createPerson(handle.db, { email: "ada@sso.test" })).id;
  await createPerson(handle.db, { email: "gone@sso.test", active: false });
  await createPerson(handle.db, { email: "unverified@sso.test" });
  await createPerson(handle.db, { email: "quiet@sso.test" });
  provider = await startOidcProvider({
    accounts: {
      "unverified@sso.test": { email: "unverified@sso.test", email_verified: false },
      "quiet@sso.test": { email: "quiet@sso.test" },
      "no-email": {},
    },
  });
  configure({
    OIDC_ISSUER: provider.issuer,
    OIDC_CLIENT_ID: provider.clientId,
    OIDC_CLIENT_SECRET: provider.clientSecret,
    OIDC_NAME: "Test IdP",
  });
});
afterAll(async () => {
  configure({});
  await provider?.stop();
  await handle?.close();
});

interface Answer {
  status: number;
  headers: Headers;
  refusal?: { title: string; message: string };
}

/** A loader's answer, whether a Response (redirects) or data() (the refusal page). */
function answerOf(result: unknown): Answer {
  if (result instanceof Response) return { status: result.status, headers: result.headers };
  const { data, init } = result as { data: { refusal: Answer["refusal"] }; init?: ResponseInit };
  return { status: init?.status ?? 200, headers: new Headers(init?.headers), refusal: data.refusal };
}

async function start(query = ""): Promise<{ answer: Answer; authorizationUrl: string; flowCookie: string }> {
  const result = await startRoute.loader({ request: new Request(`${APP}/auth/oidc${query}`), params: {}, context });
  const answer = answerOf(result);
  const setCookie = answer.headers.getSetCookie().find((c) => c.startsWith("__rapport_sso=")) ?? "";
  return { answer, authorizationUrl: answer.headers.get("Location") ?? "", flowCookie: setCookie.split(";")[0] ?? "" };
}

async function callback(url: URL, cookie: string | null): Promise<Answer> {
  const request = new Request(url, { headers: cookie ? { Cookie: cookie } : {} });
  return answerOf(await callbackRoute.loader({ request, params: {}, context }));
}

/** A whole sign-in as `login` at the provider; returns the callback's answer. */
async function signInAs(login: string, query = "") {
  const { flowCookie, authorizationUrl } = await start(query);
  const back = await signInAtProvider(authorizationUrl, login);
  return callback(back, flowCookie);
}

const peopleCount = async () => (await handle.db.select({ n: count() }).from(people))[0]!.n;

describe("a provider that is down", () => {
  test("is refused with a page that says so, and tried again on the next sign-in", async () => {
    const { answer } = await start();
    expect(answer.status).toBe(502);
    expect(answer.refusal?.message).toMatch(/could not complete the sign-in with Test IdP/);

    provider.allowRedirectUri(`${APP}/auth/oidc/callback`);
    expect((await start()).answer.status).toBe(302);
  });
});

describe("starting", () => {
  test("sends the browser to the provider with PKCE, state and nonce, remembered in a short-lived cookie for the callback only", async () => {
    const { answer, authorizationUrl } = await start("?redirectTo=/me");
    expect(answer.status).toBe(302);
    const url = new URL(authorizationUrl);
    expect(url.origin).toBe(provider.issuer);
    expect(url.searchParams.get("response_type")).toBe("code");
    expect(url.searchParams.get("scope")).toBe("openid email");
    expect(url.searchParams.get("redirect_uri")).toBe(`${APP}/auth/oidc/callback`);
    expect(url.searchParams.get("code_challenge_method")).toBe("S256");
    expect(url.searchParams.get("code_challenge")).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(url.searchParams.get("state")).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(url.searchParams.get("nonce")).toMatch(/^[A-Za-z0-9_-]{43}$/);

    const setCookie = answer.headers.getSetCookie().find((c) => c.startsWith("__rapport_sso="))!;
    expect(setCookie).toMatch(/; Path=\/auth\/oidc\/callback/);
    expect(setCookie).toMatch(/; HttpOnly/);
    expect(setCookie).toMatch(/; SameSite=Lax/);
    expect(setCookie).toMatch(/; Max-Age=600/);
    expect(setCookie).not.toContain(url.searchParams.get("code_challenge")!);
  });

  test("each attempt gets its own state and nonce", async () => {
    const a = new URL((await start()).authorizationUrl).searchParams;
    const b = new URL((await start()).authorizationUrl).searchParams;
    expect(a.get("state")).not.toBe(b.get("state"));
    expect(a.get("nonce")).not.toBe(b.get("nonce"));
    expect(a.get("code_challenge")).not.toBe(b.get("code_challenge"));
  });
});

describe("signing in", () => {
  test("a verified address of an active person starts their session and goes where they were headed", async () => {
    const answer = await signInAs("Ada@SSO.test", "?redirectTo=/me/checklist");
    expect(answer.status).toBe(302);
    expect(answer.headers.get("Location")).toBe("/me/checklist");
    const cookies = answer.headers.getSetCookie();
    const session = cookies.find((c) => c.startsWith("__rapport="))!.split(";")[0]!;
    expect(cookies.find((c) => c.startsWith("__rapport_sso="))).toMatch(/Expires=Thu, 01 Jan 1970/);
    const viewer = await getViewer(new Request(`${APP}/me`, { headers: { Cookie: session } }));
    expect(viewer?.id).toBe(adaId);
  });

  test("a redirectTo off our own paths is dropped for home", async () => {
    for (const target of ["https://evil.example/", "//evil.example/", "/\\evil.example"]) {
      const answer = await signInAs("ada@sso.test", `?${new URLSearchParams({ redirectTo: target })}`);
      expect(answer.headers.get("Location"), target).toBe("/");
    }
  });
});

describe("refusals", () => {
  test.each([
    {
      who: "an address no one here has",
      login: "stranger@sso.test",
      message: /No Rapport account uses the address stranger@sso\.test/,
    },
    {
      who: "a deactivated person",
      login: "gone@sso.test",
      message: /The Rapport account for gone@sso\.test is deactivated/,
    },
    {
      who: "an address the provider says is not verified",
      login: "unverified@sso.test",
      message: /does not confirm that the address unverified@sso\.test is verified/,
    },
    {
      who: "an address without email_verified",
      login: "quiet@sso.test",
      message: /does not confirm that the address quiet@sso\.test is verified/,
    },
    { who: "no address at all", login: "no-email", message: /Test IdP did not share an e-mail address/ },
  ])("$who: 403 with a clear message, no session, no new account", async ({ login, message }) => {
    const before = await peopleCount();
    const answer = await signInAs(login);
    expect(answer.status).toBe(403);
    expect(answer.refusal?.message).toMatch(message);
    const cookies = answer.headers.getSetCookie();
    expect(cookies.some((c) => c.startsWith("__rapport="))).toBe(false);
    expect(cookies.find((c) => c.startsWith("__rapport_sso="))).toMatch(/Expires=Thu, 01 Jan 1970/);
    expect(await peopleCount()).toBe(before);
  });

  test("no account is made for the stranger", async () => {
    await signInAs("stranger2@sso.test");
    expect(await handle.db.select().from(people).where(eq(people.email, "stranger2@sso.test"))).toEqual([]);
  });

  test("a tampered state is refused before the code is used", async () => {
    const { flowCookie, authorizationUrl } = await start();
    const back = await signInAtProvider(authorizationUrl, "ada@sso.test");
    const state = back.searchParams.get("state")!;
    back.searchParams.set("state", `${state.startsWith("x") ? "y" : "x"}${state.slice(1)}`);
    const answer = await callback(back, flowCookie);
    expect(answer.status).toBe(400);
    expect(answer.refusal?.title).toBe("This sign-in link is not valid");
  });

  test("another browser's answer is refused: the state is bound to the browser that started", async () => {
    const mine = await start();
    const theirs = await start();
    const back = await signInAtProvider(theirs.authorizationUrl, "ada@sso.test");
    expect((await callback(back, mine.flowCookie)).status).toBe(400);
  });

  test("without the flow cookie, or once it has expired, the answer is refused as expired", async () => {
    const { flowCookie, authorizationUrl } = await start();
    const back = await signInAtProvider(authorizationUrl, "ada@sso.test");
    const without = await callback(back, null);
    expect(without.status).toBe(400);
    expect(without.refusal?.title).toBe("This sign-in has expired");
    const late = await completeSingleSignOn(
      new Request(back, { headers: { Cookie: flowCookie } }),
      Date.now() + 11 * 60_000,
    );
    expect(late).toEqual({ ok: false, reason: "expired" });
  });

  test("a forged flow cookie is no flow", async () => {
    const { authorizationUrl } = await start();
    const state = new URL(authorizationUrl).searchParams.get("state")!;
    const back = await signInAtProvider(authorizationUrl, "ada@sso.test");
    const forged = `__rapport_sso=${Buffer.from(JSON.stringify({ state })).toString("base64")}.forged`;
    expect((await callback(back, forged)).status).toBe(400);
  });

  test("a used answer can not sign in twice: the provider refuses the code again", async () => {
    const { flowCookie, authorizationUrl } = await start();
    const back = await signInAtProvider(authorizationUrl, "ada@sso.test");
    expect((await callback(back, flowCookie)).status).toBe(302);
    const again = await callback(back, flowCookie);
    expect(again.status).toBe(502);
    expect(again.headers.getSetCookie().some((c) => c.startsWith("__rapport="))).toBe(false);
  });

  test("cancelling at the provider comes back as the provider's refusal, with its error code", async () => {
    const { flowCookie, authorizationUrl } = await start();
    const back = await signInAtProvider(authorizationUrl, "ada@sso.test", { abort: true });
    const answer = await callback(back, flowCookie);
    expect(answer.status).toBe(403);
    expect(answer.refusal?.message).toMatch(/Test IdP ended the sign-in without signing you in \(access_denied\)/);
  });
});

describe("the sign-in page", () => {
  const signInPage = async () =>
    (await signInRoute.loader({
      request: new Request(`${APP}/sign-in?redirectTo=%2Fme`),
      params: {},
      context,
    })) as Awaited<ReturnType<typeof signInRoute.loader>>;
  const base = () => ({
    OIDC_ISSUER: provider.issuer,
    OIDC_CLIENT_ID: provider.clientId,
    OIDC_CLIENT_SECRET: provider.clientSecret,
    OIDC_NAME: "Test IdP",
  });

  test("offers the provider beside the password form, keeping where the person was headed", async () => {
    expect(await signInPage()).toEqual({
      singleSignOn: { name: "Test IdP", href: "/auth/oidc?redirectTo=%2Fme" },
      passwordSignIn: true,
    });
  });

  test("with password sign-in off, shows no form and refuses a password post with 403 and why", async () => {
    configure({ ...base(), RAPPORT_PASSWORD_SIGN_IN: "off" });
    try {
      expect(await signInPage()).toMatchObject({ passwordSignIn: false });
      const args = await actionArgs(null, "/sign-in", { email: "ada@sso.test", password: "anything" });
      const reply = (await signInRoute.action(args)) as unknown as {
        data: { error?: Record<string, string[]> };
        init?: ResponseInit;
      };
      expect(reply.init?.status).toBe(403);
      expect(reply.data.error?.[""]).toEqual(["Signing in with a password is turned off here. Sign in with Test IdP."]);
    } finally {
      configure(base());
    }
  });

  test("without single sign-on configured, there is no button and its routes are not found", async () => {
    configure({});
    try {
      expect(await signInPage()).toEqual({ singleSignOn: null, passwordSignIn: true });
      await expect(
        startRoute.loader({ request: new Request(`${APP}/auth/oidc`), params: {}, context }),
      ).rejects.toMatchObject({ status: 404 });
    } finally {
      configure(base());
    }
  });
});
