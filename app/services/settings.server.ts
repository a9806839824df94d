import { eq } from "drizzle-orm";
import { appSettings } from "#db/schema";
import type { Database } from "./db.server";

/** Stores `value` under `key` unless one is there already; returns whichever is stored. */
export async function readOrCreateSetting(db: Database, key: string, value: string): Promise<string> {
  await db.insert(appSettings).values({ key, value }).onConflictDoNothing();
  const [row] = await db.select({ value: appSettings.value }).from(appSettings).where(eq(appSettings.key, key));
  if (!row) throw new Error(`setting ${key} vanished`);
  return row.value;
}
