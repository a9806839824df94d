/**
 * The CSRF check: a request that can change something must come from one of
 * our own pages. Browsers send `Origin` on every POST (and `Referer` where an
 * old one does not), and a page on another site cannot forge either, so
 * comparing them with our own origin refuses cross-site forms and fetches
 * without tokens in every form. Pure: app/server.ts applies it to every
 * request before Remix sees it (docs/decisions/013-csrf-body-limits-and-csp.md).
 * The SCIM service and one-click unsubscribe are the exceptions: see checkScimMutation and
 * checkOneClickUnsubscribe.
 */
import { isScimPath } from "./scim-path.server";
import { forwardedValue } from "./proxy.server";

/** What the check reads: header lookup by (case-insensitive) name, as both Headers and Express give it. */
export interface HeaderSource {
  get(name: string): string | null | undefined;
}

export type OriginVerdict =
  | { ok: true }
  | { ok: false; reason: "foreign-origin" | "null-origin" | "no-origin" | "unknown-host" | "no-bearer-token" };

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export function isMutation(method: string): boolean {
  return !SAFE_METHODS.has(method.toUpperCase());
}

/**
 * Our own origin as the browser sees it. Behind `proxyHops` trusted proxies (RAPPORT_TRUST_PROXY) that is
 * the X-Forwarded-Proto and X-Forwarded-Host the outermost of them set (app/http/proxy.server.ts);
 * without one these headers are whatever the client chose to send, so they are ignored.
 */
export function ownOrigin(input: { headers: HeaderSource; encrypted: boolean; proxyHops: number }): string | null {
  const { headers, proxyHops } = input;
  const forwardedHost = forwardedValue(headers.get("x-forwarded-host"), proxyHops);
  const forwardedProto = forwardedValue(headers.get("x-forwarded-proto"), proxyHops);
  const host = forwardedHost || headers.get("host");
  const scheme = forwardedProto || (input.encrypted ? "https" : "http");
  if (!host || (scheme !== "http" && scheme !== "https")) return null;
  return originOf(`${scheme}://${host}`);
}

/** Safe methods always pass; a mutation passes only when Origin (or, without one, Referer) is ours. */
export function checkSameOrigin(input: {
  method: string;
  headers: HeaderSource;
  ownOrigin: string | null;
}): OriginVerdict {
  if (!isMutation(input.method)) return { ok: true };
  if (!input.ownOrigin) return { ok: false, reason: "unknown-host" };
  const origin = input.headers.get("origin");
  if (origin) {
    // Sandboxed frames, data: URLs and privacy-minded redirects send the literal "null".
    if (origin.trim() === "null") return { ok: false, reason: "null-origin" };
    return originOf(origin) === input.ownOrigin ? { ok: true } : { ok: false, reason: "foreign-origin" };
  }
  const referer = input.headers.get("referer");
  if (referer) return originOf(referer) === input.ownOrigin ? { ok: true } : { ok: false, reason: "foreign-origin" };
  // No browser in use today posts without either; scripts that strip both are refused too.
  return { ok: false, reason: "no-origin" };
}

/**
 * Identity providers provisioning people over SCIM send no Origin: they prove
 * themselves with a bearer token instead, and a page on another site cannot
 * make a browser send one (that needs CORS, which Rapport never grants). So a
 * mutation of the SCIM service (`url` is the path and query, as the request
 * line has it) passes with `Authorization: Bearer` and is refused without,
 * whatever its Origin; the SCIM routes read that header and never the session
 * cookie. Null for every other request: checkSameOrigin decides those.
 */
export function checkScimMutation(input: { method: string; url: string; headers: HeaderSource }): OriginVerdict | null {
  if (!isMutation(input.method) || !isScimPath(input.url)) return null;
  return /^bearer\s/i.test(input.headers.get("authorization") ?? "")
    ? { ok: true }
    : { ok: false, reason: "no-bearer-token" };
}

const ONE_CLICK_PATH = /^\/unsubscribe\/[A-Za-z0-9_-]{43}$/;

/**
 * One-click unsubscribe (RFC 8058): the mail provider's server, not the reader's browser, POSTs
 * `List-Unsubscribe=One-Click` to the link in the message's List-Unsubscribe header, with no Origin
 * of ours. The route takes no session and changes nothing but the one preference the token in the
 * path names, so a page on another site that posts there can do only what the link's holder can.
 * Exactly `/unsubscribe/<token>` as Remix will route it (no query, no other path, no `..` tricks), by
 * POST only; null for every other request, which checkSameOrigin decides.
 */
export function checkOneClickUnsubscribe(input: { method: string; url: string }): OriginVerdict | null {
  if (input.method.toUpperCase() !== "POST" || !input.url.startsWith("/") || input.url.includes("?")) return null;
  try {
    const { pathname } = new URL(`http://rapport.invalid${input.url}`);
    return pathname === input.url && ONE_CLICK_PATH.test(pathname) ? { ok: true } : null;
  } catch {
    return null;
  }
}

/** scheme://host[:port], lower-cased and without a default port; null when it is not an http(s) URL. */
function originOf(value: string): string | null {
  try {
    const url = new URL(value.trim());
    return url.protocol === "http:" || url.protocol === "https:" ? url.origin : null;
  } catch {
    return null;
  }
}
