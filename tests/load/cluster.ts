/**
 * A throwaway PostgreSQL cluster for the load test: its own data folder,
 * port and socket folder, so restarting it never disturbs the shared server
 * other work runs on. PostgreSQL refuses to run as root; when we are root
 * its programs run as the `postgres` user on a folder that user owns.
 */
import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

export interface Cluster {
  url: (database: string) => string;
  port: number;
  /** Stops the server (fast: open transactions roll back, connections are cut). */
  stop: () => Promise<void>;
  /** Starts it again and resolves once it accepts connections. */
  start: () => Promise<void>;
  /** Stops it if running and removes the folder. Safe to call twice. */
  dispose: () => void;
  logFile: string;
}

/** The newest PostgreSQL's programs, or LOAD_PG_BIN. */
function findPostgresBin(): string {
  if (process.env.LOAD_PG_BIN) return process.env.LOAD_PG_BIN;
  const root = "/usr/lib/postgresql";
  const versions = fs.existsSync(root)
    ? fs
        .readdirSync(root)
        .filter((v) => fs.existsSync(path.join(root, v, "bin", "initdb")))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (!versions[0])
    throw new Error(
      "No PostgreSQL server programs found under /usr/lib/postgresql; set LOAD_PG_BIN to the folder holding initdb and pg_ctl.",
    );
  return path.join(root, versions[0], "bin");
}

function asPostgresUser(): { uid: number; gid: number } | null {
  if (process.getuid?.() !== 0) return null;
  const uid = Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" }).trim());
  const gid = Number(execFileSync("id", ["-g", "postgres"], { encoding: "utf8" }).trim());
  return { uid, gid };
}

function run(bin: string, args: string[], user: { uid: number; gid: number } | null): Promise<void> {
  return new Promise((resolve, reject) => {
    // runuser would do too; spawning with the user's ids needs no extra program.
    const child = spawn(bin, args, { stdio: ["ignore", "pipe", "pipe"], ...(user ?? {}), cwd: os.tmpdir() });
    let output = "";
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    child.on("error", reject);
    child.on("exit", (code) =>
      code === 0 ? resolve() : reject(new Error(`${path.basename(bin)} ${args[0]} exited ${code}: ${output.trim()}`)),
    );
  });
}

export async function createCluster(port: number): Promise<Cluster> {
  const bin = findPostgresBin();
  const user = asPostgresUser();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "rapport-load-pg-"));
  if (user) fs.chownSync(dir, user.uid, user.gid);
  const data = path.join(dir, "data");
  const logFile = path.join(dir, "server.log");
  const pgCtl = path.join(bin, "pg_ctl");
  let running = false;
  let disposed = false;

  const options = [
    `-p ${port}`,
    `-k ${dir}`,
    "-c listen_addresses=127.0.0.1",
    "-c max_connections=100",
    // Only an operating-system crash needs fsync, and the disk is shared with other work.
    // Commits stay synchronous: an acknowledged write must survive the restart for the right reason.
    "-c fsync=off",
  ].join(" ");

  const cluster: Cluster = {
    port,
    logFile,
    url: (database) => `postgres://postgres@127.0.0.1:${port}/${database}`,
    async start() {
      await run(pgCtl, ["start", "-D", data, "-l", logFile, "-w", "-t", "30", "-o", options], user);
      running = true;
    },
    async stop() {
      await run(pgCtl, ["stop", "-D", data, "-m", "fast", "-w", "-t", "30"], user);
      running = false;
    },
    dispose() {
      if (disposed) return;
      disposed = true;
      if (running || fs.existsSync(path.join(data, "postmaster.pid"))) {
        try {
          // Synchronous, so it also runs from an exit handler.
          execFileSync(pgCtl, ["stop", "-D", data, "-m", "immediate", "-w", "-t", "20"], {
            stdio: "ignore",
            ...(user ?? {}),
            cwd: os.tmpdir(),
          });
        } catch {
          // Already stopped, or never started: the folder goes anyway.
        }
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };

  try {
    await run(
      path.join(bin, "initdb"),
      ["-D", data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-sync", "--locale=C"],
      user,
    );
    await cluster.start();
  } catch (error) {
    cluster.dispose();
    throw error;
  }
  return cluster;
}
