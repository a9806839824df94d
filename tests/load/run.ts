/**
 * `npm run test:load`: 200 simulated people for 60 s of mixed reads and
 * writes against the built app on its own throwaway PostgreSQL, then the
 * same while PostgreSQL is restarted mid-run. Afterwards every acknowledged
 * write must be in the database exactly once; no request may fail with a
 * 5xx, except clean 503s while PostgreSQL is away, and the app must recover
 * on its own. Prints one JSON line per phase; exits 1 on any failed check.
 *
 * Options: --seconds 60 --people 200 --org 300 --months 3 --port 4110
 * --pg-port 5499 --only steady|restart. LOAD_PG_BIN names PostgreSQL's bin folder.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { buildIfNeeded, startAppServer, type AppServer } from "./app-server";
import { Browser, RequestLog } from "./client";
import { createCluster, type Cluster } from "./cluster";
import { Ledger } from "./ledger";
import { prepareOrganisation, seededRandom } from "./organisation";
import { live } from "./people";
import { summarise, type Outage } from "./report";
import { phaseStart, verifyWrites } from "./verify";
import { startTestSmtpServer, type TestSmtpServer } from "#tests/setup/smtp-server";

const SESSION_SECRET = "load-test-secret-load-test-secret-0000";
/** Pause between one action and the next, per person: 200 people make about 17 actions (30 requests) a second. */
const THINK_MS: [number, number] = [6_000, 18_000];
/** How long PostgreSQL stays down in the restart phase. */
const DOWN_MS = 5_000;

const { values } = parseArgs({
  options: {
    seconds: { type: "string", default: "60" },
    people: { type: "string", default: "200" },
    org: { type: "string", default: "300" },
    months: { type: "string", default: "3" },
    port: { type: "string", default: "4110" },
    "pg-port": { type: "string", default: "5499" },
    only: { type: "string" },
  },
});
const seconds = Number(values.seconds);
const simulated = Number(values.people);
const phases = values.only ? [values.only] : ["steady", "restart"];
if (!(seconds >= 5) || !(simulated >= 1) || phases.some((p) => p !== "steady" && p !== "restart")) {
  console.error(
    "usage: npm run test:load -- [--seconds 60] [--people 200] [--org 300] [--months 3] [--port 4110] [--pg-port 5499] [--only steady|restart]",
  );
  process.exit(2);
}

process.env.SESSION_SECRET = SESSION_SECRET;
process.env.NODE_ENV = "production";
process.env.RAPPORT_SEED = "none";

const root = process.cwd();
const workDir = fs.mkdtempSync(path.join(os.tmpdir(), "rapport-load-"));
let cluster: Cluster | undefined;
let server: AppServer | undefined;
let smtp: TestSmtpServer | undefined;

/** Synchronous, so it also runs on exit and after Ctrl-C: nothing may outlive the run. */
function cleanUp() {
  server?.kill();
  cluster?.dispose();
  fs.rmSync(workDir, { recursive: true, force: true });
}
process.on("exit", cleanUp);
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    console.error(`${signal}: stopping the app server and removing the PostgreSQL cluster`);
    process.exit(130);
  });
}

const say = (message: string) => console.error(`[load ${new Date().toISOString().slice(11, 19)}] ${message}`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The app's expected notices: an outage answered 503 (and the mail worker and the job queue waiting it
 * out, one line each way), a driver crash survived by replacing the pool.
 */
