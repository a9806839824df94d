import { randomBytes } from "node:crypto";
import { createRequire } from "node:module";
import { sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import { openDatabase, rowsOf, type DatabaseHandle } from "#db/client";
import { recurringJobs } from "#db/schema";
import { createTestDatabase, testEngine } from "#tests/setup/test-database";
import type { RecurringJob } from "./recurring-job";
import { RECURRING_JOBS } from "./registry.server";
import { lastTick, startJobRunner, type JobLog, type JobRunner, type JobRunnerOptions } from "./runner.server";

/**
 * The recurring jobs run on pg-boss over the app's own connection, on both engines: each tick once across
 * several runners, a tick missed while none ran once after a start, a failure retried, stop graceful, an
 * outage one line. Fast settings (a cron pass every second, queues looked at twice a second) stand in for
 * the minute-scale defaults; no test waits for a real minute's tick to be missed.
 */

let handle: DatabaseHandle;
let other: DatabaseHandle | undefined;
const runners: JobRunner[] = [];
const names: string[] = [];

beforeAll(async () => {
  handle = await createTestDatabase();
  // On PostgreSQL a second pool to the same database, as a second app server has; PGlite is one
  // connection in one process, so there both runners share it.
  if (testEngine() === "postgres") {
    const [{ name } = { name: "" }] = rowsOf<{ name: string }>(
      await handle.db.execute(sql`select current_database() as name`),
    );
    const url = new URL(process.env.TEST_DATABASE_URL!);
    url.pathname = `/${name}`;
    other = await openDatabase({ url: url.toString(), poolSize: 2 });
  }
});
afterEach(async () => {
  await Promise.all(runners.splice(0).map((r) => r.stop()));
  // The queues stay (pg-boss keeps them in its own schema, which tests do not empty); their schedules go.
  if (names.length > 0)
    await handle.executeSql("delete from pgboss.schedule where name = any($1::text[])", [names.splice(0)]);
});
afterAll(async () => {
  await other?.close();
  await handle.close();
});

interface Recorder {
  lines: string[];
  log: JobLog;
}
function recorder(): Recorder {
  const lines: string[] = [];
  return { lines, log: { info: (line) => lines.push(line), warn: (line) => lines.push(line) } };
}

/** A job of this test's own (queue names are unique: the pgboss schema outlives each file's reset). */
function job(cron: string, run: RecurringJob["run"]): RecurringJob {
  const name = `test-${randomBytes(4).toString("hex")}`;
  names.push(name);
  return { name, cron, run };
}

function runner(jobs: RecurringJob[], over: Partial<JobRunnerOptions> = {}, database = handle): JobRunner {
  const r = startJobRunner({
    database,
    jobs,
    log: process.env.DEBUG_JOBS ? { info: console.info, warn: console.warn } : recorder().log,
    pollSeconds: 0.5,
    cronSeconds: 1,
    retryDelaySeconds: 1,
    ...over,
  });
  runners.push(r);
  return r;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
async function until(condition: () => boolean | Promise<boolean>, what: string, ms = 15_000) {
  const end = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > end) throw new Error(`timed out waiting until ${what}`);
    await sleep(50);
  }
}

/** Marks a job as having run at `at`, so a start does not queue a catch-up run of it. */
const ranAt = (name: string, at: Date) => handle.db.insert(recurringJobs).values({ name, lastRunAt: at });

const jobStates = async (name: string) =>
  rowsOf<{ state: string; retry_count: number }>(
    await handle.executeSql(
      "select state, retry_count from pgboss.job where name = $1 union all select state, retry_count from pgboss.archive where name = $1",
      [name],
    ),
  );

