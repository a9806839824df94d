import type { TestProject } from "vitest/node";
import { e2eServerCount } from "./server-count";
import { startServer } from "./server";

/**
 * Starts the built app (npm run build first) once per test worker, each on a fresh data folder with
 * the demo organisation, and stops them after. A worker runs its files one after another against its
 * own server, so journeys never meet another file's changes mid-run (ADR 035). On E2E_DATABASE_URL
 * there is one database, so one server and one worker.
 */
export default async function setup(project: TestProject) {
  const firstPort = Number(process.env.E2E_PORT ?? 3999);
  const started = await Promise.allSettled(
    Array.from({ length: e2eServerCount() }, (_, i) =>
      startServer({ port: firstPort === 0 ? 0 : firstPort + i, useE2eDatabase: true }),
    ),
  );
  const servers = started.flatMap((s) => (s.status === "fulfilled" ? [s.value] : []));
  const failed = started.find((s) => s.status === "rejected");
  if (failed) {
    // Never leave the ones that did start running behind a failed run.
    await Promise.all(servers.map((s) => s.stop()));
    throw failed.reason;
  }
  project.provide(
    "baseUrls",
    servers.map((s) => s.baseUrl),
  );
  return () => Promise.all(servers.map((s) => s.stop())).then(() => undefined);
}

declare module "vitest" {
  export interface ProvidedContext {
    /** One server per worker; a test reaches its own through `serverUrl()` (tests/e2e/servers.ts). */
    baseUrls: string[];
  }
}
