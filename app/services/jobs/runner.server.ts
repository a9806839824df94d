// Runs the recurring jobs (./registry.server.ts) on pg-boss, on PostgreSQL and on PGlite alike, through
// the app's own connection (DatabaseHandle.executeSql). ADR 036.
import cronParser from "cron-parser";
import { sql } from "drizzle-orm";
import PgBoss from "pg-boss";
import type { DatabaseHandle } from "#db/client";
import { recurringJobs } from "#db/schema";
import type { Database } from "../db.server";
import type { RecurringJob } from "./recurring-job";

export interface JobRunner {
  /** Settles once the runner has started (or has been stopped before it could). */
  readonly ready: Promise<void>;
  /** Queues a run of a job now, as its cron would: for tests and operators. Null if one is already waiting. */
  runNow: (name: string) => Promise<string | null>;
  /** Stops taking jobs and waits for the runs in progress (up to `stopTimeoutMs`), then for their bookkeeping. */
  stop: () => Promise<void>;
}

export interface JobLog {
  info: (line: string) => void;
  warn: (line: string) => void;
}

export interface JobRunnerOptions {
  /** The app's database: `db` for the jobs, `executeSql` for pg-boss (both follow resetConnections). */
  database: Pick<DatabaseHandle, "db" | "executeSql">;
  jobs: readonly RecurringJob[];
  log?: JobLog;
  /**
   * How often each job's queue is looked at. With pg-boss's cron pass every `cronSeconds` and its hand-over
   * queue looked at as often, a minute's job starts within cronSeconds + 2 × pollSeconds of its minute.
   */
  pollSeconds?: number;
  cronSeconds?: number;
  /** A failed run is tried again this many times, after retryDelaySeconds, doubling. */
  retryLimit?: number;
  retryDelaySeconds?: number;
  /** A run still going after this long is failed (and retried): a crashed server's runs come back then. */
  expireSeconds?: number;
  stopTimeoutMs?: number;
  /** The time each run is given as `now`, and the catch-up decision's; tests move it. */
  clock?: () => Date;
}

export const JOB_DEFAULTS = {
  pollSeconds: 10,
  cronSeconds: 30,
  retryLimit: 3,
  retryDelaySeconds: 30,
  expireSeconds: 15 * 60,
  stopTimeoutMs: 30_000,
} as const;

const consoleLog: JobLog = { info: (line) => console.info(line), warn: (line) => console.warn(line) };

/**
 * pg-boss marks a run done or failed without waiting for it (manager.js calls complete() and fail()
 * unawaited), so a database outage at that moment would be an unhandled rejection, which ends Node. These
 * two statements' failures are reported here instead; the run stays active and pg-boss retries it when it
 * expires.
 */
