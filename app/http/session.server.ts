import { createCookieSessionStorage, redirect, type SessionStorage } from "@remix-run/node";
import { getDb } from "~/services/db.server";
import { findViewer } from "~/services/viewer.server";
import type { Viewer } from "~/auth/policies";
import { resolveSessionSecret } from "~/services/session-secret.server";

interface SessionData {
  personId: string;
}

const SESSION_DAYS = 14;

let storage: Promise<SessionStorage<SessionData>> | undefined;

function sessionStorage(): Promise<SessionStorage<SessionData>> {
  storage ??= (async () =>
    createCookieSessionStorage<SessionData>({
      cookie: {
        name: "__rapport",
        httpOnly: true,
        sameSite: "lax",
        path: "/",
        // Secure is decided per response (cookieOptions): only a page served over https may set it.
        secure: false,
        secrets: [await resolveSessionSecret(await getDb())],
        maxAge: SESSION_DAYS * 24 * 60 * 60,
      },
    }))().catch((error: unknown) => {
      // The secret may live in the database: a first request during an outage must not break sessions for good.
      storage = undefined;
      throw error;
    });
  return storage;
}

/**
 * Secure whenever the browser reached us over https (directly, or through a
 * proxy trusted with RAPPORT_TRUST_PROXY=1, see app/http/remix-handler.server.ts).
 * On plain http a Secure cookie would be dropped by any browser but for localhost.
 */
function cookieOptions(request: Request) {
  return { secure: new URL(request.url).protocol === "https:" };
}

async function getSession(request: Request) {
  return (await sessionStorage()).getSession(request.headers.get("Cookie"));
}

/** The signed-in person, or null. A deactivated person's cookie stops working at once. */
export async function getViewer(request: Request): Promise<Viewer | null> {
  const session = await getSession(request);
  const personId = session.get("personId");
  if (!personId) return null;
  return findViewer(await getDb(), personId);
}

export async function startSession(request: Request, personId: string, redirectTo: string): Promise<Response> {
  const store = await sessionStorage();
  const session = await store.getSession(request.headers.get("Cookie"));
  session.set("personId", personId);
  return redirect(redirectTo, { headers: { "Set-Cookie": await store.commitSession(session, cookieOptions(request)) } });
}

/** The Cookie header value that signs `personId` in; tests build requests with it. */
export async function sessionCookieFor(personId: string): Promise<string> {
  const store = await sessionStorage();
  const session = await store.getSession();
  session.set("personId", personId);
  const setCookie = await store.commitSession(session);
  return setCookie.split(";")[0] ?? "";
}

export async function endSession(request: Request): Promise<Response> {
  const store = await sessionStorage();
  const session = await getSession(request);
  return redirect("/sign-in", { headers: { "Set-Cookie": await store.destroySession(session, cookieOptions(request)) } });
}

/** Only same-site paths, so a crafted link cannot bounce a fresh session to another site. */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = "/"): string {
  if (typeof to !== "string" || !to.startsWith("/") || to.startsWith("//") || to.startsWith("/\\")) return fallback;
  return to;
}
