import { randomBytes } from "node:crypto";
import { threadId } from "node:worker_threads";
import type { PGlite } from "@electric-sql/pglite";
import { sql } from "drizzle-orm";
import postgres from "postgres";
import { expect, inject } from "vitest";
import { openDatabase, rowsOf, type DatabaseHandle } from "#db/client";
import { migrateDatabase, seedChecklistPoints } from "#db/migrate";

export type Engine = "pglite" | "postgres";

export function testEngine(): Engine {
  return process.env.RAPPORT_TEST_ENGINE === "postgres" ? "postgres" : "pglite";
}

/**
 * The worker's own database, booted and migrated by the first file that asks for one and emptied for
 * every file after it (ADR 018). Kept on globalThis because each file re-imports this module
 * (tests/setup/setup-test-env.ts resets the module registry) while the worker thread lives on.
 */
interface WorkerDatabase {
  /** PGlite: the instance every file's handle wraps. */
  pglite?: PGlite;
  /** PostgreSQL: the worker's database, a copy of the run's migrated template. */
  url?: string;
  reset: ResetStatements;
  /** The file holding it, until its handle is closed. */
  lentTo?: string;
}

declare global {
  var __rapportTestDatabase: Promise<WorkerDatabase> | undefined;
}

/**
 * An empty, migrated database for one test file, as if freshly made: every table emptied but for the
 * checklist points migrateDatabase seeds. It is the worker's database, which the next file gets emptied
 * again; close() hands it back (PostgreSQL: also ends this file's connections) and never destroys it.
 * A second database in the same file, while the first is open, is a separate throwaway one.
 */
export async function createTestDatabase(): Promise<DatabaseHandle> {
  const file = currentFile();
  let shared: WorkerDatabase;
  try {
    shared = await (globalThis.__rapportTestDatabase ??= openWorkerDatabase());
  } catch (error) {
    globalThis.__rapportTestDatabase = undefined;
    throw error;
  }
  if (shared.lentTo === file) return createPrivateDatabase(shared);
  shared.lentTo = file;
  const handle = shared.pglite
    ? await openDatabase({ pglite: shared.pglite })
    : await openDatabase({ url: shared.url, poolSize: 4 });
  await resetDatabase(handle, shared.reset);
  return {
    ...handle,
    // A getter on the handle (PostgreSQL's db follows resetConnections), so it is not copied.
    get db() {
      return handle.db;
    },
    close: async () => {
      if (shared.lentTo === file) shared.lentTo = undefined;
      if (handle.engine === "postgres") await handle.close();
    },
  };
}

/**
 * Empties every table and puts back the checklist points, the only rows a fresh database has. One
 * transaction of DELETEs with the app's triggers and the foreign-key checks off (replica role), which
 * measured several times faster than TRUNCATE on PostgreSQL; a role not allowed to do that truncates.
 */
export async function resetDatabase(handle: DatabaseHandle, statements?: ResetStatements): Promise<void> {
  const reset = statements ?? (await resetStatements(handle));
  if (reset.canSkipTriggers) {
    try {
      await handle.db.execute(sql.raw(reset.delete));
    } catch (error) {
      if (!isPermissionDenied(error)) throw error;
      reset.canSkipTriggers = false;
    }
  }
  if (!reset.canSkipTriggers) await handle.db.execute(sql.raw(reset.truncate));
  await seedChecklistPoints(handle);
}

export interface ResetStatements {
  delete: string;
  truncate: string;
  canSkipTriggers: boolean;
}

/** The statements that reset this database's tables, worked out once per worker. */
export async function resetStatements(handle: DatabaseHandle): Promise<ResetStatements> {
  const tables = rowsOf<{ name: string }>(
    await handle.db.execute(
      sql`select quote_ident(tablename) as name from pg_tables where schemaname = 'public' order by 1`,
    ),
  ).map((t) => t.name);
  if (tables.length === 0) throw new Error("no tables to reset: is the database migrated?");
  // None today; a fresh database's numbering starts over if one is added.
  const sequences = rowsOf<{ name: string }>(
    await handle.db.execute(
      sql`select quote_ident(sequencename) as name from pg_sequences where schemaname = 'public'`,
    ),
  ).map((s) => `alter sequence ${s.name} restart;`);
  return {
    // One statement (PGlite's extended protocol takes no more), one round trip; SET LOCAL lasts until
    // its implicit transaction ends.
    delete: [
      "do $reset$ begin",
      "set local session_replication_role = replica;",
      ...tables.map((name) => `delete from ${name};`),
      ...sequences,
      "end $reset$",
    ].join("\n"),
    truncate: `truncate table ${tables.join(", ")} restart identity cascade`,
    canSkipTriggers: true,
  };
}

const isPermissionDenied = (error: unknown): boolean =>
  error instanceof Error && ((error as { code?: string }).code === "42501" || isPermissionDenied(error.cause));

async function openWorkerDatabase(): Promise<WorkerDatabase> {
  if (testEngine() === "pglite") {
    const handle = await openDatabase();
    await migrateDatabase(handle);
    return { pglite: handle.pglite!, reset: await resetStatements(handle) };
  }
  // One per worker (a thread: the process id alone is shared), never shared with a concurrent worker;
  // the global setup's teardown drops it.
  const url = await copyTemplate(`w${process.pid}_${threadId}`);
  const handle = await openDatabase({ url, poolSize: 1 });
  try {
    return { url, reset: await resetStatements(handle) };
  } finally {
    await handle.close();
  }
}

/** A database for the caller alone, like the worker's, destroyed by its close(). */
async function createPrivateDatabase(shared: WorkerDatabase): Promise<DatabaseHandle> {
  if (shared.pglite) {
    // A clone of the migrated database (about half the time of booting and migrating a new one), emptied.
    const copy = await shared.pglite.clone();
    const handle = await openDatabase({ pglite: copy as PGlite });
    await resetDatabase(handle, shared.reset);
    return handle;
  }
  const url = await copyTemplate(`f${randomBytes(5).toString("hex")}`);
  const handle = await openDatabase({ url, poolSize: 4 });
  return {
    ...handle,
    get db() {
      return handle.db;
    },
    close: async () => {
      await handle.close();
      await withMaintenance((admin) => admin.unsafe(`drop database if exists "${nameOf(url)}" with (force)`));
    },
  };
}

/** A new database copied from the run's migrated template, named with the run's prefix; returns its url. */
async function copyTemplate(suffix: string): Promise<string> {
  const templateUrl = new URL(requireEnv("TEST_DATABASE_URL"));
  const name = `${inject("testDatabasePrefix")}${suffix}`;
  await withMaintenance((admin) => createFromTemplate(admin, name, nameOf(templateUrl.toString())));
  const url = new URL(templateUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

// Two workers copying the template at the same instant can collide on its lock; retry briefly.
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

async function withMaintenance<T>(work: (admin: postgres.Sql) => Promise<T>): Promise<T> {
  const url = new URL(requireEnv("TEST_DATABASE_URL"));
  url.pathname = "/postgres";
  const admin = postgres(url.toString(), { max: 1, onnotice: () => {} });
  try {
    return await work(admin);
  } finally {
    await admin.end({ timeout: 5 });
  }
}

const nameOf = (url: string) => decodeURIComponent(new URL(url).pathname.slice(1));

function currentFile(): string {
  const file = expect.getState().testPath;
  if (!file) throw new Error("createTestDatabase is for test files");
  return file;
}

function requireEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
}
