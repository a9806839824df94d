import { and, eq, isNull, ne, or } from "drizzle-orm";
import { people } from "#db/schema";
import { canonicalTimeZone, DEFAULT_TIME_ZONE } from "~/domain/time-zones";
import type { Database } from "./db.server";
import { RuleViolation } from "./errors.server";

/** The zone a person reads times in; UTC for someone unknown. */
export async function timeZoneOf(db: Database, personId: string): Promise<string> {
  const [row] = await db.select({ timeZone: people.timeZone }).from(people).where(eq(people.id, personId));
  return row?.timeZone ?? DEFAULT_TIME_ZONE;
}

/** The person's zone and whether they chose it, for the settings page. */
export async function ownTimeZone(db: Database, personId: string) {
  const [row] = await db
    .select({ timeZone: people.timeZone, source: people.timeZoneSource })
    .from(people)
    .where(eq(people.id, personId));
  return { timeZone: row?.timeZone ?? DEFAULT_TIME_ZONE, chosen: row?.source === "chosen" };
}

/**
 * The person chooses their zone in settings. A name Intl does not know is
 * refused and nothing is stored; a known one is saved as Intl spells it.
 * From now on a browser's guess never replaces it.
 */
export async function chooseTimeZone(db: Database, personId: string, name: string, now: Date): Promise<string> {
  const zone = canonicalTimeZone(name);
  if (!zone)
    throw new RuleViolation(`“${name.slice(0, 64)}” is not a time zone we know. Choose one from the list.`, "timeZone");
  await db
    .update(people)
    .set({ timeZone: zone, timeZoneSource: "chosen", updatedAt: now })
    .where(eq(people.id, personId));
  return zone;
}

/**
 * The zone a browser reported at sign-in, saved while the person has never
 * chosen one (so it follows them until they do). Anything odd is ignored: a
 * guess must never stop a sign-in. Returns whether it was stored.
 */
export async function guessTimeZone(db: Database, personId: string, name: unknown, now: Date): Promise<boolean> {
  const zone = canonicalTimeZone(name);
  if (!zone) return false;
  const saved = await db
    .update(people)
    .set({ timeZone: zone, timeZoneSource: "guessed", updatedAt: now })
    .where(
      and(
        eq(people.id, personId),
        or(isNull(people.timeZoneSource), eq(people.timeZoneSource, "guessed")),
        // Conditional, so the same guess at every sign-in writes nothing.
        or(ne(people.timeZone, zone), isNull(people.timeZoneSource)),
      ),
    )
    .returning({ id: people.id });
  return saved.length > 0;
}
