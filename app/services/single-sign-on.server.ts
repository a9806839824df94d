import { eq } from "drizzle-orm";
import { people } from "#db/schema";
import type { Database } from "./db.server";

export type SsoPerson = { ok: true; personId: string } | { ok: false; reason: "unknown" | "deactivated" };

/**
 * Who a verified e-mail address signs in: the active person with that address,
 * or why nobody. Single sign-on never creates an account, so an address with no
 * person here is refused, as is a deactivated person's. The address is matched
 * as people.email stores it, lower-cased.
 */
export async function findPersonByVerifiedEmail(db: Database, email: string): Promise<SsoPerson> {
  const [person] = await db
    .select({ id: people.id, active: people.active })
    .from(people)
    .where(eq(people.email, email.trim().toLowerCase()));
  if (!person) return { ok: false, reason: "unknown" };
  if (!person.active) return { ok: false, reason: "deactivated" };
  return { ok: true, personId: person.id };
}
