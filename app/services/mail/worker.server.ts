// Sends what the outbox holds. Any number of workers, in one process or on many app servers, may run
// on one database: each message is leased to one of them at a time (./outbox.server.ts).
import { randomBytes } from "node:crypto";
import os from "node:os";
import { plural } from "~/domain/dates";
import { afterFailure, DEFAULT_RETRY_POLICY, type RetryPolicy, type SendFailure } from "~/domain/mail-retry";
import type { Database } from "~/services/db.server";
import {
  claimDueMail,
  giveUp,
  markDelivered,
  onMailQueued,
  pruneMailOutbox,
  scheduleRetry,
  type OutboxRow,
} from "./outbox.server";
import type { MailTransport } from "./transport.server";

export interface MailLog {
  info: (line: string) => void;
  warn: (line: string) => void;
}

export interface MailWorkerOptions {
  /** The database, or how to get it each time (PostgreSQL's pool is replaced after an outage). */
  db: Database | (() => Database);
  transport: MailTransport;
  /** RAPPORT_MAIL_FROM. */
  from: string;
  workerId?: string;
  /** Messages claimed at once; the SMTP pool sends them over a few connections. */
  batchSize?: number;
  /**
   * How long a claim holds a message. Longer than any one send can take (the SMTP timeouts stop a send
   * well inside it), short enough that a crashed server's mail goes out soon after.
   */
  leaseMs?: number;
  retry?: RetryPolicy;
  log?: MailLog;
  random?: () => number;
}

export interface MailRunReport {
  claimed: number;
  delivered: number;
  retried: number;
  failed: number;
  expired: number;
}

const DEFAULTS = { batchSize: 10, leaseMs: 120_000 };
const consoleLog: MailLog = { info: (line) => console.info(line), warn: (line) => console.warn(line) };

function newWorkerId(): string {
  return `${os.hostname()}:${process.pid}:${randomBytes(3).toString("hex")}`;
}

/** The domain of the From address, for Message-IDs that say who made them. */
function domainOf(from: string): string {
  const address = /<([^<>]+)>\s*$/.exec(from)?.[1] ?? from;
  return address.split("@")[1]?.trim() || "rapport.localhost";
}

/** Derived from the row, so every attempt at one message, by any worker, carries the same Message-ID. */
export function messageIdFor(rowId: string, from: string): string {
  return `<${rowId}@${domainOf(from)}>`;
}

/** What is kept of a failure: the transport's code and reply, never the message (nodemailer puts no body in it). */
function describeFailure(error: unknown): { text: string; failure: SendFailure } {
  const e = (error ?? {}) as { code?: unknown; responseCode?: unknown; message?: unknown };
  const failure: SendFailure = {
    code: typeof e.code === "string" ? e.code : undefined,
    responseCode: typeof e.responseCode === "number" ? e.responseCode : undefined,
  };
  const message = typeof e.message === "string" ? e.message : String(error);
  const text = [failure.code, message].filter(Boolean).join(": ").replace(/\s+/g, " ");
  return { text: text.slice(0, 500), failure };
}

type Outcome = { kind: "delivered" | "failed" | "expired" } | { kind: "retried"; error: string; inSeconds: number };

async function deliver(
  db: Database,
  row: OutboxRow,
  options: MailWorkerOptions & { workerId: string },
  now: Date,
  policy: RetryPolicy,
  log: MailLog,
): Promise<Outcome> {
  const label = `mail ${row.id} (${row.kind})`;
  if (row.expiresAt && row.expiresAt <= now) {
    await giveUp(db, row.id, options.workerId, "expired", "expired before it could be sent");
    log.warn(`${label} expired before it could be sent`);
    return { kind: "expired" };
  }
  // Each claim counts an attempt, so this is a message whose senders kept stopping mid-send.
  if (row.attempts > policy.maxAttempts) {
    await giveUp(db, row.id, options.workerId, "failed", row.lastError ?? "its senders stopped before finishing");
    log.warn(`${label} not sent after ${row.attempts - 1} attempts`);
    return { kind: "failed" };
  }
  if (row.textBody === null || row.htmlBody === null) throw new Error(`${label} is pending without a body`);
  const messageId = messageIdFor(row.id, options.from);
  try {
    await options.transport.send({
      messageId,
      from: options.from,
      to: row.toAddress,
      subject: row.subject,
      text: row.textBody,
      html: row.htmlBody,
      ...(row.headers ? { headers: row.headers } : {}),
    });
  } catch (error) {
    const { text, failure } = describeFailure(error);
    const decision = afterFailure(row.attempts, failure, now, policy, row.expiresAt, options.random);
    if (decision.retry) {
      await scheduleRetry(db, row.id, options.workerId, decision.at, text);
      return { kind: "retried", error: text, inSeconds: Math.round((decision.at.getTime() - now.getTime()) / 1000) };
    }
    const status = decision.reason === "would expire" ? "expired" : "failed";
    await giveUp(db, row.id, options.workerId, status, text);
    log.warn(`${label} not sent (${decision.reason} after ${plural(row.attempts, "attempt")}): ${text}`);
    return { kind: status };
  }
  await markDelivered(db, row.id, { transport: options.transport.name, messageId, now });
  return { kind: "delivered" };
}

