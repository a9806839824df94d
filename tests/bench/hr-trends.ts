/**
 * The hr-trends lines of `npm run bench`: HR's trends page loader (the default
 * view: the whole organisation, the last six finished months) and a manager's
 * own line (/my-team/trends), signed in, on the generated organisation. HR's
 * page is measured three ways: `build`, the first visit after months close
 * (no stored roll-up: every answer of the seven months is read and the
 * months stored); `cold`, any later first visit (the stored months read, no
 * memo); `warm`, a repeat visit within the few-minute memo. A line is read
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
  await run("hr-trends", hr, "/trends", trends.loader as never, {
    view: "whole organisation, last 6 months",
    teams: Number(teams),
  });
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
