import { PGlite } from "@electric-sql/pglite";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import type { Logger } from "drizzle-orm/logger";
import postgres from "postgres";
import * as schema from "./schema";

type Schema = typeof schema;
/** Both engines' drizzle instances (and their transactions) are this type. */
export type Database = PgDatabase<PgQueryResultHKT, Schema>;
export type Engine = "pglite" | "postgres";

export interface DatabaseHandle {
  db: Database;
  engine: Engine;
  /** Counts statements sent, for benchmarks and the "no query per row" tests. */
  queryCount: () => number;
  close: () => Promise<void>;
  /** The raw PGlite instance, when the engine is PGlite (tests clone and dump it). */
  pglite?: PGlite;
  /**
   * PostgreSQL only: replaces the pool with a fresh one (later `db` reads get it) and ends the old one
   * ten seconds later. For after an outage, whose closed connections the driver may reuse with stale
   * state (app/http/database-outage.server.ts).
   */
  resetConnections?: () => void;
  /**
   * Runs SQL text as given, outside drizzle and its statement count: with values, one statement with
   * $1... parameters; without, any number of statements. For pg-boss (app/services/jobs), which brings
   * its own SQL; on PostgreSQL it uses the current pool, so it follows resetConnections.
   */
  executeSql: (text: string, values?: unknown[]) => Promise<{ rows: unknown[] }>;
  /**
   * Calls `onNotify` with the payload of every NOTIFY on `channel` once committed, and `onListen` each time
   * listening (re)starts. PostgreSQL: on a connection of its own, outside the pool, which the driver
   * reconnects after it drops; PGlite: the instance's own LISTEN, in process. The returned stop ends it.
   * app/services/live/channel.server.ts is its one user (ADR 039).
   */
  listen: (channel: string, onNotify: (payload: string) => void, onListen?: () => void) => Promise<() => Promise<void>>;
}

export interface OpenOptions {
  /** postgres://... to use a PostgreSQL server; otherwise PGlite. */
  url?: string;
  /** PGlite data folder; omitted means in memory. */
  dataDir?: string;
  /** An already opened PGlite (tests hand in a clone of a migrated template). */
  pglite?: PGlite;
  /** Connections in the postgres pool. */
  poolSize?: number;
}

class CountingLogger implements Logger {
  count = 0;
  logQuery() {
    this.count++;
  }
}

export async function openDatabase(options: OpenOptions = {}): Promise<DatabaseHandle> {
  const logger = new CountingLogger();
  if (options.url) {
    const url = options.url;
    const connect = () =>
      postgres(url, {
        max: options.poolSize ?? 10,
        onnotice: () => {},
        // Fail fast while the server is down, so requests get a clean 503 instead of hanging.
        connect_timeout: 5,
        idle_timeout: 60,
        // The driver's default waits up to 20 s between attempts, growing with every failure of any
        // connection: queued queries then hang long after PostgreSQL is back (tests/load measured 19 s).
        // A short fixed pause rejects them promptly while it is down and reconnects at once when it is up.
        backoff: () => 0.1,
      });
    let client = connect();
    let db = drizzlePostgres(client, { schema, logger }) as unknown as Database;
    return {
      get db() {
        return db;
      },
      engine: "postgres",
      queryCount: () => logger.count,
      executeSql: async (text, values) => {
        const result = await client.unsafe(text, values?.map(asParameter));
        return { rows: Array.from(result as Iterable<unknown>) };
      },
      close: () => client.end({ timeout: 5 }),
      resetConnections: () => {
        const old = client;
        client = connect();
        db = drizzlePostgres(client, { schema, logger }) as unknown as Database;
        // Requests already running finish on the old pool first. Never awaited: after a
        // disconnection its end may not settle (porsager/postgres#1097).
        setTimeout(() => void old.end({ timeout: 5 }).catch(() => {}), 10_000).unref();
      },
      listen: async (channel, onNotify, onListen) => {
        // Its own client, so replacing the pool after an outage never drops the listener with it.
        const listener = postgres(url, { max: 1, onnotice: () => {}, connect_timeout: 5, backoff: () => 0.1 });
        try {
          await listener.listen(channel, onNotify, onListen);
        } catch (error) {
          void listener.end({ timeout: 0 }).catch(() => {});
          throw error;
        }
        return () => listener.end({ timeout: 1 }).catch(() => {});
      },
    };
  }
  const pglite = options.pglite ?? new PGlite(options.dataDir);
  await pglite.waitReady;
  const db = drizzlePglite(pglite, { schema, logger }) as unknown as Database;
  return {
    db,
    engine: "pglite",
    pglite,
    queryCount: () => logger.count,
    executeSql: async (text, values) => {
      if (values && values.length > 0) return { rows: (await pglite.query(text, values)).rows };
      // exec takes several statements (pg-boss's migrations); the last one's rows are the answer.
      const results = await pglite.exec(text);
      return { rows: results.at(-1)?.rows ?? [] };
    },
    close: () => pglite.close(),
    listen: async (channel, onNotify, onListen) => {
      const unlisten = await pglite.listen(channel, onNotify);
      onListen?.();
      return unlisten;
    },
  };
}

/**
 * drizzle makes postgres-js pass json and timestamp parameters through as they are (it serializes them
 * itself), so raw SQL hands them over as text: objects as JSON, dates as ISO 8601.
 */
function asParameter(value: unknown): postgres.ParameterOrJSON<never> {
  if (value === undefined || value === null) return null;
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "object" && !Array.isArray(value) && !(value instanceof Uint8Array))
    return JSON.stringify(value);
  return value as postgres.ParameterOrJSON<never>;
}

/** postgres-js returns an array of rows, PGlite an object with `rows`. */
export function rowsOf<T>(result: unknown): T[] {
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}
