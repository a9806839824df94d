/**
 * The built app server as the bench sees it: built once, spawned as
 * `node --import tsx app/server.ts` (what `npm run serve` runs) with
 * NODE_ENV=production, and timed from spawn to its first 200.
 */
import { spawn, type ChildProcess } from "node:child_process";
import net from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

/** `npm run build`; its output only shows when it fails, so stdout stays JSON lines. */
export async function buildApp(): Promise<void> {
  const child = spawn("npm", ["run", "build"], { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
  const output = collect(child);
  const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
  if (code !== 0) throw new Error(`npm run build failed (exit ${code}):\n${output()}`);
}

/** A port nobody listens on right now. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

export interface RunningServer {
  origin: string;
  /** Milliseconds from spawn to the first 200 on `readyPath`. */
  coldMs: number;
  stop: () => Promise<void>;
}

const running = new Set<ChildProcess>();

/** Stops every server this process started; for Ctrl-C. */
export function killServers(): void {
  for (const child of running) child.kill("SIGKILL");
}

export interface StartOptions {
  port: number;
  env: Record<string, string>;
  /** A page that answers 200 without signing in. */
  readyPath: string;
  timeoutMs?: number;
}

export async function startServer({ port, env, readyPath, timeoutMs = 120_000 }: StartOptions): Promise<RunningServer> {
  const origin = `http://127.0.0.1:${port}`;
  const started = performance.now();
  const child = spawn(process.execPath, ["--import", "tsx", "app/server.ts"], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: "production", PORT: String(port), ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  running.add(child);
  const output = collect(child);
  let exited: number | null | undefined;
  const closed = new Promise<void>((resolve) =>
    child.on("close", (code) => {
      exited = code;
      running.delete(child);
      resolve();
    }),
  );
  const stop = async () => {
    if (exited !== undefined) return;
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
    await closed;
    clearTimeout(timer);
  };

  while (true) {
    if (exited !== undefined) throw new Error(`the server exited (code ${exited}) before answering:\n${output()}`);
    if (performance.now() - started > timeoutMs) {
      await stop();
      throw new Error(`the server did not answer 200 on ${readyPath} within ${timeoutMs} ms:\n${output()}`);
    }
    const status = await fetch(origin + readyPath, { redirect: "manual" }).then(
      (response) => response.arrayBuffer().then(() => response.status),
      () => 0,
    );
    if (status === 200) break;
    if (status !== 0) {
      await stop();
      throw new Error(`the server answered ${status} on ${readyPath}, not 200:\n${output()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return { origin, coldMs: Math.round(performance.now() - started), stop };
}

function collect(child: ChildProcess): () => string {
  const chunks: Buffer[] = [];
  child.stdout?.on("data", (chunk: Buffer) => chunks.push(chunk));
  child.stderr?.on("data", (chunk: Buffer) => chunks.push(chunk));
  return () => Buffer.concat(chunks).toString("utf8").slice(-4000);
}
