/**
 * The figures of one phase and the checks it must pass. A phase with a
 * restart allows 503s while PostgreSQL is away, and only those.
 */
import type { RequestRecord } from "./client";
import type { WriteKind, WriteRecord } from "./ledger";
import type { Verification } from "./verify";

export interface Outage {
  /** Milliseconds since the phase started: stop sent, and PostgreSQL accepting connections again. */
  stopAt: number;
  readyAt: number;
}

/** After PostgreSQL is back, every request started this long after must succeed. */
const RECOVERY_MS = 5_000;
/**
 * A request failing during the outage must answer within this much more than
 * the phase's successful requests take at p99: the app may not wait on a
 * database that is not there, but on a busy machine every answer is slower.
 */
const FAIL_FAST_MS = 10_000;
/** Kinds every full phase must have acknowledged at least once, or the run proved nothing about them. */
const REQUIRED_KINDS: WriteKind[] = ["topic", "goal", "progress", "action", "note", "check", "settle", "finish"];

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return 0;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

const round = (n: number) => Math.round(n * 10) / 10;

export function summarise(input: {
  phase: string;
  people: number;
  seconds: number;
  requests: RequestRecord[];
  writes: WriteRecord[];
  verification: Verification;
  outage?: Outage;
  serverLog: { errors: string[]; driverCrashes: number };
  serverExited: number | null;
}) {
  const { requests, writes, verification, outage } = input;
  const problems: string[] = [];
  if (input.serverExited !== null)
    problems.push(`the app server exited (${input.serverExited}) during the run: see its output below`);
  const classes: Record<string, number> = { "2xx": 0, "3xx": 0, "4xx": 0, "5xx": 0, none: 0 };
  for (const r of requests) classes[r.status ? `${Math.floor(r.status / 100)}xx` : "none"]!++;
  const latencies = requests.map((r) => r.ms).sort((a, b) => a - b);
  const fiveHundreds = requests.filter((r) => r.status >= 500);
  const failed = requests.filter((r) => r.status >= 500 || r.status === 0);

  for (const r of requests.filter((x) => x.unclean))
    problems.push(`${r.method} ${r.page} at ${Math.round(r.startedAt)} ms: ${r.unclean}`);
  // Pages answer 200; forms are judged by the ledger below.
  for (const r of requests.filter(
    (x) => x.method === "GET" && x.status !== 200 && x.status !== 503 && x.status !== 0,
  )) {
    problems.push(`GET ${r.page} answered ${r.status}`);
  }
  for (const w of writes.filter((x) => x.outcome === "unexpected"))
    problems.push(`${w.kind} write answered ${w.status}`);
  problems.push(...verification.problems);
  for (const kind of REQUIRED_KINDS) {
    if (!verification.byKind[kind]?.acknowledged)
      problems.push(`no ${kind} write was acknowledged: the run did not exercise it`);
  }

  for (const line of input.serverLog.errors.slice(0, 5)) problems.push(`the app server logged: ${line}`);

  const summary: Record<string, unknown> = {
    load: input.phase,
    people: input.people,
    seconds: input.seconds,
    requests: requests.length,
    rps: round(requests.length / input.seconds),
    status: classes,
    writes_acknowledged: verification.totals.acknowledged,
    found: verification.totals.found,
    missing: verification.totals.missing,
    duplicated: verification.totals.duplicated,
    refused: verification.totals.refused,
    refused_written: verification.totals.refusedWritten,
    half_written: verification.halfWritten,
    "5xx": fiveHundreds.length,
    p50_ms: round(percentile(latencies, 50)),
    p99_ms: round(percentile(latencies, 99)),
    max_ms: round(latencies.at(-1) ?? 0),
  };

  if (!outage) {
    if (fiveHundreds.length) problems.push(`${fiveHundreds.length} request(s) answered 5xx without any fault`);
    if (input.serverLog.driverCrashes)
      problems.push(`the postgres driver crashed ${input.serverLog.driverCrashes} time(s) without any fault`);
  } else {
    const after = outage.readyAt + RECOVERY_MS;
    const lastFailureStart = failed.reduce((last, r) => Math.max(last, r.startedAt), -Infinity);
    const recoveredMs = failed.length ? Math.max(0, Math.round(lastFailureStart - outage.readyAt)) : 0;
    const okAfter = requests.filter((r) => r.startedAt >= outage.readyAt && r.status > 0 && r.status < 500).length;
    const slowestFailure = failed.reduce((max, r) => Math.max(max, r.ms), 0);
    if (!failed.length) problems.push("no request failed while PostgreSQL was down: the outage was not exercised");
    for (const r of failed) {
      if (r.startedAt + r.ms < outage.stopAt)
        problems.push(`${r.method} ${r.page} failed at ${Math.round(r.startedAt)} ms, before PostgreSQL was stopped`);
      else if (r.startedAt > after)
        problems.push(
          `${r.method} ${r.page} failed at ${Math.round(r.startedAt)} ms, more than ${RECOVERY_MS} ms after PostgreSQL was back`,
        );
    }
    const successes = requests
      .filter((r) => r.status > 0 && r.status < 500)
      .map((r) => r.ms)
      .sort((a, b) => a - b);
    const failLimit = FAIL_FAST_MS + percentile(successes, 99);
    if (slowestFailure > failLimit)
      problems.push(
        `a failing request took ${Math.round(slowestFailure)} ms to answer (limit ${Math.round(failLimit)})`,
      );
    if (!okAfter) problems.push("no request succeeded after PostgreSQL was back");
    Object.assign(summary, {
      outage_ms: Math.round(outage.readyAt - outage.stopAt),
      "503": requests.filter((r) => r.status === 503).length,
      unclean: requests.filter((r) => r.unclean).length,
      slowest_failure_ms: Math.round(slowestFailure),
      recovered_ms: recoveredMs,
      ok_after_restart: okAfter,
      unacknowledged: verification.totals.unacknowledged,
      unacknowledged_written: verification.totals.unacknowledgedWritten,
      driver_crashes_survived: input.serverLog.driverCrashes,
    });
  }
  const pages: Record<string, { n: number; p50_ms: number; p99_ms: number }> = {};
  for (const key of new Set(requests.map((r) => `${r.method} ${r.page}`))) {
    const ms = requests
      .filter((r) => `${r.method} ${r.page}` === key)
      .map((r) => r.ms)
      .sort((a, b) => a - b);
    pages[key] = { n: ms.length, p50_ms: round(percentile(ms, 50)), p99_ms: round(percentile(ms, 99)) };
  }
  // Per 2 s of start time: requests, failures, p50: shows the outage and the recovery.
  const timeline: string[] = [];
  for (let from = 0; from < input.seconds * 1000; from += 2000) {
    const slice = requests.filter((r) => r.startedAt >= from && r.startedAt < from + 2000);
    const ms = slice.map((r) => r.ms).sort((a, b) => a - b);
    timeline.push(
      `${from / 1000}s:${slice.length}/${slice.filter((r) => r.status >= 500 || r.status === 0).length}/${Math.round(percentile(ms, 50))}`,
    );
  }
  return { summary, problems, pages, timeline };
}
