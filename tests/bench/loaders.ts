/**
 * The loader lines of `npm run bench`: each page's real route loader called
 * in this process, signed in, against the seeded database: its SQL query count
 * and p50/p95. No HTTP, no rendering; tests/bench/http.ts measures those.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import type { DatabaseHandle } from "#db/client";
import { benchHrTrends } from "./hr-trends";
import { measure } from "./stats";
import type { BenchSubjects } from "./subjects";

export interface LoaderBenchOptions {
  handle: DatabaseHandle;
  subjects: BenchSubjects;
  /** Printed on every line: engine, people, months. */
  common: Record<string, unknown>;
  iterations: number;
  wanted: (page: string) => boolean;
  log: (line: string) => void;
}

export async function benchLoaders({
  handle,
  subjects,
  common,
  iterations,
  wanted,
  log,
}: LoaderBenchOptions): Promise<void> {
  const { sessionCookieFor } = await import("~/http/session.server");
  const { manager, report, meetingId } = subjects;
  const months = common.months;

  async function run(
    name: string,
    path: string,
    params: Record<string, string>,
    load: (args: LoaderFunctionArgs) => Promise<unknown>,
    extra: Record<string, unknown>,
  ) {
    const cookie = await sessionCookieFor(manager.id);
    const call = () =>
      load({ request: new Request(`http://bench.local${path}`, { headers: { cookie } }), params, context: {} });
    await call();
    const before = handle.queryCount();
    await call();
    const queries = handle.queryCount() - before;
    const timing = await measure(call, { iterations, warmup: Math.min(20, iterations) });
    log(JSON.stringify({ bench: name, ...common, queries, ...timing, ...extra }));
  }

  if (wanted("my-people")) {
    const route = await import("~/routes/people._index");
    await run("my-people", "/people", {}, route.loader as never, { reports: manager.reports });
  }
  if (wanted("account")) {
    const route = await import("~/routes/people.$personId._index");
    await run("account", `/people/${report.id}`, { personId: report.id }, route.loader as never, {
      history_months: months,
      held_meetings: report.heldMeetings,
      assessments: report.assessments,
    });
  }
  if (wanted("agenda")) {
    const route = await import("~/routes/meetings.$meetingId");
    await run("agenda", `/meetings/${meetingId}`, { meetingId }, route.loader as never, {
      history_months: months,
      held_meetings: report.heldMeetings,
    });
  }
  if (wanted("search")) {
    // The question the issue asks of a 1:1 tool, on the account of the report with the longest history.
    const route = await import("~/routes/people.$personId.search");
    const q = "What did we agree about the conference in spring?";
    const path = `/people/${report.id}/search?${new URLSearchParams({ q })}`;
    const hits = await searchHits(route.loader as never, path, report.id, await sessionCookieFor(manager.id));
    await run("search", path, { personId: report.id }, route.loader as never, {
      q,
      hits,
      history_months: months,
      held_meetings: report.heldMeetings,
    });
  }
  if (wanted("hr-trends")) await benchHrTrends({ handle, common, iterations, log });
}

/** How many hits the bench's search returns: a search that finds nothing would measure little. */
async function searchHits(
  load: (args: LoaderFunctionArgs) => Promise<unknown>,
  path: string,
  personId: string,
  cookie: string,
): Promise<number> {
  const result = (await load({
    request: new Request(`http://bench.local${path}`, { headers: { cookie } }),
    params: { personId },
    context: {},
  })) as { data: { hits: unknown[] } };
  return result.data.hits.length;
}
