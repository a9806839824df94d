/**
 * `npm run bench`: seeds a generated organisation into a fresh database and
 * times the real route loaders, signed in, printing one JSON line per figure.
 * BENCH_DATABASE_URL=postgres://... runs on PostgreSQL; PGlite otherwise.
 * Options: --people N (2000), --months M (24), --only my-people,account,agenda,hr-trends
 */
import { parseArgs } from "node:util";
import { and, count, eq, sql } from "drizzle-orm";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { generateOrganisation } from "../../db/seed/generate";
import { meetings, people } from "../../db/schema";
import type { Database } from "../../db/client";
import { freshBenchDatabase } from "./database";
import { benchHrTrends } from "./hr-trends";
import { measure } from "./stats";

process.env.SESSION_SECRET ??= "bench-secret-bench-secret-bench-secret-0000";
process.env.RAPPORT_SEED = "none";
process.env.NODE_ENV = "production";

const { values } = parseArgs({
  options: {
    people: { type: "string", default: "2000" },
    months: { type: "string", default: "24" },
    only: { type: "string" },
    iterations: { type: "string", default: "200" },
  },
});
const peopleCount = Number(values.people);
const months = Number(values.months);
const iterations = Number(values.iterations);
const only = values.only?.split(",");
const wanted = (name: string) => !only || only.includes(name);

const { useDatabaseForTests } = await import("../../app/services/db.server");
const { sessionCookieFor } = await import("../../app/auth/session.server");

const bench = await freshBenchDatabase(`p${peopleCount}`);
const { handle, engine } = bench;
try {
  const seedStart = performance.now();
  await generateOrganisation(handle.db, { people: peopleCount, months, seed: 7, now: new Date() });
  const seedMs = Math.round(performance.now() - seedStart);
  useDatabaseForTests(handle);
  const manager = await managerWithReports(handle.db, 12);
  const report = await reportWithLongestHistory(handle.db, manager.id);
  const common = { engine, people: peopleCount, months };
  console.error(`seeded ${peopleCount} people x ${months} months on ${engine} in ${seedMs} ms`);

  async function run(name: string, path: string, params: Record<string, string>, load: (args: LoaderFunctionArgs) => Promise<unknown>, extra: Record<string, unknown>) {
    const cookie = await sessionCookieFor(manager.id);
    const call = () => load({ request: new Request(`http://bench.local${path}`, { headers: { cookie } }), params, context: {} });
    await call();
    const before = handle.queryCount();
    await call();
    const queries = handle.queryCount() - before;
    const timing = await measure(call, { iterations });
    console.log(JSON.stringify({ bench: name, ...common, queries, ...timing, iterations, ...extra }));
  }

  if (wanted("my-people")) {
    const route = await import("../../app/routes/people._index");
    await run("my-people", "/people", {}, route.loader as never, { reports: manager.reports });
  }
  if (wanted("account")) {
    const route = await import("../../app/routes/people.$personId");
    await run("account", `/people/${report.id}`, { personId: report.id }, route.loader as never, {
      history_months: months,
      held_meetings: report.heldMeetings,
      assessments: report.assessments,
    });
  }
  if (wanted("agenda")) {
    const route = await import("../../app/routes/meetings.$meetingId");
    const meetingId = await nextMeetingOf(handle.db, report.id, manager.id);
    await run("agenda", `/meetings/${meetingId}`, { meetingId }, route.loader as never, { history_months: months, held_meetings: report.heldMeetings });
  }
  if (wanted("hr-trends")) await benchHrTrends({ handle, common, iterations });
} finally {
  await bench.dispose();
}

/** The pair's next planned 1:1, planning one if the generator left none. */
async function nextMeetingOf(db: Database, reportId: string, managerId: string): Promise<string> {
  const rows = await db.execute(sql`
    select id from meetings where report_id = ${reportId} and manager_id = ${managerId} and status = 'planned'
    order by scheduled_at desc limit 1`);
  const found = (Array.isArray(rows) ? rows : (rows as { rows: unknown[] }).rows)[0] as { id: string } | undefined;
  if (found) return found.id;
  const [created] = await db
    .insert(meetings)
    .values({ reportId, managerId, scheduledAt: new Date(Date.now() + 7 * 86_400_000) })
    .returning({ id: meetings.id });
  return created!.id;
}

/** A manager with exactly `n` direct reports: the one closest to n, topped up or trimmed by moving individual contributors. */
async function managerWithReports(db: Database, n: number) {
  const counts = await db
    .select({ id: people.managerId, reports: count() })
    .from(people)
    .where(and(sql`${people.managerId} is not null`, eq(people.active, true)))
    .groupBy(people.managerId);
  const best = counts.filter((c) => c.id).sort((a, b) => Math.abs(a.reports - n) - Math.abs(b.reports - n))[0];
  if (!best?.id) throw new Error("no manager in the generated organisation");
  const ics = sql`not exists (select 1 from people r where r.manager_id = p.id)`;
  if (best.reports < n) {
    await db.execute(sql`
      update people set manager_id = ${best.id}
      where id in (select p.id from people p where p.manager_id <> ${best.id} and p.active and ${ics} limit ${n - best.reports})`);
  } else if (best.reports > n) {
    const other = counts.find((c) => c.id && c.id !== best.id)!;
    await db.execute(sql`
      update people set manager_id = ${other.id}
      where id in (select p.id from people p where p.manager_id = ${best.id} order by ${ics} desc limit ${best.reports - n})`);
  }
  const [check] = await db.select({ n: count() }).from(people).where(and(eq(people.managerId, best.id), eq(people.active, true)));
  return { id: best.id, reports: check!.n };
}

async function reportWithLongestHistory(db: Database, managerId: string) {
  const rows = await db.execute<{ id: string; held: number; assessed: number }>(sql`
    select p.id,
      (select count(*)::int from meetings m where m.report_id = p.id and m.status = 'held') as held,
      (select count(*)::int from checklist_assessments a where a.subject_id = p.id) as assessed
    from people p where p.manager_id = ${managerId}
    order by held desc limit 1`);
  const row = (Array.isArray(rows) ? rows : (rows as { rows: unknown[] }).rows)[0] as { id: string; held: number; assessed: number };
  return { id: row.id, heldMeetings: row.held, assessments: row.assessed };
}
