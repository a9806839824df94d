import { and, eq, gt, isNull, lt, or, sql, type SQL } from "drizzle-orm";
import { people, signInFailures } from "#db/schema";
import { decoyPasswordHash, verifyPassword } from "~/auth/password.server";
import type { Database } from "./db.server";

export const THROTTLE = {
  windowMinutes: 15,
  /** Attempts per email address in the window from browsers that never signed in as it, whether or not the address exists. */
  perEmail: 5,
  /** Attempts per client address in the window, across all emails, from such browsers. */
  perIp: 30,
  /** Attempts per email from one browser that did sign in as it before (its device cookie says so). */
  perDevice: 5,
} as const;

export type SignInResult =
  | { ok: true; personId: string }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "throttled"; retryAfterSeconds: number };

export interface SignInAttempt {
  email: string;
  password: string;
  ip: string;
  /**
   * The id of the device cookie the browser showed for this email (app/http/device-cookie.server.ts):
   * it signed in as them before. Null or absent for anyone else.
   */
  device?: string | null;
}

/**
 * Checks an email and password. Every attempt is written before the password
 * is checked, so parallel guesses count against each other; a success clears
 * the count it was made under. The answer never tells whether the email exists.
 *
 * Attempts are counted in two lanes (docs/decisions/004-passwords-and-sign-in-throttle.md). From a
 * browser that signed in as this email before, only that browser's own attempts count: a stranger can
 * not use them up, so nobody can lock a person out of the browsers they use. From anywhere else, the
 * email's attempts and the client address's attempts count, as they always did.
 */
export async function signIn(db: Database, input: SignInAttempt, now: Date): Promise<SignInResult> {
  const emailKey = input.email.trim().toLowerCase();
  const device = input.device ?? null;
  const windowStart = new Date(now.getTime() - THROTTLE.windowMinutes * 60_000);

  await db.insert(signInFailures).values({ emailKey, ip: input.ip, device, failedAt: now });
  const lane: SQL = device ? eq(signInFailures.device, device) : isNull(signInFailures.device);
  const byEmail = sql`${signInFailures.emailKey} = ${emailKey} and ${lane}`;
  const byIp = sql`${signInFailures.ip} = ${input.ip} and ${signInFailures.device} is null`;
  const [counts] = await db
    .select({
      email: sql<number>`count(*) filter (where ${byEmail})`.mapWith(Number),
      ip: sql<number>`count(*) filter (where ${byIp})`.mapWith(Number),
      oldestEmail: sql<string | null>`min(${signInFailures.failedAt}) filter (where ${byEmail})`,
      oldestIp: sql<string | null>`min(${signInFailures.failedAt}) filter (where ${byIp})`,
    })
    .from(signInFailures)
    .where(
      and(
        gt(signInFailures.failedAt, windowStart),
        or(eq(signInFailures.emailKey, emailKey), device ? undefined : eq(signInFailures.ip, input.ip)),
      ),
    );
  const emailOver = !counts || counts.email > (device ? THROTTLE.perDevice : THROTTLE.perEmail);
  const ipOver = !device && (!counts || counts.ip > THROTTLE.perIp);
  if (emailOver || ipOver) {
    const oldest = (emailOver ? counts?.oldestEmail : counts?.oldestIp) ?? null;
    const since = oldest ? new Date(oldest) : now;
    const retryAfterSeconds = Math.max(
      60,
      Math.ceil((since.getTime() + THROTTLE.windowMinutes * 60_000 - now.getTime()) / 1000),
    );
    return { ok: false, reason: "throttled", retryAfterSeconds };
  }

  const [person] = await db
    .select({ id: people.id, passwordHash: people.passwordHash })
    .from(people)
    .where(and(eq(people.email, emailKey), eq(people.active, true)));
  // Check a decoy hash for unknown emails so the response time does not tell either.
  const valid = await verifyPassword(input.password, person?.passwordHash ?? (await decoyPasswordHash()));
  if (!person?.passwordHash || !valid) return { ok: false, reason: "invalid" };

  await db
    .delete(signInFailures)
    .where(
      or(
        and(eq(signInFailures.emailKey, emailKey), lane),
        lt(signInFailures.failedAt, new Date(now.getTime() - 24 * 60 * 60_000)),
      ),
    );
  return { ok: true, personId: person.id };
}
