import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";

/**
 * Starts the built app (npm run build first) on a fresh data folder with the
 * demo organisation, or on E2E_DATABASE_URL when set, and stops it after.
 */
export default async function setup(project: TestProject) {
  const port = Number(process.env.E2E_PORT ?? 3999);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "rapport-e2e-"));
  if (!fs.existsSync("build/server/index.js")) throw new Error("No build: run `npm run build` before the browser tests");

  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    RAPPORT_DATA_DIR: dataDir,
    RAPPORT_SEED: "demo",
    NODE_ENV: "production",
  };
  delete env.DATABASE_URL;
  if (process.env.E2E_DATABASE_URL) env.DATABASE_URL = process.env.E2E_DATABASE_URL;

  const server = spawn(process.execPath, ["--import", "tsx", "app/server.ts"], { env, stdio: ["ignore", "pipe", "pipe"] });
  const output: string[] = [];
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output.join("")}`)), 110_000);
    const onData = (chunk: Buffer) => {
      output.push(chunk.toString());
      if (chunk.toString().includes("Rapport is ready")) {
        clearTimeout(timer);
        resolve();
      }
    };
    server.stdout!.on("data", onData);
    server.stderr!.on("data", (chunk: Buffer) => output.push(chunk.toString()));
    server.on("exit", (code) => reject(new Error(`server exited with ${code}:\n${output.join("")}`)));
  });
  // Server errors after start are test failures too: keep them visible.
  server.stderr!.on("data", (chunk: Buffer) => process.stderr.write(chunk));
  project.provide("baseUrl", `http://localhost:${port}`);

  return async () => {
    await stop(server);
    fs.rmSync(dataDir, { recursive: true, force: true });
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

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
  }
}
