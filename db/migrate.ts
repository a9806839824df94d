import fs from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import type { PgliteDatabase } from "drizzle-orm/pglite";
import type { DatabaseHandle } from "./client";
import { checklistPoints } from "./schema";
import { CHECKLIST_POINTS } from "./seed/checklist-points";

const MIGRATIONS_FOLDER = path.resolve(process.cwd(), "db/migrations");

/** The tag of the last checked-in migration (0023_backup_security_event): the schema this code writes. */
export function latestSchemaVersion(): string {
  const journal = JSON.parse(fs.readFileSync(path.join(MIGRATIONS_FOLDER, "meta/_journal.json"), "utf8")) as {
    entries: { tag: string }[];
  };
  const last = journal.entries.at(-1);
  if (!last) throw new Error("db/migrations/meta/_journal.json lists no migration");
  return last.tag;
}

/**
 * Applies the checked-in migrations, then upserts the fifteen checklist points
 * so their wording follows the code (seedChecklistPoints, run on every start). PostgreSQL migrates over its own
 * short-lived connection, never the app's pool.
 */
export async function migrateDatabase(handle: DatabaseHandle, url?: string): Promise<void> {
  if (handle.engine === "postgres") {
    if (!url) throw new Error("migrateDatabase: a PostgreSQL handle needs its url");
    const client = postgres(url, { max: 1, onnotice: () => {} });
    try {
      await migratePostgres(drizzle(client), { migrationsFolder: MIGRATIONS_FOLDER });
    } finally {
      await client.end({ timeout: 5 });
    }
  } else {
    await migratePglite(handle.db as unknown as PgliteDatabase, { migrationsFolder: MIGRATIONS_FOLDER });
  }
  await seedChecklistPoints(handle);
}

export async function seedChecklistPoints({ db }: DatabaseHandle): Promise<void> {
  await db
    .insert(checklistPoints)
    .values(CHECKLIST_POINTS.map((p) => ({ ...p })))
    .onConflictDoUpdate({
      target: checklistPoints.key,
      set: {
        lens: sql`excluded.lens`,
        title: sql`excluded.title`,
        customerStatement: sql`excluded.customer_statement`,
        peopleTranslation: sql`excluded.people_translation`,
        question: sql`excluded.question`,
        selfQuestion: sql`excluded.self_question`,
      },
    });
}
