import { openDatabase } from "#db/client";
import { migrateDatabase } from "#db/migrate";

/**
 * Migrates the run's database once; each test file then gets its own copy
 * (CREATE DATABASE ... TEMPLATE), so files never share state.
 */
export default async function setup() {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error("TEST_DATABASE_URL is not set");
  const handle = await openDatabase({ url, poolSize: 1 });
  try {
    await migrateDatabase(handle, url);
  } finally {
    await handle.close();
  }
}
