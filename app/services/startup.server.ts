import { sql } from "drizzle-orm";
import { DEMO_LOGINS, DEMO_PASSWORD, isDatabaseEmpty, seedDemoOrganisation } from "#db/seed/demo";
import { env } from "~/env.server";
import { stopLiveUpdates } from "./live/channel.server";
import { getDatabaseHandle } from "./db.server";
import { transportFromEnv, type MailTransport } from "./mail/transport.server";
import { startMailWorker, type MailWorker } from "./mail/worker.server";
import { RECURRING_JOBS } from "./jobs/registry.server";
import { startJobRunner, type JobRunner } from "./jobs/runner.server";

declare global {
  // The mail worker of this server, kept across dev-server module reloads so there is only ever one.
  var __rapportMail: { worker: MailWorker; transport: MailTransport } | undefined;
  // Likewise the runner of recurring jobs (reminders, digests, trend months).
  var __rapportJobs: JobRunner | undefined;
}

export interface StartupReport {
  engine: "pglite" | "postgres";
  where: string;
  seededDemo: boolean;
  demoLogins: typeof DEMO_LOGINS;
  demoPassword: string;
  millis: { database: number; seed: number };
}

/**
 * Everything that must happen before the first request: open the database,
 * migrate it, and seed the demo organisation into an empty one (unless
 * RAPPORT_SEED=none). Called by app/server.ts before it listens.
 */
export async function startRapport(): Promise<StartupReport> {
  const t0 = performance.now();
  const handle = await getDatabaseHandle();
  const t1 = performance.now();
  const { RAPPORT_SEED, DATABASE_URL, RAPPORT_DATA_DIR } = env();
  let seededDemo = false;
  if (RAPPORT_SEED === "demo") {
    seededDemo = await handle.db.transaction(async (tx) => {
      // Several app servers may start at once against one PostgreSQL: one seeds, the others wait and see it done.
      if (handle.engine === "postgres") await tx.execute(sql`select pg_advisory_xact_lock(7316)`);
      if (!(await isDatabaseEmpty(tx))) return false;
      await seedDemoOrganisation(tx);
      return true;
    });
  }
  const t2 = performance.now();
  return {
    engine: handle.engine,
    where: DATABASE_URL ? new URL(DATABASE_URL).host + new URL(DATABASE_URL).pathname : RAPPORT_DATA_DIR,
    seededDemo,
    demoLogins: DEMO_LOGINS,
    demoPassword: DEMO_PASSWORD,
    millis: { database: Math.round(t1 - t0), seed: Math.round(t2 - t1) },
  };
}

/**
 * Starts sending the outbox (app/services/mail): to SMTP_URL, or to this server's log when there is
 * none; and the recurring jobs' runner (app/services/jobs, ADR 036). Called by app/server.ts at start,
 * so tests and command-line tools never send mail or run jobs unless they start them themselves.
 * Returns where mail goes, for the banner.
 */
export async function startMailDelivery(): Promise<string> {
  if (globalThis.__rapportMail) return globalThis.__rapportMail.transport.description;
  const handle = await getDatabaseHandle();
  const transport = transportFromEnv();
  const worker = startMailWorker({ db: () => handle.db, transport, from: env().RAPPORT_MAIL_FROM });
  globalThis.__rapportMail = { worker, transport };
  globalThis.__rapportJobs ??= startJobRunner({ database: handle, jobs: RECURRING_JOBS });
  return transport.description;
}

async function stopMailDelivery(): Promise<void> {
  const jobs = globalThis.__rapportJobs;
  globalThis.__rapportJobs = undefined;
  await jobs?.stop();
  const mail = globalThis.__rapportMail;
  globalThis.__rapportMail = undefined;
  if (!mail) return;
  await mail.worker.stop();
  mail.transport.close();
}

/**
 * Stops the job runner (waiting for runs in progress) and the mail worker, then closes the database;
 * PGlite must be closed to leave its data folder consistent.
 */
export async function stopRapport(): Promise<void> {
  await stopMailDelivery();
  await stopLiveUpdates();
  const pending = globalThis.__rapportDatabase;
  globalThis.__rapportDatabase = undefined;
  if (pending) await (await pending).close();
}
