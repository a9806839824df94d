import { describe, expect, test } from "vitest";
import {
  checkOneClickUnsubscribe,
  checkSameOrigin,
  checkScimMutation,
  isMutation,
  ownOrigin,
} from "./same-origin.server";

const headers = (values: Record<string, string>) => new Headers(values);
const OURS = "http://rapport.example:3000";

const check = (method: string, values: Record<string, string>, own: string | null = OURS) =>
  checkSameOrigin({ method, headers: headers(values), ownOrigin: own });

describe("checkSameOrigin", () => {
  test.each(["GET", "HEAD", "OPTIONS", "get"])("%s is never a mutation and always passes", (method) => {
    expect(isMutation(method)).toBe(false);
    expect(check(method, { origin: "https://evil.example" })).toEqual({ ok: true });
  });

  test.each(["POST", "PUT", "PATCH", "DELETE", "post"])("%s from our own origin passes", (method) => {
    expect(check(method, { origin: OURS })).toEqual({ ok: true });
  });

  test("the origin is compared as an origin: case and a default port do not matter", () => {
    expect(check("POST", { origin: "HTTP://Rapport.Example:3000" })).toEqual({ ok: true });
    expect(check("POST", { origin: "https://rapport.example:443" }, "https://rapport.example")).toEqual({ ok: true });
  });

  test.each([
    ["another site", "https://evil.example"],
    ["another port", "http://rapport.example:4000"],
    ["another scheme", "https://rapport.example:3000"],
    ["a sub-domain", "http://sub.rapport.example:3000"],
    ["a look-alike suffix", "http://rapport.example:3000.evil.example"],
    ["garbage", "not a url"],
    ["a non-http scheme", "file:///tmp/x.html"],
  ])("a mutation from %s is refused", (_, origin) => {
    expect(check("POST", { origin })).toEqual({ ok: false, reason: "foreign-origin" });
  });

  test('the "null" origin (sandboxed frames, data: URLs) is refused', () => {
    expect(check("POST", { origin: "null" })).toEqual({ ok: false, reason: "null-origin" });
    // Even with a same-origin Referer beside it: Origin, when present, decides.
    expect(check("POST", { origin: "null", referer: `${OURS}/me` })).toEqual({ ok: false, reason: "null-origin" });
  });

  test("without Origin, the Referer's origin decides", () => {
    expect(check("POST", { referer: `${OURS}/me/goals/new?x=1` })).toEqual({ ok: true });
    expect(check("POST", { referer: "https://evil.example/page" })).toEqual({ ok: false, reason: "foreign-origin" });
    expect(check("POST", { referer: "http://rapport.example:3000.evil.example/" })).toEqual({
      ok: false,
      reason: "foreign-origin",
    });
  });

  test("a foreign Origin is refused even when the Referer is ours", () => {
    expect(check("POST", { origin: "https://evil.example", referer: `${OURS}/me` })).toEqual({
      ok: false,
      reason: "foreign-origin",
    });
  });

  test("a mutation with neither Origin nor Referer is refused", () => {
    expect(check("POST", {})).toEqual({ ok: false, reason: "no-origin" });
    expect(check("DELETE", { origin: "", referer: "" })).toEqual({ ok: false, reason: "no-origin" });
  });

  test("when our own origin is unknown (no Host), every mutation is refused", () => {
    expect(check("POST", { origin: OURS }, null)).toEqual({ ok: false, reason: "unknown-host" });
    expect(check("GET", {}, null)).toEqual({ ok: true });
  });
});

