import { sql } from "drizzle-orm";
import { DEMO_LOGINS, DEMO_PASSWORD, isDatabaseEmpty, seedDemoOrganisation } from "#db/seed/demo";
import { env } from "~/env.server";
import { getDatabaseHandle } from "./db.server";

export interface StartupReport {
  engine: "pglite" | "postgres";
  where: string;
  seededDemo: boolean;
  demoLogins: typeof DEMO_LOGINS;
  demoPassword: string;
  millis: { database: number; seed: number };
}

/**
 * Everything that must happen before the first request: open the database,
 * migrate it, and seed the demo organisation into an empty one (unless
 * RAPPORT_SEED=none). Called by app/server.ts before it listens.
 */
export async function startRapport(): Promise<StartupReport> {
  const t0 = performance.now();
  const handle = await getDatabaseHandle();
  const t1 = performance.now();
  const { RAPPORT_SEED, DATABASE_URL, RAPPORT_DATA_DIR } = env();
  let seededDemo = false;
  if (RAPPORT_SEED === "demo") {
    seededDemo = await handle.db.transaction(async (tx) => {
      // Several app servers may start at once against one PostgreSQL: one seeds, the others wait and see it done.
      if (handle.engine === "postgres") await tx.execute(sql`select pg_advisory_xact_lock(7316)`);
      if (!(await isDatabaseEmpty(tx))) return false;
      await seedDemoOrganisation(tx);
      return true;
    });
  }
  const t2 = performance.now();
  return {
    engine: handle.engine,
    where: DATABASE_URL ? new URL(DATABASE_URL).host + new URL(DATABASE_URL).pathname : RAPPORT_DATA_DIR,
    seededDemo,
    demoLogins: DEMO_LOGINS,
    demoPassword: DEMO_PASSWORD,
    millis: { database: Math.round(t1 - t0), seed: Math.round(t2 - t1) },
  };
}

/** Closes the database; PGlite must be closed to leave its data folder consistent. */
export async function stopRapport(): Promise<void> {
  const pending = globalThis.__rapportDatabase;
  globalThis.__rapportDatabase = undefined;
  if (pending) await (await pending).close();
}
