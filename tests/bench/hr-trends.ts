/**
 * The hr-trends lines of `npm run bench`: HR's trends page loader (the default
 * view: the whole organisation, the last six finished months) and a manager's
 * own line (/my-team/trends), signed in, on the generated organisation. Each
 * is measured cold (the aggregates read from the database on every call) and
 * warm (a repeat visit, answered from the few-minute memo of finished months).
 * Wired in tests/bench/loaders.ts after seeding and useDatabaseForTests:
 *
 *   if (wanted("hr-trends")) await benchHrTrends({ handle, common, iterations });
 */
import { sql } from "drizzle-orm";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { rowsOf, type DatabaseHandle } from "../../db/client";
import { measure } from "./stats";

export interface HrTrendsBenchOptions {
  handle: DatabaseHandle;
  /** Printed on every line: engine, people, months. */
  common: Record<string, unknown>;
  iterations: number;
  log?: (line: string) => void;
}

export async function benchHrTrends({ handle, common, iterations, log = console.log }: HrTrendsBenchOptions): Promise<void> {
  const { sessionCookieFor } = await import("../../app/auth/session.server");
  const trends = await import("../../app/routes/trends");
  const { forgetTrends } = await import("../../app/services/trends.server");
  const myTeam = await import("../../app/routes/my-team.trends");
  const hr = await hrPerson(handle);
  const manager = await managerOfLargestLine(handle);

  async function run(name: string, viewerId: string, path: string, load: (args: LoaderFunctionArgs) => Promise<unknown>, extra: Record<string, unknown>) {
    const cookie = await sessionCookieFor(viewerId);
    const warm = () => load({ request: new Request(`http://bench.local${path}`, { headers: { cookie } }), params: {}, context: {} });
    const cold = () => {
      forgetTrends(handle.db);
      return warm();
    };
    for (const [variant, call] of [["cold", cold], ["warm", warm]] as const) {
      await call();
      const before = handle.queryCount();
      await call();
      const queries = handle.queryCount() - before;
      const timing = await measure(call, { iterations, warmup: Math.min(20, iterations) });
      log(JSON.stringify({ bench: `${name}-${variant}`, ...common, queries, ...timing, ...extra }));
    }
  }

  const teams = rowsOf<{ n: number }>(await handle.db.execute(sql`select count(*)::int as n from teams`))[0]?.n;
  await run("hr-trends", hr, "/trends", trends.loader as never, { view: "whole organisation, last 6 months", teams: Number(teams) });
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