describe("ownOrigin", () => {
  const forwarded = { host: "127.0.0.1:3000", "x-forwarded-host": "rapport.example.com", "x-forwarded-proto": "https" };

  test("is the Host header with the connection's scheme", () => {
    expect(ownOrigin({ headers: headers({ host: "rapport.example:3000" }), encrypted: false, proxyHops: 0 })).toBe(
      OURS,
    );
    expect(ownOrigin({ headers: headers({ host: "rapport.example" }), encrypted: true, proxyHops: 0 })).toBe(
      "https://rapport.example",
    );
  });

  test("ignores X-Forwarded-Host and -Proto unless the proxy is trusted", () => {
    expect(ownOrigin({ headers: headers(forwarded), encrypted: false, proxyHops: 0 })).toBe("http://127.0.0.1:3000");
    expect(ownOrigin({ headers: headers(forwarded), encrypted: false, proxyHops: 1 })).toBe(
      "https://rapport.example.com",
    );
  });

  test("takes the value of a forwarded list that the outermost trusted proxy set, never one the client put before it", () => {
    const chain = headers({
      host: "10.0.0.5:3000",
      "x-forwarded-host": "a.example, b.example",
      "x-forwarded-proto": "https, http",
    });
    expect(ownOrigin({ headers: chain, encrypted: false, proxyHops: 1 })).toBe("http://b.example");
    expect(ownOrigin({ headers: chain, encrypted: false, proxyHops: 2 })).toBe("https://a.example");
  });

  test("a forged X-Forwarded-Host cannot make a foreign origin pass unless trusted", () => {
    const forged = headers({
      host: "rapport.example:3000",
      "x-forwarded-host": "evil.example",
      origin: "http://evil.example",
    });
    const untrusted = ownOrigin({ headers: forged, encrypted: false, proxyHops: 0 });
    expect(checkSameOrigin({ method: "POST", headers: forged, ownOrigin: untrusted })).toEqual({
      ok: false,
      reason: "foreign-origin",
    });
    const trusted = ownOrigin({ headers: forged, encrypted: false, proxyHops: 1 });
    expect(checkSameOrigin({ method: "POST", headers: forged, ownOrigin: trusted })).toEqual({ ok: true });
  });

  test("is unknown without a Host or with a strange forwarded scheme", () => {
    expect(ownOrigin({ headers: headers({}), encrypted: false, proxyHops: 0 })).toBeNull();
    expect(
      ownOrigin({
        headers: headers({ host: "a.example", "x-forwarded-proto": "ftp" }),
        encrypted: false,
        proxyHops: 1,
      }),
    ).toBeNull();
  });
});

describe("checkScimMutation", () => {
  const scim = (method: string, url: string, values: Record<string, string> = {}) =>
    checkScimMutation({ method, url, headers: headers(values) });
  const bearer = { authorization: "Bearer rapport_scim_abc" };

  test("a SCIM mutation with a bearer token passes without any Origin; one without is refused, our Origin or not", () => {
    for (const method of ["POST", "PUT", "PATCH", "DELETE"]) {
      expect(scim(method, "/scim/v2/Users", bearer)).toEqual({ ok: true });
      expect(scim(method, "/scim/v2/Users/1", { authorization: "bearer x", origin: "https://evil.example" })).toEqual({
        ok: true,
      });
      expect(scim(method, "/scim/v2/Users", { origin: OURS, cookie: "__rapport=x" })).toEqual({
        ok: false,
        reason: "no-bearer-token",
      });
      expect(scim(method, "/scim/v2/Users", { authorization: "Basic YTpi" })).toEqual({
        ok: false,
        reason: "no-bearer-token",
      });
    }
  });

  test("the path is matched as Remix will route it: in any case, with its query", () => {
    for (const url of [
      "/scim/v2",
      "/scim/v2/",
      "/SCIM/V2/Users",
      "/scim/v2/Users?aadOptscim062020",
      "/scim/v2/Users/./1",
    ]) {
      expect(scim("POST", url, bearer), url).toEqual({ ok: true });
    }
  });

  test("everything else is left to checkSameOrigin: other paths, and paths that only start like SCIM's", () => {
    for (const url of [
      "/admin/people/new",
      "/scim",
      "/scim/v20/Users",
      "/scim/v2x",
      "/scim/v2/../admin/people/new",
      "/scim/v2/%2e%2e/admin/teams",
      "/scim/v2/%2E%2E/%2e%2e/admin/teams",
      "/scim/v2\\..\\admin\\teams",
      "//evil.example/scim/v2/Users",
      "http://rapport.example/scim/v2/Users",
    ]) {
      expect(scim("POST", url, bearer), url).toBeNull();
    }
    expect(scim("GET", "/scim/v2/Users", {})).toBeNull();
  });
});

describe("checkOneClickUnsubscribe", () => {
  const token = "A".repeat(40) + "b_-";
  test("a POST to exactly /unsubscribe/<token> passes, whatever its Origin (a mail provider's server sends it)", () => {
    expect(checkOneClickUnsubscribe({ method: "POST", url: `/unsubscribe/${token}` })).toEqual({ ok: true });
  });
  test.each([
    ["GET", `/unsubscribe/${token}`],
    ["PUT", `/unsubscribe/${token}`],
    ["POST", `/unsubscribe/${token}?index`],
    ["POST", `/unsubscribe/${token}/`],
    ["POST", `/unsubscribe/short`],
    ["POST", `/unsubscribe/${token}x`],
    ["POST", `/unsubscribe/../settings`],
    ["POST", `/unsubscribe/%2e%2e/${token.slice(6)}`],
    ["POST", `/settings`],
    ["POST", `/UNSUBSCRIBE/${token}`],
  ])("%s %s is left to the same-origin check", (method, url) => {
    expect(checkOneClickUnsubscribe({ method, url })).toBeNull();
  });
});
