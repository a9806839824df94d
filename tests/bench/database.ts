import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import { openAndMigrate } from "#db/configured";
import type { DatabaseHandle, Engine } from "#db/client";

/** Where `npm run bench` creates its databases unless BENCH_DATABASE_URL says otherwise. */
export const DEFAULT_BENCH_SERVER = "postgres://postgres@127.0.0.1:5432/postgres";

export interface BenchDatabase {
  engine: Engine;
  /** Opens (and migrates) the database in this process; one handle at a time. */
  open: () => Promise<DatabaseHandle>;
  /** What the app server needs in its environment to use the same database. */
  serverEnv: Record<string, string>;
  /** Human-readable location, for stderr. */
  where: string;
  /** Removes the database or data folder; close any handle and stop any server first. */
  drop: () => Promise<void>;
}

/**
 * A fresh, empty database for one bench size: a new database on the
 * PostgreSQL server at `serverUrl`, or a new PGlite data folder opened exactly
 * as the app opens RAPPORT_DATA_DIR (db/configured.ts), so that the server
 * started afterwards finds what the bench seeded.
 */
export async function freshBenchDatabase(
  engine: Engine,
  label: string,
  serverUrl = DEFAULT_BENCH_SERVER,
): Promise<BenchDatabase> {
  if (engine === "pglite") {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `rapport-bench-${label}-`));
    return {
      engine,
      open: () => openAndMigrate({ dataDir }),
      serverEnv: { RAPPORT_DATA_DIR: dataDir },
      where: dataDir,
      drop: async () => fs.rmSync(dataDir, { recursive: true, force: true }),
    };
  }
  const maintenance = new URL(serverUrl);
  maintenance.pathname = "/postgres";
  const name = `bench_rapport_${label}_${process.pid}_${Date.now()}`;
  const admin = postgres(maintenance.toString(), { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}"`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    engine,
    open: () => openAndMigrate({ url: url.toString(), dataDir: "" }, 10),
    serverEnv: { DATABASE_URL: url.toString() },
    where: `${url.host}/${name}`,
    drop: async () => {
      await admin.unsafe(`drop database if exists "${name}" with (force)`);
      await admin.end({ timeout: 5 });
    },
  };
}