export const UNAWAITED = [
  /^\s*WITH results AS \(\s*UPDATE \S+\.job\s+SET completed_on = now\(\)/,
  /^\s*WITH deleted_jobs AS \(/,
];

/**
 * Starts pg-boss on the app's database: one queue per job (policy "stately": at most one run waiting and one
 * running, so a slow run never overlaps the next tick's), scheduled by its cron, worked by this server. Every
 * server runs one; pg-boss's cron pass and its queues make each tick run once across them all. A tick that
 * came while no server was up runs once after a start (the catch-up, below).
 */
export function startJobRunner(options: JobRunnerOptions): JobRunner {
  const log = options.log ?? consoleLog;
  const clock = options.clock ?? (() => new Date());
  const settings = { ...JOB_DEFAULTS, ...definedOnly(options) };
  const notice = outageNotice(log);
  const inFlight = new Set<Promise<unknown>>();
  const running = new Set<Promise<unknown>>();
  let stopped = false;
  let wake = () => {};

  const newBoss = () => {
    const created = new PgBoss({
      db: {
        executeSql: (text: string, values?: unknown[]) => {
          const query = options.database.executeSql(text, values).then(
            (result) => {
              notice.fine();
              return result;
            },
            (error: unknown) => {
              if (!UNAWAITED.some((statement) => statement.test(text))) throw error;
              notice.trouble(error);
              return { rows: [] };
            },
          );
          inFlight.add(query);
          void query.finally(() => inFlight.delete(query)).catch(() => {});
          return query;
        },
      },
      // Its schema is made by our migrations (db/migrations, "job_queue"); with it there, this only reads
      // pgboss.version, and runs pg-boss's own migrations when a newer pg-boss finds an older schema.
      migrate: true,
      cronMonitorIntervalSeconds: settings.cronSeconds,
      cronWorkerIntervalSeconds: Math.max(1, Math.round(settings.pollSeconds)),
      // Expiring, archiving and deleting old jobs: every few minutes is plenty for jobs that run once a minute.
      maintenanceIntervalSeconds: 300,
      // The clock check only warns: every ten minutes, its longest.
      clockMonitorIntervalSeconds: 600,
    });
    created.on("error", (error: unknown) => notice.trouble(error));
    return created;
  };
  let boss = newBoss();

  const work = async (job: RecurringJob, meta: PgBoss.JobWithMetadata) => {
    const now = clock();
    try {
      await job.run(options.database.db, now);
    } catch (error) {
      if (isConnectionTrouble(error)) notice.trouble(error);
      else {
        const left = meta.retryLimit - meta.retryCount;
        log.warn(
          `job ${job.name} failed${left > 0 ? `, trying again (${left} more ${left === 1 ? "try" : "tries"})` : ", giving up on this run"}: ${briefly(error)}`,
        );
      }
      throw error;
    }
    await options.database.db
      .insert(recurringJobs)
      .values({ name: job.name, lastRunAt: now })
      .onConflictDoUpdate({
        target: recurringJobs.name,
        set: { lastRunAt: sql`greatest(${recurringJobs.lastRunAt}, excluded.last_run_at)` },
      });
  };

  /** This server's worker of each queue, so a run queued here starts now rather than at the next poll. */
  const workers = new Map<string, string>();
  const timers: NodeJS.Timeout[] = [];
  const send = async (name: string, sendOptions: PgBoss.SendOptions = {}) => {
    const id = await boss.send(name, {}, sendOptions);
    const worker = workers.get(name);
    if (id && worker) boss.notifyWorker(worker);
    return id;
  };

  const start = async () => {
    await boss.start();
    for (const job of options.jobs) {
      if (stopped) return;
      const queue = {
        name: job.name,
        policy: "stately" as const,
        retryLimit: settings.retryLimit,
        retryDelay: settings.retryDelaySeconds,
        retryBackoff: true,
        expireInSeconds: settings.expireSeconds,
      };
      await boss.createQueue(job.name, queue);
      await boss.updateQueue(job.name, queue);
      await boss.schedule(job.name, job.cron, {}, { tz: "UTC" });
      const worker = await boss.work<object>(
        job.name,
        { pollingIntervalSeconds: settings.pollSeconds, batchSize: 1, includeMetadata: true },
        async ([meta]) => {
          const run = work(job, meta!);
          running.add(run);
          try {
            await run;
          } finally {
            running.delete(run);
          }
        },
      );
      workers.set(job.name, worker);
      if (await claimCatchUp(options.database.db, job, clock())) await send(job.name);
      if (job.everySeconds) {
        const seconds = job.everySeconds;
        // One run per period across servers (singletonSeconds); an outage meanwhile is the notice's to tell.
        const offer = () => void send(job.name, { singletonSeconds: seconds }).catch((e) => notice.trouble(e));
        const timer = setInterval(offer, seconds * 1000);
        timer.unref();
        timers.push(timer);
      }
    }
  };

  const ready = (async () => {
    // A server may start while PostgreSQL is down: keep trying, quietly, until it is up or we stop.
    while (!stopped) {
      try {
        await start();
        return;
      } catch (error) {
        notice.trouble(error);
        // A pg-boss whose start failed half way does not start again: the next try gets a new one.
        await boss.stop({ graceful: false, close: false }).catch(() => {});
        boss = newBoss();
        await new Promise<void>((resolve) => {
          wake = resolve;
          setTimeout(resolve, settings.pollSeconds * 1000).unref();
        });
      }
    }
  })();

  return {
    ready,
    runNow: async (name) => {
      await ready;
      return send(name);
    },
    stop: async () => {
      stopped = true;
      for (const timer of timers) clearInterval(timer);
      wake();
      await ready;
      await boss.stop({ graceful: true, wait: true, close: false, timeout: settings.stopTimeoutMs });
      await Promise.allSettled([...running]);
      // pg-boss's own last statements (marking the runs done) finish before the database may close.
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
    },
  };
}

/**
 * Whether this server should queue a run of `job` now because its last cron tick came while no server ran
 * it: the job has not finished a run since that tick, and no server has queued a catch-up for it yet. One
 * statement, so of several servers starting at once exactly one queues it. A job never run before runs at
 * the first start.
 */
export async function claimCatchUp(db: Database, job: RecurringJob, now: Date): Promise<boolean> {
  const tick = lastTick(job.cron, now);
  const claimed = await db
    .insert(recurringJobs)
    .values({ name: job.name, catchUpFor: tick })
    .onConflictDoUpdate({
      target: recurringJobs.name,
      set: { catchUpFor: sql`excluded.catch_up_for` },
      setWhere: sql`(${recurringJobs.lastRunAt} is null or ${recurringJobs.lastRunAt} < excluded.catch_up_for)
        and (${recurringJobs.catchUpFor} is null or ${recurringJobs.catchUpFor} < excluded.catch_up_for)`,
    })
    .returning({ name: recurringJobs.name });
  return claimed.length > 0;
}

/** The most recent minute at or before `now` that `cron` (UTC) names. */
export function lastTick(cron: string, now: Date): Date {
  const next = cronParser.parseExpression(cron, { tz: "UTC", currentDate: new Date(now.getTime() + 1) });
  return next.prev().toDate();
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/**
 * One line when the queue loses the database and one when it has it again, however many of pg-boss's
 * timers fail in between (tests/load restarts PostgreSQL and reads the log). Anything that is not a lost
 * connection is a bug and says so every time.
 */
function outageNotice(log: JobLog) {
  let down = false;
  return {
    trouble(error: unknown) {
      if (!isConnectionTrouble(error)) {
        log.warn(`jobs: ${briefly(error)}`);
        return;
      }
      if (down) return;
      down = true;
      log.warn(`jobs: the queue could not reach the database, trying again: ${briefly(error)}`);
    },
    fine() {
      if (!down) return;
      down = false;
      log.info("jobs: the queue can reach the database again");
    },
  };
}

const CONNECTION_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "EPIPE",
  "ETIMEDOUT",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "CONNECT_TIMEOUT",
  "CONNECTION_CLOSED",
  "CONNECTION_ENDED",
  "CONNECTION_DESTROYED",
  "57P01",
  "57P02",
  "57P03",
  "53300",
]);

/** A lost or refused connection, as app/http/database-outage.server.ts reads one (services may not import it). */
export function isConnectionTrouble(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== "object" || depth > 5) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === "string" && (CONNECTION_CODES.has(code) || code.startsWith("08"))) return true;
  const nested = (error as { errors?: unknown }).errors;
  if (Array.isArray(nested) && nested.some((e) => isConnectionTrouble(e, depth + 1))) return true;
  return isConnectionTrouble((error as { cause?: unknown }).cause, depth + 1);
}

/** One line: the driver's code and first line, never a whole statement with its parameters. */
function briefly(error: unknown): string {
  const cause = (error as { cause?: unknown } | null)?.cause ?? error;
  const code = (cause as { code?: unknown } | null)?.code;
  const message = (cause as { message?: unknown } | null)?.message;
  const text = (typeof message === "string" ? message : String(cause)).split("\n")[0] ?? "";
  return (typeof code === "string" ? `${code}: ${text}` : text).slice(0, 300);
}
