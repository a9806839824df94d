/**
 * `npm run bench`: builds the app, then for each size seeds a generated
 * organisation into a fresh database and prints one JSON line per figure on
 * stdout (progress and phase timings go to stderr):
 *   - loader lines (my-people, account, agenda, search, hr-trends): queries, p50/p95;
 *   - start: the built server's cold start, spawn to first 200;
 *   - http: autocannon against the built server, each page / the baseline;
 *   - js: the agenda page's JavaScript, gzip bytes as served;
 *   - live: the live 1:1's delivery, write commit to event, with 100 meeting pages open (p50/p99);
 *   - summary: every figure against its target (misses do not fail the run).
 * PostgreSQL by default (BENCH_DATABASE_URL, a fresh database per size, dropped
 * after); --engine pglite for the embedded default (a fresh data folder).
 * Options: --people 2000,10000  --months 24  --iterations 200  --duration 8
 *   --warmup 2  --port N  --skip-build
 *   --only a comma list of pages (my-people, account, agenda, search, hr-trends) and/or
 *          phases (loaders, start, http, js, live); an omitted kind means all of it.
 */
import os from "node:os";
import { parseArgs } from "node:util";
import { generateOrganisation } from "#db/seed/generate";
import type { DatabaseHandle, Engine } from "#db/client";
import { DEFAULT_BENCH_SERVER, freshBenchDatabase, type BenchDatabase } from "./database";
import { benchHttp, type HttpPage } from "./http";
import { javascriptOf } from "./js-size";
import { benchLive } from "./live";
import { benchLoaders } from "./loaders";
import { buildApp, freePort, killServers, startServer } from "./server";
import { pickSubjects } from "./subjects";
import { checkTargets, summaryLine, summaryTable } from "./targets";

process.env.SESSION_SECRET ??= "bench-secret-bench-secret-bench-secret-0000";
process.env.RAPPORT_SEED = "none";
process.env.NODE_ENV = "production";

const PAGES = ["my-people", "account", "agenda", "search", "hr-trends"];
const PHASES = ["loaders", "start", "http", "js", "live"];
/** A public page through the same Remix pipeline and root layout, no database work: docs/decisions/014-bench-baseline.md. */
const BASELINE: HttpPage = { page: "baseline", path: "/sign-in" };

const { values } = parseArgs({
  options: {
    engine: { type: "string", default: "postgres" },
    people: { type: "string", default: "2000,10000" },
    months: { type: "string", default: "24" },
    only: { type: "string" },
    iterations: { type: "string", default: "200" },
    duration: { type: "string", default: "8" },
    warmup: { type: "string", default: "2" },
    port: { type: "string" },
    "skip-build": { type: "boolean", default: false },
  },
});
const engine = values.engine as Engine;
if (engine !== "postgres" && engine !== "pglite")
  throw new Error(`--engine is postgres or pglite, not ${values.engine}`);
const sizes = values.people.split(",").map(Number);
const months = Number(values.months);
const iterations = Number(values.iterations);
const only = values.only?.split(",").map((s) => s.trim()) ?? [];
const unknown = only.filter((name) => !PAGES.includes(name) && !PHASES.includes(name));
if (unknown.length)
  throw new Error(`--only: unknown ${unknown.join(", ")}; pages are ${PAGES.join(", ")}, phases ${PHASES.join(", ")}`);
const pickedPages = only.filter((name) => PAGES.includes(name));
const pickedPhases = only.filter((name) => PHASES.includes(name));
const wantedPage = (page: string) => pickedPages.length === 0 || pickedPages.includes(page);
const wantedPhase = (phase: string) => pickedPhases.length === 0 || pickedPhases.includes(phase);
const needsServer = ["start", "http", "js"].some(wantedPhase);

