// The outbox: mail is a row written with whatever caused it, and the worker (./worker.server.ts) on
// any app server sends it. See docs/decisions/020-mail.md.
import { and, asc, eq, inArray, isNull, lt, lte, ne, or, sql } from "drizzle-orm";
import { mailOutbox } from "#db/schema";
import type { MailStatus, MailTransportName } from "~/domain/enums";
import type { Database } from "~/services/db.server";
import type { RenderedMail } from "./layout.server";

export type OutboxRow = typeof mailOutbox.$inferSelect;

export interface MailToQueue extends RenderedMail {
  to: string;
  /** What it is for: lower-case words and dashes ("invitation", "password-reset"). */
  kind: string;
  /**
   * One logical message, e.g. `invitation:<invitation id>`: enqueueing the same key again (a double
   * submit, a retried request) queues nothing. Keys stay taken until the row is pruned.
   */
  dedupeKey: string;
  /**
   * The body grants access (a one-time link): it is wiped from the outbox as soon as the message is
   * sent, logged, given up on or expired, and the database refuses a finished sensitive row with a body.
   */
  sensitive?: boolean;
  /** Not worth sending after this (the link in it expires then). */
  expiresAt?: Date;
  /**
   * Extra headers (List-Unsubscribe and List-Unsubscribe-Post, RFC 8058). Forgotten when the row is
   * finished with, like a sensitive body, since a one-click link is a key of sorts.
   */
  headers?: Record<string, string>;
}

export interface Enqueued {
  id: string;
  /** False when the dedupe key was queued before: nothing new was written. */
  queued: boolean;
}

declare global {
  // Workers in this process, woken when mail is queued (kept across dev-server module reloads).
  var __rapportMailWakers: Set<() => void> | undefined;
}

function wakers(): Set<() => void> {
  globalThis.__rapportMailWakers ??= new Set();
  return globalThis.__rapportMailWakers;
}

/** Called by a worker to hear of mail queued in this process; returns the way to stop listening. */
export function onMailQueued(wake: () => void): () => void {
  wakers().add(wake);
  return () => wakers().delete(wake);
}

const ADDRESS = /^[^\s@<>]+@[^\s@<>]+$/;
const HEADER_NAME = /^List-[A-Za-z-]{1,40}$/;

/** Only List-* headers, each one line: nothing a caller passes can add a recipient or change the message. */
function checkedHeaders(headers: Record<string, string> | undefined): Record<string, string> | null {
  if (!headers || Object.keys(headers).length === 0) return null;
  for (const [name, value] of Object.entries(headers)) {
    if (!HEADER_NAME.test(name) || /[\r\n]/.test(value) || value.length > 1000) {
      throw new Error(`enqueueMail refuses the header ${JSON.stringify(name)}`);
    }
  }
  return headers;
}

/**
 * Queues one message, in `db` (a transaction, when the mail belongs to a change: it is then sent only
 * if the change commits). Workers in this process are woken; the others find it on their next poll.
 */
export async function enqueueMail(db: Database, mail: MailToQueue, now: Date = new Date()): Promise<Enqueued> {
  const to = mail.to.trim();
  if (!ADDRESS.test(to)) throw new Error("enqueueMail needs one plain address in `to`");
  const headers = checkedHeaders(mail.headers);
  const [inserted] = await db
    .insert(mailOutbox)
    .values({
      dedupeKey: mail.dedupeKey,
      kind: mail.kind,
      toAddress: to,
      subject: mail.subject,
      textBody: mail.text,
      htmlBody: mail.html,
      sensitive: mail.sensitive ?? false,
      expiresAt: mail.expiresAt ?? null,
      headers,
      nextAttemptAt: now,
      createdAt: now,
    })
    .onConflictDoNothing({ target: mailOutbox.dedupeKey })
    .returning({ id: mailOutbox.id });
  if (inserted) {
    for (const wake of wakers()) wake();
    return { id: inserted.id, queued: true };
  }
  const [existing] = await db
    .select({ id: mailOutbox.id })
    .from(mailOutbox)
    .where(eq(mailOutbox.dedupeKey, mail.dedupeKey));
  if (!existing) throw new Error("a queued message vanished while it was being queued again");
  return { id: existing.id, queued: false };
}

