import { createHmac } from "node:crypto";
import { createCookie, data, redirect, type AppLoadContext, type Cookie } from "@remix-run/node";
import { z } from "zod";
import { beginAuthorization, completeAuthorization } from "~/auth/oidc.server";
import { ssoRefusal, verifiedEmail, type SsoRefusalReason } from "~/domain/single-sign-on";
import { singleSignOn, type SingleSignOnSettings } from "~/env.server";
import { getDb } from "~/services/db.server";
import { resolveSessionSecret } from "~/services/session-secret.server";
import { recordSecurityEvent, typedEmailLabel } from "~/services/security-log.server";
import { findPersonByVerifiedEmail } from "~/services/single-sign-on.server";
import { clientAddress } from "./request.server";
import { notFound } from "./errors.server";
import { safeRedirect, startSession } from "./session.server";

/**
 * Single sign-on over HTTP (docs/decisions/022-single-sign-on.md): /auth/oidc
 * sends the browser to the provider, /auth/oidc/callback takes it back. What
 * one attempt must remember in between (state, nonce, PKCE verifier, where to
 * go after) travels in a short-lived signed cookie that only the callback path
 * receives; the callback clears it, whatever the outcome.
 */

export const START_PATH = "/auth/oidc";
export const CALLBACK_PATH = "/auth/oidc/callback";
const FLOW_MINUTES = 10;

const FlowSchema = z.object({
  state: z.string().min(1).max(200),
  nonce: z.string().min(1).max(200),
  codeVerifier: z.string().min(43).max(128),
  redirectUri: z.url(),
  redirectTo: z.string().max(2000),
  /** The cookie's Max-Age is the browser's to honour; this is ours. */
  expiresAt: z.number(),
});

let flowCookiePromise: Promise<Cookie> | undefined;

function flowCookie(): Promise<Cookie> {
  flowCookiePromise ??= (async () => {
    const secret = await resolveSessionSecret(await getDb());
    return createCookie("__rapport_sso", {
      httpOnly: true,
      // Lax: the provider brings the browser back with a top-level GET from another site.
      sameSite: "lax",
      path: CALLBACK_PATH,
      secure: false,
      maxAge: FLOW_MINUTES * 60,
      // A key of its own, so no value signed for the session cookie is ever accepted here, nor the other way round.
      secrets: [createHmac("sha256", secret).update("rapport single sign-on flow").digest("base64url")],
    });
  })().catch((error: unknown) => {
    flowCookiePromise = undefined;
    throw error;
  });
  return flowCookiePromise;
}

const secureOn = (request: Request) => ({ secure: new URL(request.url).protocol === "https:" });

async function clearedFlowCookie(request: Request): Promise<string> {
  return (await flowCookie()).serialize("", { ...secureOn(request), maxAge: undefined, expires: new Date(0) });
}

function settingsOr404(): SingleSignOnSettings {
  const settings = singleSignOn();
  if (!settings) throw notFound();
  return settings;
}

export interface SsoRefusalPage {
  refusal: { title: string; message: string };
}

function refusalPage(
  reason: SsoRefusalReason,
  details: { provider: string; email?: string; errorCode?: string },
  headers?: HeadersInit,
) {
  const { status, title, message } = ssoRefusal(reason, details);
  return data<SsoRefusalPage>({ refusal: { title, message } }, { status, headers });
}

/**
 * Starts a sign-in: fresh state, nonce and PKCE verifier, remembered in the
 * flow cookie with where to go afterwards (our own paths only), and a redirect
 * to the provider. A provider that cannot be reached gets a refusal page.
 */
export async function startSingleSignOn(request: Request) {
  const settings = settingsOr404();
  const redirectTo = safeRedirect(new URL(request.url).searchParams.get("redirectTo"), "/");
  const begun = await beginAuthorization(settings, new URL(CALLBACK_PATH, request.url).href);
  if (!begun.ok) return refusalPage(begun.reason, { provider: settings.name });
  const flow: z.infer<typeof FlowSchema> = { ...begun.flow, redirectTo, expiresAt: Date.now() + FLOW_MINUTES * 60_000 };
  const setCookie = await (await flowCookie()).serialize(flow, secureOn(request));
  return redirect(begun.url.href, { headers: { "Set-Cookie": setCookie } });
}

/**
 * How one single sign-on attempt ended: whom it signs in, or why nobody. Every
 * callback produces exactly one, before anything is answered, so this value is
 * what a record of sign-ins (who, by which address, refused and why) takes.
 */
export type SsoOutcome =
  | { ok: true; personId: string; email: string; redirectTo: string }
  | { ok: false; reason: SsoRefusalReason; email?: string; errorCode?: string };

async function readFlow(request: Request, now: number): Promise<z.infer<typeof FlowSchema> | null> {
  const header = request.headers.get("Cookie");
  const parsed = FlowSchema.safeParse(header ? await (await flowCookie()).parse(header) : null);
  return parsed.success && parsed.data.expiresAt > now ? parsed.data : null;
}

/**
 * The provider's answer, checked: this browser's flow, the code exchanged and
 * the ID token verified, an e-mail address the provider vouches for, and the
 * active person who has it. Never creates anyone.
 */
export async function completeSingleSignOn(request: Request, now = Date.now()): Promise<SsoOutcome> {
  const settings = settingsOr404();
  const flow = await readFlow(request, now);
  if (!flow) return { ok: false, reason: "expired" };
  const completed = await completeAuthorization(settings, new URL(request.url).searchParams, flow);
  if (!completed.ok) return { ok: false, reason: completed.reason, errorCode: completed.errorCode };
  const claim = verifiedEmail(completed.claims);
  if (!claim.ok) return { ok: false, reason: claim.reason, email: claim.email };
  const person = await findPersonByVerifiedEmail(await getDb(), claim.email);
  if (!person.ok) return { ok: false, reason: person.reason, email: claim.email };
  return { ok: true, personId: person.personId, email: claim.email, redirectTo: flow.redirectTo };
}

/** The answer to an outcome: a fresh session and the way back, or the refusal page. The flow cookie goes either way. */
export async function answerSingleSignOn(
  request: Request,
  outcome: SsoOutcome,
  options: { context?: AppLoadContext } = {},
) {
  const cleared = await clearedFlowCookie(request);
  await recordSecurityEvent(await getDb(), {
    kind: "sign-in.sso",
    outcome: outcome.ok ? "success" : "refused",
    actorId: outcome.ok ? outcome.personId : null,
    subjectId: outcome.ok ? outcome.personId : null,
    actorLabel: outcome.ok || !outcome.email ? null : typedEmailLabel(outcome.email),
    address: options.context ? clientAddress(request, options.context) : null,
    userAgent: request.headers.get("User-Agent"),
    detail: outcome.ok ? {} : { reason: outcome.reason },
  });
  if (!outcome.ok) {
    const settings = settingsOr404();
    return refusalPage(
      outcome.reason,
      { provider: settings.name, email: outcome.email, errorCode: outcome.errorCode },
      { "Set-Cookie": cleared },
    );
  }
  const response = await startSession(request, outcome.personId, safeRedirect(outcome.redirectTo, "/"), options);
  response.headers.append("Set-Cookie", cleared);
  return response;
}
