/**
 * The HTTP server: `npm start` runs it on the production build, `npm run dev`
 * with Vite's dev middleware. It opens and seeds the database before it
 * listens, so the first request never waits for PGlite to boot.
 */
import type { AddressInfo } from "node:net";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { ServerBuild } from "@remix-run/node";
import compression from "compression";
import express from "express";
import { cspNonce, limitRequestBodies, refuseCrossSiteMutations, withSecurityHeaders } from "./http/middleware.server";
import { clientAddressOf } from "./http/proxy.server";
import { remixHandler } from "./http/remix-handler.server";
import { env } from "./env.server";
import { resetDatabaseConnections } from "./services/db.server";
import { surviveDriverCrashes, withDatabaseOutageHandling } from "./http/database-outage.server";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const dev = process.argv.includes("--dev");
process.env.NODE_ENV ??= dev ? "development" : "production";
const startedAt = performance.now();

import type { StartupReport } from "./services/startup.server";

interface EntryModule {
  startRapport: () => Promise<StartupReport>;
  startMailDelivery: () => Promise<string>;
  stopRapport: () => Promise<void>;
}

const vite = dev
  ? await import("vite").then((v) => v.createServer({ root, server: { middlewareMode: true } }))
  : undefined;

async function loadBuild(): Promise<ServerBuild> {
  const build = vite
    ? ((await vite.ssrLoadModule("virtual:remix/server-build")) as ServerBuild)
    : ((await import(pathToFileURL(path.join(root, "build/server/index.js")).href)) as ServerBuild);
  // A database outage answers 503 with Retry-After, not 500.
  return withDatabaseOutageHandling(build, resetDatabaseConnections);
}

surviveDriverCrashes(resetDatabaseConnections);
const build = await loadBuild();
const entry = build.entry.module as unknown as EntryModule;
const report = await entry.startRapport();
const mail = await entry.startMailDelivery();

// One number decides what every forwarded header is believed for: the client's address, our scheme and host.
const proxyHops = env().RAPPORT_TRUST_PROXY;
const app = express();
app.disable("x-powered-by");
app.set("trust proxy", proxyHops);
// Before anything can answer, so every response carries the headers and no mutation skips the checks.
app.use(withSecurityHeaders({ dev: Boolean(vite) }));
app.use(refuseCrossSiteMutations({ proxyHops }));
app.use(limitRequestBodies());
app.use(compression());
if (vite) {
  app.use(vite.middlewares);
} else {
  app.use("/assets", express.static(path.join(root, "build/client/assets"), { immutable: true, maxAge: "1y" }));
  app.use(express.static(path.join(root, "build/client"), { maxAge: "1h" }));
  app.use(express.static(path.join(root, "public"), { maxAge: "1h" }));
}
app.all(
  "*",
  remixHandler({
    build: vite ? loadBuild : build,
    mode: process.env.NODE_ENV,
    proxyHops,
    getLoadContext: (req, res) => ({
      clientAddress: clientAddressOf({
        remoteAddress: req.socket.remoteAddress,
        forwardedFor: req.get("x-forwarded-for"),
        hops: proxyHops,
      }),
      cspNonce: cspNonce(res),
    }),
  }),
);

const port = Number(process.env.PORT ?? 3000);
const server = app.listen(port, () => {
  // PORT=0 takes any free port (the tests' second server does): print the one we got.
  const url = `http://localhost:${(server.address() as AddressInfo).port}`;
  const lines = [
    `Rapport is ready at ${url} in ${Math.round(performance.now() - startedAt)} ms`,
    `  database: ${report.engine === "pglite" ? "embedded PGlite in" : "PostgreSQL at"} ${report.where}` +
      ` (open and migrate ${report.millis.database} ms${report.seededDemo ? `, demo organisation seeded in ${report.millis.seed} ms` : ""})`,
    `  mail: ${mail}`,
  ];
  if (report.seededDemo || process.env.RAPPORT_SEED !== "none") {
    lines.push(`  demo sign-ins at ${url}/sign-in, password "${report.demoPassword}":`);
    for (const login of report.demoLogins) lines.push(`    ${login.email.padEnd(28)} ${login.description}`);
  }
  console.log(lines.join("\n"));
});

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  console.log(`${signal}: closing connections, the mail worker, the job runner and the database`);
  server.close();
  await vite?.close();
  await entry.stopRapport();
  process.exit(0);
}
process.on("SIGINT", () => void shutdown("SIGINT"));
process.on("SIGTERM", () => void shutdown("SIGTERM"));
