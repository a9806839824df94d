import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

export interface RunningServer {
  baseUrl: string;
  stop(): Promise<void>;
}

/**
 * Starts the built app (npm run build first) on a fresh data folder with the
 * demo organisation, or on E2E_DATABASE_URL when `useE2eDatabase` is set, or
 * on `databaseUrl`. PORT 0 takes any free port.
 */
export async function startServer(options: {
  port: number;
  env?: Record<string, string>;
  useE2eDatabase?: boolean;
  databaseUrl?: string;
}): Promise<RunningServer> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "rapport-e2e-"));
  if (!fs.existsSync("build/server/index.js"))
    throw new Error("No build: run `npm run build` before the browser tests");

  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(options.port),
    RAPPORT_DATA_DIR: dataDir,
    RAPPORT_SEED: "demo",
    NODE_ENV: "production",
    ...options.env,
  };
  delete env.DATABASE_URL;
  delete env.RAPPORT_TRUST_PROXY;
  if (options.env?.RAPPORT_TRUST_PROXY) env.RAPPORT_TRUST_PROXY = options.env.RAPPORT_TRUST_PROXY;
  if (options.useE2eDatabase && process.env.E2E_DATABASE_URL) env.DATABASE_URL = process.env.E2E_DATABASE_URL;
  if (options.databaseUrl) env.DATABASE_URL = options.databaseUrl;

  const server = spawn(process.execPath, ["--import", "tsx", "app/server.ts"], {
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const output: string[] = [];
  const baseUrl = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output.join("")}`)), 170_000);
    const onData = (chunk: Buffer) => {
      output.push(chunk.toString());
      const ready = output.join("").match(/Rapport is ready at (http:\/\/\S+)/);
      if (ready) {
        clearTimeout(timer);
        server.stdout!.off("data", onData);
        resolve(ready[1]!);
      }
    };
    server.stdout!.on("data", onData);
    server.stderr!.on("data", (chunk: Buffer) => output.push(chunk.toString()));
    server.on("exit", (code) => reject(new Error(`server exited with ${code}:\n${output.join("")}`)));
  });
  // Server errors after start are test failures too: keep them visible.
  server.stderr!.on("data", (chunk: Buffer) => process.stderr.write(chunk));
  // Keep draining stdout so a chatty server never blocks on a full pipe.
  server.stdout!.resume();

  return {
    baseUrl,
    async stop() {
      await stop(server);
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

function stop(server: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (server.exitCode !== null) return resolve();
    server.once("exit", () => resolve());
    server.kill("SIGTERM");
    setTimeout(() => server.kill("SIGKILL"), 10_000).unref();
  });
}
