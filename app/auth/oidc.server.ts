import { timingSafeEqual } from "node:crypto";
import * as client from "openid-client";
import { providerErrorCode } from "~/domain/single-sign-on";
import type { SingleSignOnSettings } from "~/env.server";

/**
 * The OpenID Connect client (openid-client): discovery, the authorization code
 * flow with PKCE, state and nonce, and the ID token's checks. It knows nothing
 * of cookies or people: app/http/single-sign-on.server.ts keeps the flow in a
 * cookie and decides who the claims sign in.
 */

/** Seconds any one request to the provider may take before the sign-in is refused as failed. */
const PROVIDER_TIMEOUT_SECONDS = 10;

let cached: { key: string; configuration: Promise<client.Configuration> } | undefined;

/**
 * The provider's configuration, discovered once per process and kept. A failed
 * discovery is not kept: the next sign-in tries again, so a provider that was
 * down at start does not need a restart once it is back.
 */
function configuration(settings: SingleSignOnSettings): Promise<client.Configuration> {
  const key = JSON.stringify([settings.issuer.href, settings.clientId, settings.clientSecret]);
  if (cached?.key === key) return cached.configuration;
  const pending = client.discovery(
    settings.issuer,
    settings.clientId,
    { client_secret: settings.clientSecret },
    // The client authentication every OpenID provider must accept (OpenID Connect Core 9).
    client.ClientSecretBasic(settings.clientSecret),
    {
      // Kept by the configuration for every later request to the provider too.
      timeout: PROVIDER_TIMEOUT_SECONDS,
      // app/env.server.ts admits plain http only for an issuer on localhost.
      execute: settings.issuer.protocol === "http:" ? [client.allowInsecureRequests] : [],
    },
  );
  cached = { key, configuration: pending };
  pending.catch(() => {
    if (cached?.configuration === pending) cached = undefined;
  });
  return pending;
}

/** What one sign-in must remember between sending the browser away and its return. */
export interface AuthorizationFlow {
  state: string;
  nonce: string;
  codeVerifier: string;
  /** The callback URL sent to the provider; the code is exchanged for exactly this one. */
  redirectUri: string;
}

export type Begun = { ok: true; url: URL; flow: AuthorizationFlow } | { ok: false; reason: "provider-failed" };

/** Where to send the browser to sign in, with fresh random state, nonce and PKCE verifier for this attempt alone. */
export async function beginAuthorization(settings: SingleSignOnSettings, redirectUri: string): Promise<Begun> {
  let config: client.Configuration;
  try {
    config = await configuration(settings);
  } catch (error) {
    warn(settings, "discovery", error);
    return { ok: false, reason: "provider-failed" };
  }
  const flow: AuthorizationFlow = {
    state: client.randomState(),
    nonce: client.randomNonce(),
    codeVerifier: client.randomPKCECodeVerifier(),
    redirectUri,
  };
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: redirectUri,
    scope: "openid email",
    state: flow.state,
    nonce: flow.nonce,
    code_challenge: await client.calculatePKCECodeChallenge(flow.codeVerifier),
    code_challenge_method: "S256",
  });
  return { ok: true, url, flow };
}

export type Completed =
  | { ok: true; claims: Record<string, unknown> }
  | { ok: false; reason: "state-mismatch" | "provider-refused" | "provider-failed"; errorCode?: string };

/**
 * Checks the provider's answer and exchanges its code: the state must be this
 * flow's, the code is redeemed with the PKCE verifier, and the ID token must
 * be signed by the provider, for this client, fresh, and carry this flow's
 * nonce. Returns the claims that say who signed in: the ID token's when it
 * carries the e-mail address, else the UserInfo endpoint's for the same subject.
 */
export async function completeAuthorization(
  settings: SingleSignOnSettings,
  query: URLSearchParams,
  flow: AuthorizationFlow,
): Promise<Completed> {
  if (!sameSecret(query.get("state"), flow.state)) return { ok: false, reason: "state-mismatch" };
  const currentUrl = new URL(flow.redirectUri);
  currentUrl.search = query.toString();
  try {
    const config = await configuration(settings);
    const tokens = await client.authorizationCodeGrant(config, currentUrl, {
      pkceCodeVerifier: flow.codeVerifier,
      expectedState: flow.state,
      expectedNonce: flow.nonce,
      idTokenExpected: true,
    });
    const idToken = tokens.claims();
    if (!idToken) return { ok: false, reason: "provider-failed" };
    if (idToken.email !== undefined) return { ok: true, claims: idToken };
    // A conforming provider may keep scope claims out of the ID token when it issues an access token.
    const userInfo = await client.fetchUserInfo(config, tokens.access_token, idToken.sub);
    return { ok: true, claims: userInfo };
  } catch (error) {
    if (error instanceof client.AuthorizationResponseError) {
      return { ok: false, reason: "provider-refused", errorCode: providerErrorCode(error.error) };
    }
    warn(settings, "the code exchange", error);
    return { ok: false, reason: "provider-failed" };
  }
}

function sameSecret(given: string | null, expected: string): boolean {
  if (given === null) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The operator's clue when the provider fails: the person only sees that it did. */
function warn(settings: SingleSignOnSettings, step: string, error: unknown) {
  const parts = [error instanceof Error ? error.message : String(error)];
  // The provider's own error code (invalid_grant, invalid_client) says most about what to fix.
  const code = (error as { error?: unknown } | null)?.error;
  if (typeof code === "string") parts.push(`(${code})`);
  if (error instanceof Error && error.cause instanceof Error) parts.push(`(${error.cause.message})`);
  console.warn(`Single sign-on with ${settings.issuer.href} failed at ${step}: ${parts.join(" ")}`);
}
