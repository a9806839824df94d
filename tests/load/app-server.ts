/**
 * The built app, started as production runs it (`node --import tsx
 * app/server.ts`), as a child process with its output kept in a file.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

export interface AppServer {
  base: string;
  /** What the server printed; read after the run for errors it logged. */
  output: () => string;
  /** Whether it exited on its own (it must not). */
  exited: () => number | null;
  stop: () => Promise<void>;
  /** CPU seconds the server process has used so far (Linux), or null. */
  cpuSeconds: () => number | null;
  /** For exit handlers: no waiting. */
  kill: () => void;
}

function newestMtime(file: string): number {
  if (!fs.existsSync(file)) return 0;
  const stat = fs.statSync(file);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...fs.readdirSync(file).map((name) => newestMtime(path.join(file, name))));
}

/** What the server bundle is made of: db/ is bundled in too. */
const SOURCES = ["app", "db", "public", "vite.config.ts", "tsconfig.json", "package-lock.json"];

/** Builds when there is no build or a source changed since it was made. */
export function buildIfNeeded(root: string): "built" | "up to date" {
  const server = path.join(root, "build/server/index.js");
  const newestSource = Math.max(...SOURCES.map((source) => newestMtime(path.join(root, source))));
  if (fs.existsSync(server) && fs.statSync(server).mtimeMs >= newestSource) return "up to date";
  const result = spawnSync("npm", ["run", "build"], { cwd: root, stdio: ["ignore", "ignore", "inherit"] });
  if (result.status !== 0) throw new Error(`npm run build failed (exit ${result.status})`);
  return "built";
}

export async function startAppServer(
  root: string,
  options: { port: number; databaseUrl: string; sessionSecret: string; logFile: string; smtpUrl?: string },
): Promise<AppServer> {
  const out = fs.openSync(options.logFile, "w");
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", "app/server.ts"], {
    cwd: root,
    stdio: ["ignore", out, out],
    env: {
      ...process.env,
      NODE_ENV: "production",
      RAPPORT_SEED: "none",
      DATABASE_URL: options.databaseUrl,
      SESSION_SECRET: options.sessionSecret,
      PORT: String(options.port),
      ...(options.smtpUrl ? { SMTP_URL: options.smtpUrl } : {}),
    },
  });
  fs.closeSync(out);
  let exitCode: number | null = null;
  const exited = new Promise<void>((resolve) =>
    child.on("exit", (code, signal) => ((exitCode = code ?? (signal ? 128 : 1)), resolve())),
  );
  const output = () => fs.readFileSync(options.logFile, "utf8");

  const deadline = Date.now() + 60_000;
  while (!/Rapport is ready at/.test(output())) {
    if (exitCode !== null) throw new Error(`the app server exited (${exitCode}) before it was ready:\n${output()}`);
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`the app server was not ready within 60 s:\n${output()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    base: `http://localhost:${options.port}`,
    output,
    exited: () => exitCode,
    cpuSeconds: () => {
      try {
        // Fields 14 and 15 of /proc/<pid>/stat: user and system time in clock ticks (100 a second).
        const fields = fs.readFileSync(`/proc/${child.pid}/stat`, "utf8").split(") ")[1]!.split(" ");
        return (Number(fields[11]) + Number(fields[12])) / 100;
      } catch {
        return null;
      }
    },
    kill: () => {
      if (exitCode === null) child.kill("SIGKILL");
    },
    async stop() {
      if (exitCode !== null) return;
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
