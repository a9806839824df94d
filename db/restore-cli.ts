/**
 * `npm run db:restore -- <file>`: restores an organisation backup (ADR 045) into the configured database
 * (DATABASE_URL, or PGlite in RAPPORT_DATA_DIR), after migrating it. The key is RAPPORT_BACKUP_KEY or the
 * data folder's backup.key; it refuses a wrong key, a changed file, a newer schema and a database with anything in it.
 */
import fs from "node:fs";
import { BackupRefused } from "~/domain/backup-seal";
import { resolveBackupKey } from "~/services/backup-key.server";
import { restoreBackup } from "~/services/backup.server";
import { locationFromEnv, openAndMigrate } from "./configured";

const USAGE = "usage: npm run db:restore -- <backup file>";

async function main(args: string[]): Promise<number> {
  const [path, ...rest] = args;
  if (!path || rest.length) {
    console.error(USAGE);
    return 2;
  }
  let file: Uint8Array;
  try {
    file = fs.readFileSync(path);
  } catch {
    console.error(`Cannot read ${path}.`);
    return 1;
  }
  const key = resolveBackupKey({ create: false });
  if ("off" in key) {
    console.error(key.off);
    return 1;
  }
  const location = locationFromEnv();
  const handle = await openAndMigrate(location, 1);
  try {
    const counts = await restoreBackup(handle.db, file, key.key);
    const rows = Object.values(counts).reduce((a, b) => a + b, 0);
    console.log(
      `Restored ${rows} rows in ${Object.keys(counts).length} tables (${counts.people ?? 0} people) into ${location.url ? "PostgreSQL" : `PGlite in ${location.dataDir}`}.`,
    );
    return 0;
  } catch (error) {
    if (error instanceof BackupRefused) {
      console.error(`Nothing restored: ${error.message}`);
      return 1;
    }
    throw error;
  } finally {
    await handle.close();
  }
}

process.exitCode = await main(process.argv.slice(2));
