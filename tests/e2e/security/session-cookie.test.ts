import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { serverUrl } from "../servers";
import { DEMO } from "../browser";
import { cookieAttributes, expectSecurityHeaders, http, signInOverHttp } from "../http";
import { startServer, type RunningServer } from "../server";

/**
 * The session cookie: HttpOnly, SameSite=Lax, Path=/, and Secure exactly when
 * the browser reached us over https — which, behind a proxy, the server
 * believes only with RAPPORT_TRUST_PROXY=1 (docs/decisions/013-csrf-body-limits-and-csp.md).
 */
const baseUrl = () => serverUrl();
const PROXY_HEADERS = { "X-Forwarded-Proto": "https", "X-Forwarded-Host": "rapport.example" };

function expectSessionFlags(setCookie: string, secure: boolean) {
  const attributes = cookieAttributes(setCookie);
  expect(attributes.has("httponly"), setCookie).toBe(true);
  expect(attributes.get("samesite")?.toLowerCase(), setCookie).toBe("lax");
  expect(attributes.get("path"), setCookie).toBe("/");
  expect(attributes.has("secure"), setCookie).toBe(secure);
}

describe("served over plain http", () => {
  test("sign-in sets HttpOnly, SameSite=Lax, Path=/ and not Secure; the cookie signs the person in", async () => {
    const { setCookie, cookie } = await signInOverHttp(baseUrl(), DEMO.report);
    expectSessionFlags(setCookie, false);
    expect(Number(cookieAttributes(setCookie).get("max-age"))).toBeGreaterThan(0);
    expect((await http(baseUrl(), "GET", "/me", { cookie })).status).toBe(200);
  });

  test("forwarded https headers from a proxy that is not trusted change nothing", async () => {
    // Our own (http) origin passes; the forwarded scheme is ignored, so no Secure.
    const { setCookie } = await signInOverHttp(baseUrl(), DEMO.report, { headers: PROXY_HEADERS });
    expectSessionFlags(setCookie, false);
    // And the forwarded origin is not ours.
    const refused = await http(baseUrl(), "POST", "/sign-in", {
      origin: "https://rapport.example",
      headers: PROXY_HEADERS,
      body: new URLSearchParams({ email: DEMO.report, password: "rapport-demo" }),
    });
    expect(refused.status).toBe(403);
  });

  test("sign-out clears the cookie with the same flags, ends the session and sends the person to sign in", async () => {
    const { cookie } = await signInOverHttp(baseUrl(), DEMO.report);
    const response = await http(baseUrl(), "POST", "/sign-out", { cookie });
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe("/sign-in");
    expectSecurityHeaders(response, "sign-out");
    const cleared = response.headers.getSetCookie().find((c) => c.startsWith("__rapport="));
    expect(cleared).toBeTruthy();
    expect(cleared!.split(";")[0]).toBe("__rapport=");
    expect(new Date(cookieAttributes(cleared!).get("expires")!).getTime()).toBeLessThan(Date.now());
    expectSessionFlags(cleared!, false);
    // What the browser keeps after that (no cookie) is signed out.
    expect((await http(baseUrl(), "GET", "/me")).headers.get("location")).toMatch(/^\/sign-in/);
    // And the session ended on the server: a copy of the old cookie signs nobody in.
    expect((await http(baseUrl(), "GET", "/me", { cookie })).headers.get("location")).toMatch(/^\/sign-in/);
  });
});

describe("behind an https proxy trusted with RAPPORT_TRUST_PROXY=1", () => {
  let proxied: RunningServer;
  beforeAll(async () => {
    proxied = await startServer({ port: 0, env: { RAPPORT_TRUST_PROXY: "1" } });
  });
  afterAll(() => proxied?.stop());

  test("the cookie is Secure, set and cleared, and the proxy's origin is ours", async () => {
    const viaProxy = { origin: "https://rapport.example", headers: PROXY_HEADERS };
    const { setCookie, cookie } = await signInOverHttp(proxied.baseUrl, DEMO.report, viaProxy);
    expectSessionFlags(setCookie, true);
    expect((await http(proxied.baseUrl, "GET", "/me", { cookie, headers: PROXY_HEADERS })).status).toBe(200);

    const signOut = await http(proxied.baseUrl, "POST", "/sign-out", { ...viaProxy, cookie });
    expect(signOut.status).toBe(302);
    expectSessionFlags(
      signOut.headers.getSetCookie().find((c) => c.startsWith("__rapport="))!,
      true,
    );
  });

  test("the server's direct address is then not our origin", async () => {
    const direct = await http(proxied.baseUrl, "POST", "/sign-in", {
      headers: PROXY_HEADERS,
      body: new URLSearchParams({ email: DEMO.report, password: "rapport-demo" }),
    });
    expect(direct.status).toBe(403);
  });
});
