/**
 * The http lines of `npm run bench`: autocannon, 10 connections, against the
 * built server, each page signed in as the viewer who would open it, and the
 * baseline (docs/decisions/014-bench-baseline.md) in the same run. Every
 * response must be a 200: a redirect to sign-in or an error page measured at
 * full speed would be a lie, so any other status stops the bench. A page too
 * slow to answer within the run is a result (rps 0, timeouts), not an error.
 */
import os from "node:os";
import autocannon, { type Result } from "autocannon";

export interface HttpPage {
  page: string;
  path: string;
  /** The Cookie header; none for the baseline. */
  cookie?: string;
}

export interface HttpLine {
  bench: "http";
  page: string;
  rps: number;
  ratio: number;
  /** null when no response came back within the run: slower than the run is long. */
  p50_ms: number | null;
  p99_ms: number | null;
  requests: number;
  non_2xx: number;
  timeouts: number;
  /** The machine's 1-minute load average when the run ended: ratios from a busy machine are noisy. */
  load_1m: number;
}

export interface HttpBenchOptions {
  origin: string;
  baseline: HttpPage;
  pages: HttpPage[];
  connections?: number;
  durationSeconds?: number;
  warmupSeconds?: number;
  /** Printed on every line: engine, people. */
  common: Record<string, unknown>;
  log: (line: string) => void;
  progress: (message: string) => void;
}

/** What Chromium sends, so the server compresses as it would for a browser. */
const BROWSER_HEADERS = { "accept-encoding": "gzip, deflate, br", accept: "text/html" };

export async function benchHttp(options: HttpBenchOptions): Promise<HttpLine[]> {
  const { origin, baseline, pages, common, log, progress } = options;
  const connections = options.connections ?? 10;
  for (const page of [baseline, ...pages]) await expectPage(origin, page, page === baseline);

  const run = async (page: HttpPage): Promise<Result> => {
    const headers = { ...BROWSER_HEADERS, ...(page.cookie ? { cookie: page.cookie } : {}) };
    progress(`http ${page.page}: ${options.warmupSeconds ?? 2} s warm-up, ${options.durationSeconds ?? 8} s measured`);
    await autocannon({ url: origin + page.path, connections, duration: options.warmupSeconds ?? 2, headers });
    const result = await autocannon({
      url: origin + page.path,
      connections,
      duration: options.durationSeconds ?? 8,
      headers,
    });
    const ok = result.statusCodeStats["200"]?.count ?? 0;
    // autocannon counts timeouts among errors; a timeout is a (very slow) result, a refused socket is not.
    const socketErrors = result.errors - result.timeouts;
    if (socketErrors || ok !== result.requests.total) {
      throw new Error(
        `http ${page.page} (${page.path}): ${result.requests.total} responses, ${ok} of them 200, ` +
          `${socketErrors} socket errors, statuses ${JSON.stringify(result.statusCodeStats)}`,
      );
    }
    return result;
  };

  const lines: HttpLine[] = [];
  const base = await run(baseline);
  if (base.requests.total === 0)
    throw new Error(`http baseline (${baseline.path}): no response in ${options.durationSeconds ?? 8} s`);
  const line = (page: string, result: Result, ratio: number): HttpLine => ({
    bench: "http",
    page,
    ...common,
    rps: Math.round(result.requests.average),
    ratio: Math.round(ratio * 100) / 100,
    p50_ms: result.requests.total ? result.latency.p50 : null,
    p99_ms: result.requests.total ? result.latency.p99 : null,
    requests: result.requests.total,
    non_2xx: result.non2xx,
    timeouts: result.timeouts,
    load_1m: Math.round(os.loadavg()[0]! * 100) / 100,
  });
  lines.push(line(baseline.page, base, 1));
  log(JSON.stringify(lines[0]));
  for (const page of pages) {
    const result = await run(page);
    const measured = line(page.page, result, result.requests.average / base.requests.average);
    lines.push(measured);
    log(JSON.stringify(measured));
  }
  return lines;
}

/** One request by hand first, so a wrong cookie or id fails with a reason instead of a fast 302 benchmark. */
async function expectPage(origin: string, page: HttpPage, isBaseline: boolean): Promise<void> {
  const response = await fetch(origin + page.path, {
    redirect: "manual",
    headers: page.cookie ? { cookie: page.cookie } : {},
  });
  const html = await response.text();
  if (response.status !== 200) {
    const where = response.headers.get("location");
    throw new Error(
      `http ${page.page}: GET ${page.path} answered ${response.status}${where ? ` (to ${where})` : ""}, not 200`,
    );
  }
  if (!isBaseline && html.includes('action="/sign-in'))
    throw new Error(
      `http ${page.page}: GET ${page.path} shows a sign-in form; is the cookie signed with the server's SESSION_SECRET?`,
    );
}