const lines: Record<string, unknown>[] = [];
const emit = (line: string) => {
  console.log(line);
  lines.push(JSON.parse(line) as Record<string, unknown>);
};
const note = (message: string) => console.error(`[bench] ${message}`);
async function phase<T>(name: string, work: () => Promise<T>): Promise<T> {
  const started = performance.now();
  const result = await work();
  note(`${name}: ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return result;
}

/** Calls `say` as progress passes 25, 50 and 75 %: a ten-minute run should not sit silent for minutes. */
function quarterly(say: (share: number) => void) {
  let said = 0;
  return (done: number, total: number) => {
    const share = Math.floor((done / total) * 4) * 25;
    if (share > said && share < 100) say((said = share));
  };
}

const drops = new Set<() => Promise<void>>();
process.once("SIGINT", () => {
  killServers();
  void Promise.allSettled([...drops].map((drop) => drop())).then(() => process.exit(130));
});

const { useDatabaseForTests } = await import("~/services/db.server");
const { sessionCookieFor } = await import("~/http/session.server");

const benchStarted = performance.now();
note(
  `${engine}, people ${sizes.join(", ")}, ${months} months; load average ${os
    .loadavg()
    .map((n) => n.toFixed(2))
    .join(" ")} on ${os.cpus().length} CPUs`,
);
const serverUrl = process.env.BENCH_DATABASE_URL || DEFAULT_BENCH_SERVER;
const port = values.port ? Number(values.port) : await freePort();
const serverEnv = (database: BenchDatabase, seed: "none" | "demo") => ({
  ...database.serverEnv,
  ...(engine === "pglite" ? { DATABASE_URL: "" } : {}),
  RAPPORT_SEED: seed,
  SESSION_SECRET: process.env.SESSION_SECRET!,
});

if (needsServer && !values["skip-build"]) await phase("npm run build", buildApp);

if (wantedPhase("start")) {
  await phase("cold start on an empty database", async () => {
    const database = await freshBenchDatabase(engine, "empty", serverUrl);
    drops.add(database.drop);
    try {
      const server = await startServer({ port, env: serverEnv(database, "demo"), readyPath: BASELINE.path });
      await server.stop();
      emit(
        JSON.stringify({
          bench: "start",
          engine,
          data: "empty",
          includes: "migrations and demo seed",
          cold_ms: server.coldMs,
        }),
      );
    } finally {
      await database.drop();
      drops.delete(database.drop);
    }
  });
}

for (const [index, people] of sizes.entries()) {
  const common = { engine, people, months };
  const database = await freshBenchDatabase(engine, `p${people}`, serverUrl);
  drops.add(database.drop);
  let handle: DatabaseHandle | undefined;
  try {
    note(`${people} people: database ${database.where}`);
    handle = await database.open();
    const open = handle;
    const seeded = await phase(`${people} people: seed`, () =>
      generateOrganisation(open.db, {
        people,
        months,
        seed: 7,
        now: new Date(),
        writers: engine === "postgres" ? 2 : 1,
        onProgress: quarterly((share) => note(`${people} people: seeding ${share}% of people written`)),
      }),
    );
    note(`${people} people: ${seeded.totalRows} rows in ${seeded.statements} statements`);
    useDatabaseForTests(handle);
    const subjects = await pickSubjects(handle);
    const managerCookie = await sessionCookieFor(subjects.manager.id);
    const hrCookie = await sessionCookieFor(subjects.hrId);
    if (wantedPhase("loaders")) {
      await phase(`${people} people: loaders`, () =>
        benchLoaders({ handle: open, subjects, common, iterations, wanted: wantedPage, log: emit }),
      );
    }
    if (wantedPhase("live")) {
      await phase(`${people} people: live 1:1 at 100 open pages`, () =>
        benchLive({ handle: open, common, writes: 200, log: emit }),
      );
    }
    // PGlite's folder holds one process at a time; the server opens it next.
    await handle.close();
    handle = undefined;
    if (!needsServer) continue;

    const server = await phase(`${people} people: server start`, () =>
      startServer({ port, env: serverEnv(database, "none"), readyPath: BASELINE.path }),
    );
    try {
      if (wantedPhase("start"))
        emit(JSON.stringify({ bench: "start", engine, people, data: "seeded", cold_ms: server.coldMs }));
      if (wantedPhase("http")) {
        const pages: HttpPage[] = [
          { page: "my-people", path: "/people", cookie: managerCookie },
          { page: "account", path: `/people/${subjects.report.id}`, cookie: managerCookie },
          { page: "agenda", path: `/meetings/${subjects.meetingId}`, cookie: managerCookie },
          { page: "hr-trends", path: "/trends", cookie: hrCookie },
        ].filter((p) => wantedPage(p.page));
        await phase(`${people} people: http`, () =>
          benchHttp({
            origin: server.origin,
            baseline: BASELINE,
            pages,
            durationSeconds: Number(values.duration),
            warmupSeconds: Number(values.warmup),
            common: { engine, people },
            log: emit,
            progress: note,
          }),
        );
      }
      // The agenda's JavaScript does not depend on the organisation's size: measured once.
      if (wantedPhase("js") && index === 0) {
        const size = await javascriptOf(server.origin, `/meetings/${subjects.meetingId}`, managerCookie);
        emit(JSON.stringify({ bench: "js", page: "agenda", ...size }));
      }
    } finally {
      await server.stop();
    }
  } finally {
    await handle?.close();
    await database.drop();
    drops.delete(database.drop);
  }
}

const checks = checkTargets(lines, engine);
if (checks.length) {
  emit(JSON.stringify(summaryLine(checks, engine)));
  note(`targets:\n${summaryTable(checks)}`);
}
note(
  `total: ${((performance.now() - benchStarted) / 1000).toFixed(1)} s; load average ${os
    .loadavg()
    .map((n) => n.toFixed(2))
    .join(" ")}`,
);
