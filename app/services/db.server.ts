import fs from "node:fs";
import path from "node:path";
import { openDatabase, type Database, type DatabaseHandle } from "../../db/client";
import { migrateDatabase } from "../../db/migrate";
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

/** Tests hand in their own fresh database. */
export function useDatabaseForTests(handle: DatabaseHandle): void {
  globalThis.__rapportDatabase = Promise.resolve(handle);
}

async function openConfiguredDatabase(): Promise<DatabaseHandle> {
  const { DATABASE_URL, RAPPORT_DATA_DIR } = env();
  if (DATABASE_URL) {
    const handle = await openDatabase({ url: DATABASE_URL });
    await migrateDatabase(handle, DATABASE_URL);
    return handle;
  }
  const dataDir = path.resolve(RAPPORT_DATA_DIR);
  fs.mkdirSync(dataDir, { recursive: true });
  const handle = await openDatabase({ dataDir: path.join(dataDir, "pglite") });
  await migrateDatabase(handle);
  return handle;
}
