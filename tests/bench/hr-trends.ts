/**
 * The hr-trends lines of `npm run bench`: HR's trends page loader (the default
 * view: the whole organisation, the last six finished months) and a manager's
 * own line (/my-team/trends), signed in, on the generated organisation. HR's
 * page is measured three ways: `build`, the first visit after months close
 * (no stored roll-up: every answer of the seven months is read and the
 * months stored); `cold`, any later first visit (the stored months read, no
 * memo); `warm`, a repeat visit within the few-minute memo; `after-close`,
 * HR's first visit right after a month closes once the background job
 * (app/services/trends/jobs.server.ts) has run: its target is `cold`'s
 * figure (tests/bench/targets.ts). A line is read
 * live (cold) or from the memo (warm).
 * Wired in tests/bench/loaders.ts after seeding and useDatabaseForTests:
 *
 *   if (wanted("hr-trends")) await benchHrTrends({ handle, common, iterations });
 */
import { sql } from "drizzle-orm";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { rowsOf, type DatabaseHandle } from "#db/client";
import { trendRollups } from "#db/schema";
import { measure } from "./stats";

export interface HrTrendsBenchOptions {
  handle: DatabaseHandle;
  /** Printed on every line: engine, people, months. */
  common: Record<string, unknown>;
  iterations: number;
  log?: (line: string) => void;
}

export async function benchHrTrends({
  handle,
  common,
  iterations,
  log = console.log,
}: HrTrendsBenchOptions): Promise<void> {
  const { sessionCookieFor } = await import("~/http/session.server");
  const trends = await import("~/routes/trends");
  const { forgetTrends } = await import("~/services/trends/cache.server");
  const myTeam = await import("~/routes/my-team.trends");
  const hr = await hrPerson(handle);
  const manager = await managerOfLargestLine(handle);

  async function run(
    name: string,
    viewerId: string,
    path: string,
    load: (args: LoaderFunctionArgs) => Promise<unknown>,
    extra: Record<string, unknown>,
  ) {
    const cookie = await sessionCookieFor(viewerId);
    const warm = () =>
      load({ request: new Request(`http://bench.local${path}`, { headers: { cookie } }), params: {}, context: {} });
    const cold = () => {
      forgetTrends(handle.db);
      return warm();
    };
    const build = async () => {
      await handle.db.delete(trendRollups);
      return cold();
    };
    const variants = [
      ...(name === "hr-trends" ? [["build", build] as const] : []),
      ["cold", cold] as const,
      ["warm", warm] as const,
    ];
    for (const [variant, call] of variants) {
      // Building reads every answer of seven months: a few runs say enough.
      const runs = variant === "build" ? Math.min(10, iterations) : iterations;
      await call();
      const before = handle.queryCount();
      await call();
      const queries = handle.queryCount() - before;
      const timing = await measure(call, { iterations: runs, warmup: Math.min(variant === "build" ? 1 : 20, runs) });
      log(JSON.stringify({ bench: `${name}-${variant}`, ...common, queries, ...timing, ...extra }));
    }
  }

  const teams = rowsOf<{ n: number }>(await handle.db.execute(sql`select count(*)::int as n from teams`))[0]?.n;
  const view = { view: "whole organisation, last 6 months", teams: Number(teams) };
  await run("hr-trends", hr, "/trends", trends.loader as never, view);
  await benchAfterClose(handle, hr, trends.loader as never, Math.min(10, iterations), (line) =>
    log(JSON.stringify({ bench: "hr-trends-after-close", ...common, ...line, ...view })),
  );
  await run("hr-trends-line", manager.id, "/my-team/trends", myTeam.loader as never, { direct_reports: manager.line });
}

/** Someone with the HR role and nothing else (an HR who also manages a line sees no line page). */
export async function hrPerson(handle: DatabaseHandle): Promise<string> {
  const [row] = rowsOf<{ id: string }>(
    await handle.db.execute(sql`
      select p.id from people p join person_roles r on r.person_id = p.id and r.role = 'hr'
      where p.active order by p.email limit 1`),
  );
  if (!row) throw new Error("no HR person in the generated organisation");
  return row.id;
}

/** The manager with the largest line below a head of department: a typical skip-level view. */
async function managerOfLargestLine(handle: DatabaseHandle): Promise<{ id: string; line: number }> {
  const [row] = rowsOf<{ id: string; line: number }>(
    await handle.db.execute(sql`
      select m.id, count(r.id)::int as line
      from people m join people r on r.manager_id = m.id and r.active
      where m.active and m.manager_id is not null
        and not exists (select 1 from person_roles pr where pr.person_id = m.id and pr.role = 'hr')
      group by m.id order by count(r.id) desc, m.id limit 1`),
  );
  if (!row) throw new Error("no manager in the generated organisation");
  return { id: row.id, line: Number(row.line) };
}

/**
 * HR's first visit right after a month closes, once the trend-months job has run: each run drops the
 * newest finished month (as if it had just closed), runs the job as the runner would (not timed, its time
 * reported as job_p50_ms), then times a first visit (the memo cleared).
 */
async function benchAfterClose(
  handle: DatabaseHandle,
  hr: string,
  load: (args: LoaderFunctionArgs) => Promise<unknown>,
  runs: number,
  log: (line: Record<string, unknown>) => void,
): Promise<void> {
  const { sessionCookieFor } = await import("~/http/session.server");
  const { forgetTrends } = await import("~/services/trends/cache.server");
  const { trendMonthsJob } = await import("~/services/trends/jobs.server");
  const { addMonths, monthOf } = await import("~/domain/trends");
  const cookie = await sessionCookieFor(hr);
  const visit = () => {
    forgetTrends(handle.db);
    return load({
      request: new Request("http://bench.local/trends", { headers: { cookie } }),
      params: {},
      context: {},
    });
  };
  const closeMonth = async () => {
    const now = new Date();
    await handle.db.delete(trendRollups).where(sql`${trendRollups.month} = ${addMonths(monthOf(now), -1)}`);
    const started = performance.now();
    await trendMonthsJob.run(handle.db, now);
    return performance.now() - started;
  };
  const job: number[] = [];
  const visits: number[] = [];
  let queries = 0;
  for (let i = 0; i <= runs; i++) {
    job.push(await closeMonth());
    const before = handle.queryCount();
    const started = performance.now();
    await visit();
    // The first round warms up, as measure() does.
    if (i === 0) continue;
    visits.push(performance.now() - started);
    queries = handle.queryCount() - before;
  }
  job.shift();
  log({ queries, ...percentiles(visits), job_p50_ms: percentiles(job).p50_ms });
}

function percentiles(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
  const round = (n: number) => Math.round(n * 100) / 100;
  return {
    p50_ms: round(at(50)),
    p95_ms: round(at(95)),
    mean_ms: round(sorted.reduce((a, b) => a + b, 0) / sorted.length),
    iterations: sorted.length,
  };
}
