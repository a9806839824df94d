/**
 * The rules of signing in with an OpenID provider that need no network and no
 * database: which claims name a person, and what each refusal tells them
 * (docs/decisions/022-single-sign-on.md).
 */

/** Why a single sign-on attempt signed nobody in. */
export type SsoRefusalReason =
  /** No sign-in was started in this browser, or it was started too long ago. */
  | "expired"
  /** The answer's state is not the one this browser was given: a forged or crossed link. */
  | "state-mismatch"
  /** The provider answered the sign-in with an error (the person cancelled, or it refused them). */
  | "provider-refused"
  /** The provider could not be reached, or its answer did not verify (tokens, signature, nonce). */
  | "provider-failed"
  /** The provider shared no e-mail address. */
  | "no-email"
  /** The provider does not vouch for the e-mail address (email_verified is not true). */
  | "unverified"
  /** No Rapport account has this e-mail address. */
  | "unknown"
  /** The account with this e-mail address is deactivated. */
  | "deactivated";

export type EmailClaim = { ok: true; email: string } | { ok: false; reason: "no-email" | "unverified"; email?: string };

/** Longest address RFC 5321 allows; anything longer is no address of ours. */
const EMAIL_MAX = 254;
const EMAIL_SHAPE = /^[^\s@]+@[^\s@]+$/;

/**
 * The e-mail address the provider vouches for, lower-cased as people.email
 * is stored. Only `email_verified === true` counts: a provider that omits the
 * claim, or sends anything else ("true" as a string included), is not vouching
 * for the address, and signing in by an address someone could merely type in
 * would let them become whoever owns it here.
 */
export function verifiedEmail(claims: Record<string, unknown>): EmailClaim {
  const raw = claims.email;
  if (typeof raw !== "string") return { ok: false, reason: "no-email" };
  const email = raw.trim().toLowerCase();
  if (email.length === 0 || email.length > EMAIL_MAX || !EMAIL_SHAPE.test(email))
    return { ok: false, reason: "no-email" };
  if (claims.email_verified !== true) return { ok: false, reason: "unverified", email };
  return { ok: true, email };
}

/** The provider's error code, if it is one a person may be shown: a short token, never free text. */
export function providerErrorCode(value: unknown): string | undefined {
  return typeof value === "string" && /^[a-z0-9_.-]{1,64}$/i.test(value) ? value : undefined;
}

/** What the refusal page says, and with which status. */
export function ssoRefusal(
  reason: SsoRefusalReason,
  details: { provider: string; email?: string; errorCode?: string },
): { status: number; title: string; message: string } {
  const { provider } = details;
  const address = details.email ? ` ${details.email}` : "";
  switch (reason) {
    case "expired":
      return {
        status: 400,
        title: "This sign-in has expired",
        message: `The sign-in with ${provider} was not started in this browser, or took longer than ten minutes. Start again from the sign-in page.`,
      };
    case "state-mismatch":
      return {
        status: 400,
        title: "This sign-in link is not valid",
        message: `The answer from ${provider} does not belong to the sign-in this browser started, so it was not used. Start again from the sign-in page.`,
      };
    case "provider-refused":
      return {
        status: 403,
        title: `${provider} did not sign you in`,
        message: `${provider} ended the sign-in without signing you in${details.errorCode ? ` (${details.errorCode})` : ""}. Start again from the sign-in page.`,
      };
    case "provider-failed":
      return {
        status: 502,
        title: `${provider} could not be reached`,
        message: `Rapport could not complete the sign-in with ${provider}: it did not answer, or its answer could not be verified. Try again in a moment.`,
      };
    case "no-email":
      return {
        status: 403,
        title: "No e-mail address",
        message: `${provider} did not share an e-mail address, and Rapport finds your account by it. Ask whoever runs ${provider} to release the email claim to Rapport.`,
      };
    case "unverified":
      return {
        status: 403,
        title: "E-mail address not verified",
        message: `${provider} does not confirm that the address${address} is verified, so Rapport can not sign you in with it.`,
      };
    case "unknown":
      return {
        status: 403,
        title: "No Rapport account",
        message: `No Rapport account uses the address${address}. Signing in does not create accounts: ask an administrator to add you.`,
      };
    case "deactivated":
      return {
        status: 403,
        title: "Account deactivated",
        message: `The Rapport account for${address} is deactivated. Ask an administrator if you need it back.`,
      };
  }
}
