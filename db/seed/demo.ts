import { sql } from "drizzle-orm";
import type { Database } from "../client";
import { people } from "../schema";
import { generateOrganisation, type GenerateSummary } from "./generate";

export { DEMO_LOGINS, DEMO_PASSWORD } from "./generate";

/** The demo organisation seeded on first start: small enough to take a second or two, rich enough to show everything. */
const DEMO_OPTIONS = { people: 48, months: 7, seed: 20240501 } as const;

export function seedDemoOrganisation(db: Database, now: Date = new Date()): Promise<GenerateSummary> {
  return generateOrganisation(db, { ...DEMO_OPTIONS, now, demoLogins: true });
}

/** True when nobody has been created yet (a fresh database). */
export async function isDatabaseEmpty(db: Database): Promise<boolean> {
  const [row] = await db
    .select({ one: sql<number>`1` })
    .from(people)
    .limit(1);
  return row === undefined;
}