export interface ClaimOptions {
  workerId: string;
  now: Date;
  leaseMs: number;
  limit: number;
}

/**
 * Takes up to `limit` due messages for this worker: pending, due, and not leased to a live worker
 * (a lease that ran out is a crashed or stuck sender's, and is taken over). One statement: the
 * inner SELECT ... FOR UPDATE SKIP LOCKED passes over rows another worker is claiming at the same
 * instant, and the UPDATE leases what it got, so two workers never hold one row. Counts the attempt.
 */
export async function claimDueMail(
  db: Database,
  { workerId, now, leaseMs, limit }: ClaimOptions,
): Promise<OutboxRow[]> {
  const due = db
    .select({ id: mailOutbox.id })
    .from(mailOutbox)
    .where(
      and(
        eq(mailOutbox.status, "pending"),
        lte(mailOutbox.nextAttemptAt, now),
        or(isNull(mailOutbox.lockedUntil), lte(mailOutbox.lockedUntil, now)),
      ),
    )
    .orderBy(asc(mailOutbox.nextAttemptAt), asc(mailOutbox.createdAt))
    .limit(limit)
    .for("update", { skipLocked: true });
  const rows = await db
    .update(mailOutbox)
    .set({
      lockedUntil: new Date(now.getTime() + leaseMs),
      lockedBy: workerId,
      attempts: sql`${mailOutbox.attempts} + 1`,
    })
    .where(inArray(mailOutbox.id, due))
    .returning();
  return rows.sort((a, b) => a.nextAttemptAt.getTime() - b.nextAttemptAt.getTime());
}

/** A sensitive body, and every message's extra headers, go in the same statement that finishes the row. */
const wipedIfSensitive = {
  textBody: sql`case when ${mailOutbox.sensitive} then null else ${mailOutbox.textBody} end`,
  htmlBody: sql`case when ${mailOutbox.sensitive} then null else ${mailOutbox.htmlBody} end`,
  headers: sql`null`,
};

/**
 * The transport took it. Whichever worker sent it may say so, even one whose lease ran out meanwhile:
 * the message is out, and a second sender's later mark finds the row no longer pending.
 */
export async function markDelivered(
  db: Database,
  id: string,
  delivery: { transport: MailTransportName; messageId: string; now: Date },
): Promise<void> {
  await db
    .update(mailOutbox)
    .set({
      status: delivery.transport === "log" ? "logged" : "sent",
      transport: delivery.transport,
      messageId: delivery.messageId,
      sentAt: delivery.now,
      lockedUntil: null,
      lastError: null,
      ...wipedIfSensitive,
    })
    .where(and(eq(mailOutbox.id, id), eq(mailOutbox.status, "pending")));
}

/** Only the lease holder decides what happens after a failure. */
const heldBy = (id: string, workerId: string) =>
  and(eq(mailOutbox.id, id), eq(mailOutbox.status, "pending"), eq(mailOutbox.lockedBy, workerId));

export async function scheduleRetry(
  db: Database,
  id: string,
  workerId: string,
  at: Date,
  error: string,
): Promise<void> {
  await db
    .update(mailOutbox)
    .set({ nextAttemptAt: at, lockedUntil: null, lastError: error })
    .where(heldBy(id, workerId));
}

export async function giveUp(
  db: Database,
  id: string,
  workerId: string,
  status: Extract<MailStatus, "failed" | "expired">,
  error: string,
): Promise<void> {
  await db
    .update(mailOutbox)
    .set({ status, lockedUntil: null, lastError: error, ...wipedIfSensitive })
    .where(heldBy(id, workerId));
}

/** Forgets finished mail (and frees its dedupe keys) once it is older than `before`; pending mail stays. */
export async function pruneMailOutbox(db: Database, before: Date): Promise<number> {
  const gone = await db
    .delete(mailOutbox)
    .where(and(ne(mailOutbox.status, "pending"), lt(mailOutbox.createdAt, before)))
    .returning({ id: mailOutbox.id });
  return gone.length;
}
