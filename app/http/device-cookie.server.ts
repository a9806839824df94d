import { createHmac, randomBytes } from "node:crypto";
import { createCookie, type Cookie } from "@remix-run/node";
import { getDb } from "~/services/db.server";
import { resolveSessionSecret } from "~/services/session-secret.server";

/**
 * A browser that signed in as someone keeps a device cookie saying so, for a year and across
 * sign-outs. Its sign-in attempts for that email are then counted on their own
 * (app/services/sign-in.server.ts): however many guesses strangers make elsewhere, the person is never
 * locked out of the browsers they use (docs/decisions/004-passwords-and-sign-in-throttle.md).
 *
 * The cookie is signed, so it can not be forged, and holds a random id and a keyed hash of the email,
 * never the email: a copy names nobody. It only ever speaks for the one email it was issued to.
 */

const DEVICE_DAYS = 365;
const DEVICE_ID = /^[A-Za-z0-9_-]{22}$/;

let deviceCookie: Promise<{ cookie: Cookie; secret: string }> | undefined;

function cookieAndSecret() {
  deviceCookie ??= (async () => {
    const secret = await resolveSessionSecret(await getDb());
    const cookie = createCookie("__rapport_device", {
      httpOnly: true,
      sameSite: "lax",
      path: "/",
      secure: false,
      secrets: [secret],
      maxAge: DEVICE_DAYS * 24 * 60 * 60,
    });
    return { cookie, secret };
  })().catch((error: unknown) => {
    deviceCookie = undefined;
    throw error;
  });
  return deviceCookie;
}

function emailTag(secret: string, email: string): string {
  return createHmac("sha256", secret).update(`rapport-device:${email.trim().toLowerCase()}`).digest("base64url");
}

/** The device id, when the request carries an intact device cookie issued for `email`; null otherwise. */
export async function trustedDeviceFor(request: Request, email: string): Promise<string | null> {
  const header = request.headers.get("Cookie");
  if (!header) return null;
  const { cookie, secret } = await cookieAndSecret();
  const value: unknown = await cookie.parse(header);
  if (!value || typeof value !== "object") return null;
  const { id, tag } = value as { id?: unknown; tag?: unknown };
  if (typeof id !== "string" || !DEVICE_ID.test(id) || tag !== emailTag(secret, email)) return null;
  return id;
}

/**
 * The Set-Cookie header that marks this browser as one `email` signed in from: the same device id
 * when it already was one, a fresh id otherwise. Secure exactly when the session cookie is.
 */
export async function deviceCookieFor(request: Request, email: string, deviceId: string | null): Promise<string> {
  const { cookie, secret } = await cookieAndSecret();
  const id = deviceId && DEVICE_ID.test(deviceId) ? deviceId : randomBytes(16).toString("base64url");
  return cookie.serialize({ id, tag: emailTag(secret, email) }, { secure: new URL(request.url).protocol === "https:" });
}
