import postgres from "postgres";
import { openAndMigrate } from "../../db/configured";
import type { DatabaseHandle } from "../../db/client";
import { openDatabase } from "../../db/client";
import { migrateDatabase } from "../../db/migrate";

export interface BenchDatabase {
  handle: DatabaseHandle;
  engine: "pglite" | "postgres";
  dispose: () => Promise<void>;
}

/**
 * A fresh database for one bench run: a new database on the server named by
 * BENCH_DATABASE_URL (dropped afterwards), or an in-memory PGlite.
 */
export async function freshBenchDatabase(label: string): Promise<BenchDatabase> {
  const serverUrl = process.env.BENCH_DATABASE_URL;
  if (!serverUrl) {
    const handle = await openDatabase();
    await migrateDatabase(handle);
    return { handle, engine: "pglite", dispose: () => handle.close() };
  }
  const base = new URL(serverUrl);
  const name = `rapport_bench_${label}_${Date.now()}`;
  const maintenance = new URL(base);
  maintenance.pathname = "/postgres";
  const admin = postgres(maintenance.toString(), { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}"`);
  const url = new URL(base);
  url.pathname = `/${name}`;
  const handle = await openAndMigrate({ url: url.toString(), dataDir: "" }, 10);
  return {
    handle,
    engine: "postgres",
    dispose: async () => {
      await handle.close();
      await admin.unsafe(`drop database if exists "${name}" with (force)`);
      await admin.end({ timeout: 5 });
    },
  };
}