const OUTAGE_NOTICE =
  /^Database unavailable \(|^Database reachable again|^mail: could not work the outbox, trying again|^mail: the outbox can be read again|^jobs: the queue could not reach the database, trying again|^jobs: the queue can reach the database again/;
const DRIVER_CRASH_NOTICE = /^The postgres driver lost a connection mid-transaction/;

/** Lines the app logged since `offset`: the unexpected ones, and how many driver crashes it survived. */
function serverLogSince(offset: number): { errors: string[]; driverCrashes: number } {
  const lines = server!
    .output()
    .slice(offset)
    .split("\n")
    .filter((line) => line.trim());
  return {
    errors: lines.filter((line) => !OUTAGE_NOTICE.test(line) && !DRIVER_CRASH_NOTICE.test(line)),
    driverCrashes: lines.filter((line) => DRIVER_CRASH_NOTICE.test(line)).length,
  };
}

async function runPhase(phase: "steady" | "restart", org: Awaited<ReturnType<typeof prepareOrganisation>>) {
  const before = await phaseStart(org.url);
  const logOffset = server!.output().length;
  const cpuBefore = { server: server!.cpuSeconds(), driver: process.cpuUsage() };
  const log = new RequestLog(performance.now());
  const ledger = new Ledger();
  const until = seconds * 1000;
  say(
    `${phase}: ${org.people.length} people for ${seconds} s${phase === "restart" ? `, PostgreSQL down for ${DOWN_MS / 1000} s from ${Math.round(seconds * 0.3)} s` : ""}`,
  );

  let outage: Outage | undefined;
  const fault =
    phase === "restart"
      ? (async () => {
          await sleep(until * 0.3);
          const stopAt = log.now();
          await cluster!.stop();
          say(`restart: PostgreSQL stopped in ${Math.round(log.now() - stopAt)} ms`);
          await sleep(DOWN_MS);
          await cluster!.start();
          outage = { stopAt, readyAt: log.now() };
          say(`restart: PostgreSQL accepting connections again after ${Math.round(outage.readyAt - stopAt)} ms`);
        })()
      : Promise.resolve();

  await Promise.all([
    fault,
    ...org.people.map((person, i) =>
      live(
        person,
        {
          browser: new Browser(server!.base, person.cookie, log),
          ledger,
          random: seededRandom(1_000 * (i + 1) + (phase === "steady" ? 1 : 2)),
          now: () => log.now(),
        },
        until,
        THINK_MS,
      ),
    ),
  ]);
  const elapsed = log.now() / 1000;
  const driverCpu = process.cpuUsage(cpuBefore.driver);
  const serverCpu = (server!.cpuSeconds() ?? 0) - (cpuBefore.server ?? 0);
  say(
    `${phase}: CPU used: app server ${serverCpu.toFixed(1)} s, this driver ${((driverCpu.user + driverCpu.system) / 1e6).toFixed(1)} s, over ${elapsed.toFixed(1)} s`,
  );
  say(`${phase}: ${log.records.length} requests, ${ledger.writes.length} writes sent; checking the database`);
  const verification = await verifyWrites(org.url, ledger.writes, before);
  const result = summarise({
    phase,
    people: org.people.length,
    seconds: Math.round(elapsed * 10) / 10,
    requests: log.records,
    writes: ledger.writes,
    verification,
    outage,
    serverLog: serverLogSince(logOffset),
    serverExited: server!.exited(),
  });
  console.error(JSON.stringify({ load_writes: phase, ...verification.byKind }));
  console.error(JSON.stringify({ load_pages: phase, ...result.pages }));
  console.error(`${phase} timeline (start: requests/failed/p50 ms): ${result.timeline.join(" ")}`);
  if (result.problems.length || process.env.LOAD_SHOW_LOG)
    console.error(`app server output during ${phase}:\n${server!.output().slice(logOffset).slice(-20000)}`);
  return result;
}

let exitCode = 0;
try {
  const started = performance.now();
  say(`build: ${buildIfNeeded(root)}`);
  cluster = await createCluster(Number(values["pg-port"]));
  say(`PostgreSQL cluster on port ${cluster.port}`);
  const org = await prepareOrganisation(cluster, {
    database: `load_${Date.now()}`,
    people: Number(values.org),
    months: Number(values.months),
    simulated,
  });
  say(
    `seeded ${values.org} people x ${values.months} months in ${org.seedMs} ms; ${org.people.filter((p) => p.isManager).length} of the ${org.people.length} simulated people are managers`,
  );
  // A real SMTP server, as in production: the reminders and digests the load's 1:1s cause are sent to it,
  // not written to the log (which this run reads for anything unexpected).
  smtp = await startTestSmtpServer();
  server = await startAppServer(root, {
    port: Number(values.port),
    databaseUrl: org.url,
    smtpUrl: smtp.url,
    sessionSecret: SESSION_SECRET,
    logFile: path.join(workDir, "server.log"),
  });
  say(`app server at ${server.base}`);

  const lines: string[] = [];
  for (const phase of phases as ("steady" | "restart")[]) {
    if (server.exited() !== null) break;
    const { summary, problems } = await runPhase(phase, org);
    lines.push(JSON.stringify(summary));
    console.log(lines.at(-1));
    if (problems.length) {
      exitCode = 1;
      console.error(`${phase}: ${problems.length} failed check(s):`);
      for (const problem of problems.slice(0, 30)) console.error(`  - ${problem}`);
      if (problems.length > 30) console.error(`  ... and ${problems.length - 30} more`);
    }
  }
  await server.stop();
  say(`mail: ${smtp.received.length} messages delivered to the SMTP server`);
  await smtp.stop();
  say(`${exitCode ? "FAILED" : "passed"} in ${Math.round((performance.now() - started) / 1000)} s`);
} catch (error) {
  exitCode = 1;
  console.error(error);
  if (server) console.error(`app server output:\n${server.output().slice(-4000)}`);
}
process.exit(exitCode);
