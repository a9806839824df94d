import { and, eq, gt, lt, or, sql } from "drizzle-orm";
import { people, signInFailures } from "#db/schema";
import { decoyPasswordHash, verifyPassword } from "~/auth/password.server";
import type { Database } from "./db.server";

export const THROTTLE = {
  windowMinutes: 15,
  /** Attempts per email address in the window, whether or not the address exists. */
  perEmail: 5,
  /** Attempts per client address in the window, across all emails. */
  perIp: 30,
} as const;

export type SignInResult =
  | { ok: true; personId: string }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "throttled"; retryAfterSeconds: number };

/**
 * Checks an email and password. Every attempt is written before the password
 * is checked, so parallel guesses count against each other; a success clears
 * the email's count. The answer never tells whether the email exists.
 */
export async function signIn(
  db: Database,
  input: { email: string; password: string; ip: string },
  now: Date,
): Promise<SignInResult> {
  const emailKey = input.email.trim().toLowerCase();
  const windowStart = new Date(now.getTime() - THROTTLE.windowMinutes * 60_000);

  await db
    .insert(signInFailures)
    .values({ emailKey, ip: input.ip, failedAt: now });
  const [counts] = await db
    .select({
      email: sql<number>`count(*) filter (where ${signInFailures.emailKey} = ${emailKey})`.mapWith(Number),
      ip: sql<number>`count(*) filter (where ${signInFailures.ip} = ${input.ip})`.mapWith(Number),
      oldest: sql<Date | null>`min(${signInFailures.failedAt}) filter (where ${signInFailures.emailKey} = ${emailKey})`,
    })
    .from(signInFailures)
    .where(
      and(
        gt(signInFailures.failedAt, windowStart),
        or(eq(signInFailures.emailKey, emailKey), eq(signInFailures.ip, input.ip)),
      ),
    );
  if (!counts || counts.email > THROTTLE.perEmail || counts.ip > THROTTLE.perIp) {
    const oldest = counts?.oldest ? new Date(counts.oldest) : now;
    const retryAfterSeconds = Math.max(
      60,
      Math.ceil((oldest.getTime() + THROTTLE.windowMinutes * 60_000 - now.getTime()) / 1000),
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
        eq(signInFailures.emailKey, emailKey),
        lt(signInFailures.failedAt, new Date(now.getTime() - 24 * 60 * 60_000)),
      ),
    );
  return { ok: true, personId: person.id };
}
