import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { openDatabase, type DatabaseHandle } from "#db/client";
import { migrateDatabase } from "#db/migrate";

export type Engine = "pglite" | "postgres";

export function testEngine(): Engine {
  return process.env.RAPPORT_TEST_ENGINE === "postgres" ? "postgres" : "pglite";
}

/**
 * A fresh, migrated database for one test file: an in-memory PGlite, or on
 * PostgreSQL a copy of the run's migrated database. Call close() in afterAll.
 */
export async function createTestDatabase(): Promise<DatabaseHandle> {
  if (testEngine() === "pglite") {
    const handle = await openDatabase();
    await migrateDatabase(handle);
    return handle;
  }
  const templateUrl = new URL(requireEnv("TEST_DATABASE_URL"));
  const template = decodeURIComponent(templateUrl.pathname.slice(1));
  const name = `${template}_f${randomBytes(5).toString("hex")}`;
  const maintenanceUrl = new URL(templateUrl);
  maintenanceUrl.pathname = "/postgres";
  const admin = postgres(maintenanceUrl.toString(), { max: 1, onnotice: () => {} });
  await createFromTemplate(admin, name, template);
  const url = new URL(templateUrl);
  url.pathname = `/${name}`;
  const handle = await openDatabase({ url: url.toString(), poolSize: 4 });
  return {
    ...handle,
    close: async () => {
      await handle.close();
      await admin.unsafe(`drop database if exists "${name}" with (force)`);
      await admin.end({ timeout: 5 });
    },
  };
}

// Two files copying the template at the same instant can collide on its lock; retry briefly.
async function createFromTemplate(admin: postgres.Sql, name: string, template: string) {
  for (let attempt = 0; ; attempt++) {
    try {
      await admin.unsafe(`create database "${name}" template "${template}"`);
      return;
    } catch (error) {
      if (attempt >= 20 || !String(error).includes("being accessed by other users")) throw error;
      await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
    }
  }
}

function requireEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
}
