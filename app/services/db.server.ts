import type { Database, DatabaseHandle } from "#db/client";
import { openAndMigrate } from "#db/configured";
import { env } from "~/env.server";

export type { Database };

declare global {
  // One database per process, kept across dev-server module reloads.
  var __rapportDatabase: Promise<DatabaseHandle> | undefined;
}

/** Opens the configured database once per process and applies migrations before first use. */
export function getDatabaseHandle(): Promise<DatabaseHandle> {
  globalThis.__rapportDatabase ??= openConfiguredDatabase().catch((error) => {
    globalThis.__rapportDatabase = undefined;
    throw error;
  });
  return globalThis.__rapportDatabase;
}

export async function getDb(): Promise<Database> {
  return (await getDatabaseHandle()).db;
}

/** Replaces PostgreSQL's pooled connections with fresh ones; nothing to do for PGlite. */
export async function resetDatabaseConnections(): Promise<void> {
  (await globalThis.__rapportDatabase)?.resetConnections?.();
}

/** Tests hand in their own fresh database. */
export function useDatabaseForTests(handle: DatabaseHandle): void {
  globalThis.__rapportDatabase = Promise.resolve(handle);
}

function openConfiguredDatabase(): Promise<DatabaseHandle> {
  const { DATABASE_URL, RAPPORT_DATA_DIR } = env();
  return openAndMigrate({ url: DATABASE_URL, dataDir: RAPPORT_DATA_DIR });
}