describe(`the job runner (${testEngine()})`, () => {
  test("pg-boss finds its schema made by our migrations, at the version it needs", async () => {
    const required = (createRequire(import.meta.url)("pg-boss/version.json") as { schema: number }).schema;
    const [row] = rowsOf<{ version: number }>(await handle.executeSql("select version from pgboss.version"));
    expect(Number(row?.version)).toBe(required);
    const r = runner([]);
    await r.ready;
    expect(RECURRING_JOBS.map((j) => j.name)).toContain("trend-months");
  });

  test("a cron tick runs once with two runners on two connections", async () => {
    // Stay clear of a minute's end: the next minute is a tick of its own.
    if (new Date().getUTCSeconds() > 45) await sleep((61 - new Date().getUTCSeconds()) * 1000);
    const runs: Date[] = [];
    const everyMinute = job("* * * * *", async (_db, now) => {
      runs.push(now);
    });
    await ranAt(everyMinute.name, new Date());
    const a = runner([everyMinute]);
    const b = runner([everyMinute], {}, other ?? handle);
    await Promise.all([a.ready, b.ready]);
    await until(() => runs.length > 0, "the minute's tick has run");
    await sleep(3_000);
    expect(runs).toHaveLength(1);
  }, 40_000);

  test("a job with everySeconds runs between its cron ticks, once per period across two runners", async () => {
    const runs: Date[] = [];
    // A cron that will not come during the test: every run below is one of the periods'.
    const often = { ...job("0 0 1 1 *", async (_db, now) => void runs.push(now)), everySeconds: 2 };
    await ranAt(often.name, new Date());
    const a = runner([often]);
    const b = runner([often], {}, other ?? handle);
    await Promise.all([a.ready, b.ready]);
    await until(() => runs.length >= 2, "two periods' runs", 15_000);
    const started = runs.length;
    await sleep(4_100);
    // Two runners offering a run every 2 s: one per period, so about two more in 4 s, never four.
    expect(runs.length - started).toBeGreaterThanOrEqual(1);
    expect(runs.length - started).toBeLessThanOrEqual(3);
  }, 40_000);

  test("a tick due while no runner was up runs once after a start, however many start", async () => {
    const runs: Date[] = [];
    const yearly = job("0 0 1 1 *", async (_db, now) => {
      runs.push(now);
    });
    const missed = job("0 0 1 1 *", async () => {});
    const now = new Date();
    // Last run before this year's tick: missed. The other ran after it: nothing to catch up.
    await ranAt(yearly.name, new Date(Date.UTC(now.getUTCFullYear() - 1, 5, 1)));
    let upToDateRuns = 0;
    const upToDate = job("0 0 1 1 *", async () => {
      upToDateRuns++;
    });
    await ranAt(upToDate.name, new Date(lastTick(upToDate.cron, now).getTime() + 60_000));
    const first = [runner([yearly, upToDate]), runner([yearly, upToDate], {}, other ?? handle)];
    await Promise.all(first.map((r) => r.ready));
    await until(() => runs.length > 0, "the missed tick has run");
    await sleep(1_500);
    expect(runs).toHaveLength(1);
    expect(upToDateRuns).toBe(0);

    // A restart after the catch-up ran: nothing more.
    await Promise.all(runners.splice(0).map((r) => r.stop()));
    await runner([yearly, upToDate]).ready;
    await sleep(1_500);
    expect(runs).toHaveLength(1);
    // A job never run before runs at the first start.
    const neverRan: Date[] = [];
    const fresh = { ...missed, run: async (_db: unknown, at: Date) => void neverRan.push(at) };
    await runner([fresh]).ready;
    await until(() => neverRan.length === 1, "a new job's first run");
  }, 40_000);

  test("a failing run is retried by pg-boss and logged once", async () => {
    let attempts = 0;
    const flaky = job("0 0 1 1 *", async () => {
      attempts++;
      if (attempts === 1) throw new Error("the first try fails");
    });
    await ranAt(flaky.name, new Date());
    const { lines, log } = recorder();
    const r = runner([flaky], { log });
    await r.runNow(flaky.name);
    await until(() => attempts === 2, "the retry has run");
    await until(async () => (await jobStates(flaky.name)).some((j) => j.state === "completed"), "the run is done");
    expect(lines).toEqual([`job ${flaky.name} failed, trying again (3 more tries): the first try fails`]);
    expect(await jobStates(flaky.name)).toEqual([{ state: "completed", retry_count: 1 }]);
  }, 30_000);

  test("stop waits for the run in progress, then its bookkeeping", async () => {
    let started = false;
    let finished = false;
    const slow = job("0 0 1 1 *", async () => {
      started = true;
      await sleep(800);
      finished = true;
    });
    await ranAt(slow.name, new Date(0));
    const r = runner([slow]);
    // The catch-up queues it at the start.
    await until(() => started, "the run has started");
    runners.splice(runners.indexOf(r), 1);
    await r.stop();
    expect(finished).toBe(true);
    expect(await jobStates(slow.name)).toEqual([{ state: "completed", retry_count: 0 }]);
    const [row] = await handle.db
      .select()
      .from(recurringJobs)
      .where(sql`${recurringJobs.name} = ${slow.name}`);
    expect(row?.lastRunAt?.getTime()).toBeGreaterThan(Date.now() - 10_000);
  }, 30_000);

  let down = false;
  const refused = () => Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" });
  // The connection refuses while `down`, as a stopped PostgreSQL does; the database behind it is real.
  const flaky: Pick<DatabaseHandle, "db" | "executeSql"> = {
    get db() {
      return handle.db;
    },
    executeSql: (text, values) => (down ? Promise.reject(refused()) : handle.executeSql(text, values)),
  };

  test("a runner started while the database is down starts once it is back, and says so in two lines", async () => {
    const runs: Date[] = [];
    const fresh = job("0 0 1 1 *", async (_db, now) => void runs.push(now));
    const { lines, log } = recorder();
    down = true;
    const r = startJobRunner({ database: flaky, jobs: [fresh], log, pollSeconds: 0.5, cronSeconds: 1 });
    runners.push(r);
    await sleep(1_500);
    down = false;
    await r.ready;
    await until(() => runs.length === 1, "the new job's first run");
    expect(lines).toEqual([
      "jobs: the queue could not reach the database, trying again: ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:5432",
      "jobs: the queue can reach the database again",
    ]);
  }, 30_000);

  test("a lost database is one line while it lasts and one when it is back", async () => {
    const quiet = job("0 0 1 1 *", async () => {});
    await ranAt(quiet.name, new Date());
    const { lines, log } = recorder();
    const r = startJobRunner({ database: flaky, jobs: [quiet], log, pollSeconds: 0.5, cronSeconds: 1 });
    runners.push(r);
    await r.ready;
    down = true;
    await sleep(2_500);
    down = false;
    await until(() => lines.length === 2, "the runner says it is back");
    expect(lines).toEqual([
      "jobs: the queue could not reach the database, trying again: ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:5432",
      "jobs: the queue can reach the database again",
    ]);
  }, 30_000);
});

test("lastTick is the cron's latest minute at or before now, in UTC", () => {
  expect(lastTick("5 * * * *", new Date("2026-12-02T06:04:59Z")).toISOString()).toBe("2026-12-02T05:05:00.000Z");
  expect(lastTick("5 * * * *", new Date("2026-12-02T06:05:00Z")).toISOString()).toBe("2026-12-02T06:05:00.000Z");
  expect(lastTick("0 0 1 * *", new Date("2026-12-02T06:00:00Z")).toISOString()).toBe("2026-12-01T00:00:00.000Z");
});
