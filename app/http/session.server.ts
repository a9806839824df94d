import { createCookie, redirect, type AppLoadContext, type Cookie } from "@remix-run/node";
import { getDb } from "~/services/db.server";
import type { Viewer } from "~/auth/policies";
import { resolveSessionSecret } from "~/services/session-secret.server";
import {
  SESSION_DAYS,
  createSession,
  findSession,
  revokeSessionByToken,
  signOut,
  signOutEverywhere,
} from "~/services/sessions.server";
import { guessTimeZone } from "~/services/time-zones.server";
import { clientAddress } from "~/http/request.server";

/**
 * The session cookie carries a random token naming a row of the sessions
 * table (app/services/sessions.server.ts). It is signed as well: a forged or
 * stale cookie is turned away without a query, and changing SESSION_SECRET
 * signs everyone out at once.
 */

let sessionCookie: Promise<Cookie> | undefined;

function cookie(): Promise<Cookie> {
  sessionCookie ??= (async () =>
    createCookie("__rapport", {
      httpOnly: true,
      sameSite: "lax",
      path: "/",
      // Secure is decided per response (cookieOptions): only a page served over https may set it.
      secure: false,
      secrets: [await resolveSessionSecret(await getDb())],
      maxAge: SESSION_DAYS * 24 * 60 * 60,
    }))().catch((error: unknown) => {
    // The secret may live in the database: a first request during an outage must not break sessions for good.
    sessionCookie = undefined;
    throw error;
  });
  return sessionCookie;
}

/**
 * Secure whenever the browser reached us over https (directly, or through a
 * proxy trusted with RAPPORT_TRUST_PROXY, see app/http/proxy.server.ts).
 * On plain http a Secure cookie would be dropped by any browser but for localhost.
 */
function cookieOptions(request: Request) {
  return { secure: new URL(request.url).protocol === "https:" };
}

/** The token the request's cookie carries, if it is ours and intact; not yet checked against the table. */
async function tokenOf(request: Request): Promise<unknown> {
  const header = request.headers.get("Cookie");
  if (!header) return null;
  return (await cookie()).parse(header);
}

async function clearedCookie(request: Request): Promise<string> {
  return (await cookie()).serialize("", { ...cookieOptions(request), maxAge: undefined, expires: new Date(0) });
}

/**
 * The request's live session (its id, for the settings page's "this browser"),
 * who it signs in and the zone they read times in, or null.
 */
export async function getCurrentSession(
  request: Request,
): Promise<{ id: string; viewer: Viewer; timeZone: string } | null> {
  const token = await tokenOf(request);
  if (!token) return null;
  return findSession(await getDb(), token);
}

/** The signed-in person, or null. Signing out, revocation and deactivation take effect at once. */
export async function getViewer(request: Request): Promise<Viewer | null> {
  return (await getCurrentSession(request))?.viewer ?? null;
}

export interface StartSessionOptions {
  /** The load context, for the client's address (shown in the person's list of sessions). */
  context?: AppLoadContext;
  /** Further cookies to set with the session's (the sign-in page's device cookie). */
  alsoSet?: readonly string[];
  /** The zone the browser reported (the form's `timeZone` field), kept while the person has chosen none. */
  guessedTimeZone?: unknown;
}

/**
 * Starts a session for someone who just proved who they are. A session the
 * request already carried ends: a fresh sign-in never continues an old token.
 */
export async function startSession(
  request: Request,
  personId: string,
  redirectTo: string,
  options: StartSessionOptions = {},
): Promise<Response> {
  const db = await getDb();
  const previous = await tokenOf(request);
  if (previous) await revokeSessionByToken(db, previous);
  if (options.guessedTimeZone) await guessTimeZone(db, personId, options.guessedTimeZone, new Date());
  const { token } = await createSession(db, {
    personId,
    userAgent: request.headers.get("User-Agent"),
    clientAddress: options.context ? clientAddress(request, options.context) : null,
  });
  const headers = new Headers({ "Set-Cookie": await (await cookie()).serialize(token, cookieOptions(request)) });
  for (const setCookie of options.alsoSet ?? []) headers.append("Set-Cookie", setCookie);
  return redirect(redirectTo, { headers });
}

/** The Cookie header value of a fresh session for `personId`; tests, benchmarks and load runs sign in with it. */
export async function sessionCookieFor(personId: string): Promise<string> {
  const { token } = await createSession(await getDb(), { personId });
  const setCookie = await (await cookie()).serialize(token);
  return setCookie.split(";")[0] ?? "";
}

/** Where a request came from, for the security log. */
function originOf(request: Request, context: AppLoadContext | undefined) {
  return { address: context ? clientAddress(request, context) : null, userAgent: request.headers.get("User-Agent") };
}

/** Signs out: the session ends on the server, so a copy of the cookie stops working too. */
export async function endSession(request: Request, options: StartSessionOptions = {}): Promise<Response> {
  const token = await tokenOf(request);
  if (token) await signOut(await getDb(), token, originOf(request, options.context));
  return redirect("/sign-in", { headers: { "Set-Cookie": await clearedCookie(request) } });
}

/** "Sign out everywhere": every session of the signed-in person ends, this one included. */
export async function endAllSessions(request: Request, options: StartSessionOptions = {}): Promise<Response> {
  const current = await getCurrentSession(request);
  if (current) await signOutEverywhere(await getDb(), current.viewer.id, originOf(request, options.context));
  return redirect("/sign-in", { headers: { "Set-Cookie": await clearedCookie(request) } });
}

const OURS = "http://ours.invalid";
/** A C0 control, DEL or the backslash: a browser drops tabs and line breaks from a URL and reads "\\" as "/". */
function hasUnsafeCharacter(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code < 0x20 || code === 0x7f || code === 0x5c) return true;
  }
  return false;
}

/**
 * Where to send the browser after a form, from a `redirectTo` it carried: a path of ours or `fallback`.
 * Only a path that stays on our origin passes, read the way a browser reads it: "/\t/evil.example" is
 * "//evil.example" to a browser, so a tab, a line break, any other control character or a backslash,
 * raw or percent-encoded, sends to the fallback instead. What comes back is the URL parser's own
 * serialisation (pathname, search, hash), so it is always a valid Location header: a route that has
 * already saved can never fail on it.
 */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = "/"): string {
  if (typeof to !== "string" || !to.startsWith("/") || to.length > 2000) return fallback;
  let decoded: string;
  try {
    decoded = decodeURIComponent(to);
  } catch {
    return fallback;
  }
  if (hasUnsafeCharacter(to) || hasUnsafeCharacter(decoded)) return fallback;
  let url: URL;
  try {
    url = new URL(to, OURS);
  } catch {
    return fallback;
  }
  if (url.origin !== OURS) return fallback;
  const path = url.pathname + url.search + url.hash;
  // "/.//evil.example" (or "/%2e//") resolves to a path starting "//", which a browser reads as another
  // host, or which is no URL at all ("//" alone): never ours.
  if (path.startsWith("//")) return fallback;
  return path;
}