/**
 * One pass: claims up to a batch of due messages and sends them, each to its end: delivered, retried
 * later with backoff, or given up. Returns what happened; throws if the database could not be reached
 * (what it had claimed is retried when the lease runs out).
 */
export async function runMailWorker(options: MailWorkerOptions, now: Date = new Date()): Promise<MailRunReport> {
  const db = typeof options.db === "function" ? options.db() : options.db;
  const workerId = options.workerId ?? newWorkerId();
  const policy = options.retry ?? DEFAULT_RETRY_POLICY;
  const log = options.log ?? consoleLog;
  const rows = await claimDueMail(db, {
    workerId,
    now,
    leaseMs: options.leaseMs ?? DEFAULTS.leaseMs,
    limit: options.batchSize ?? DEFAULTS.batchSize,
  });
  const report: MailRunReport = { claimed: rows.length, delivered: 0, retried: 0, failed: 0, expired: 0 };
  const settled = await Promise.allSettled(
    rows.map((row) => deliver(db, row, { ...options, workerId }, now, policy, log)),
  );
  const retried: Extract<Outcome, { kind: "retried" }>[] = [];
  for (const result of settled) {
    if (result.status !== "fulfilled") continue;
    report[result.value.kind]++;
    if (result.value.kind === "retried") retried.push(result.value);
  }
  // One line for a batch an outage held back, not one per message.
  if (retried[0]) {
    const soonest = Math.min(...retried.map((r) => r.inSeconds));
    log.warn(
      `mail: ${plural(retried.length, "message")} not sent yet, retrying from ${soonest} s: ${retried[0].error}`,
    );
  }
  const broken = settled.find((result) => result.status === "rejected");
  if (broken) throw broken.reason;
  return report;
}

export interface MailWorker {
  readonly id: string;
  /** Looks for due mail soon, instead of at the next poll. */
  wake: () => void;
  /** Stops polling and waits for the pass in progress, so nothing is left half marked. */
  stop: () => Promise<void>;
}

export interface StartMailWorkerOptions extends MailWorkerOptions {
  /** How often to look for due mail (and retries that came due); mail queued in this process wakes it at once. */
  pollMs?: number;
  /** Finished mail older than this is deleted (pending mail never is). */
  keepDays?: number;
  clock?: () => Date;
}

/** Gives an enqueueing transaction a moment to commit before the woken worker looks. */
const WAKE_DELAY_MS = 20;
const PRUNE_EVERY_MS = 3_600_000;
const DAY_MS = 86_400_000;

/** Runs passes until stopped: at once, then every pollMs, straight away again after a full batch. */
export function startMailWorker(options: StartMailWorkerOptions): MailWorker {
  const id = options.workerId ?? newWorkerId();
  const pollMs = options.pollMs ?? 1_000;
  const batchSize = options.batchSize ?? DEFAULTS.batchSize;
  const keepDays = options.keepDays ?? 30;
  const clock = options.clock ?? (() => new Date());
  const log = options.log ?? consoleLog;
  const run = { ...options, workerId: id, log };

  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let stopped = false;
  let again = false;
  let unreachable = false;
  let prunedAt = 0;

  const schedule = (ms: number) => {
    if (stopped) return;
    clearTimeout(timer);
    timer = setTimeout(() => void pass(), ms);
    // A worker never keeps a process alive by itself; the server it belongs to does.
    timer.unref();
  };

  const pass = async () => {
    timer = undefined;
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    let full = false;
    running = (async () => {
      try {
        const now = clock();
        if (now.getTime() - prunedAt >= PRUNE_EVERY_MS) {
          const db = typeof options.db === "function" ? options.db() : options.db;
          await pruneMailOutbox(db, new Date(now.getTime() - keepDays * DAY_MS));
          prunedAt = now.getTime();
        }
        full = (await runMailWorker(run, now)).claimed >= batchSize;
        if (unreachable) log.info("mail: the outbox can be read again");
        unreachable = false;
      } catch (error) {
        // Once per outage, not once a second.
        if (!unreachable)
          log.warn(`mail: could not work the outbox, trying again every ${pollMs} ms: ${briefly(error)}`);
        unreachable = true;
      }
    })();
    await running;
    running = undefined;
    const soon = full || again;
    again = false;
    schedule(soon ? 0 : pollMs);
  };

  const wake = () => {
    if (stopped) return;
    if (running) again = true;
    else schedule(WAKE_DELAY_MS);
  };
  const unsubscribe = onMailQueued(wake);
  schedule(0);

  return {
    id,
    wake,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      unsubscribe();
      await running;
    },
  };
}

/**
 * One line for the log: the driver's code or first line, not the whole failed statement with its
 * parameters (drizzle wraps the driver's error and repeats the SQL), so an outage reads as one notice.
 */
function briefly(error: unknown): string {
  const cause = (error as { cause?: unknown } | null)?.cause ?? error;
  const code = (cause as { code?: unknown } | null)?.code;
  const text = String(cause).split("\n")[0] ?? "";
  return typeof code === "string" ? `${code}: ${text}` : text;
}
