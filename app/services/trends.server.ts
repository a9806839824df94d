import { eq, sql } from "drizzle-orm";
import { people, teams } from "../../db/schema";
import type { Database } from "./db.server";

/** Organisation-wide counts: nothing here describes a person. */
export async function getOrganisationOverview(db: Database) {
  const [[teamCount], [peopleCount]] = await Promise.all([
    db.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(teams),
    db.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(people).where(eq(people.active, true)),
  ]);
  return { teams: teamCount?.n ?? 0, activePeople: peopleCount?.n ?? 0 };
}
