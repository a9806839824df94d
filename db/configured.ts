import fs from "node:fs";
import path from "node:path";
import { openDatabase, type DatabaseHandle } from "./client";
import { migrateDatabase } from "./migrate";

export interface Location {
  /** postgres://... ; when absent, the embedded PGlite in dataDir. */
  url?: string;
  dataDir: string;
}

/** Where the environment says the database is: DATABASE_URL, or PGlite in RAPPORT_DATA_DIR (./data). */
export function locationFromEnv(environment: NodeJS.ProcessEnv = process.env): Location {
  return {
    url: environment.DATABASE_URL || undefined,
    dataDir: environment.RAPPORT_DATA_DIR || "./data",
  };
}

/** Opens the database at `location` and brings it to the latest migration. Used by the app and every CLI. */
export async function openAndMigrate(location: Location, poolSize?: number): Promise<DatabaseHandle> {
  if (location.url) {
    const handle = await openDatabase({ url: location.url, poolSize });
    await migrateDatabase(handle, location.url);
    return handle;
  }
  const dir = path.resolve(location.dataDir);
  fs.mkdirSync(dir, { recursive: true });
  const handle = await openDatabase({ dataDir: path.join(dir, "pglite") });
  await migrateDatabase(handle);
  return handle;
}
