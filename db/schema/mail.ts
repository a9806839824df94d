import { sql } from "drizzle-orm";
import { boolean, check, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { MAIL_STATUSES, MAIL_TRANSPORTS } from "~/domain/enums";
import { createdAt, id, oneOf } from "./columns";

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

/**
 * Mail waiting to go out, and for a while what went (app/services/mail, docs/decisions/020-mail.md).
 * A row is written in the same transaction as whatever caused it, and a worker on any app server sends it.
 */
export const mailOutbox = pgTable(
  "mail_outbox",
  {
    id: id(),
    /** One logical message: a second enqueue with the same key (a double submit) queues nothing. */
    dedupeKey: text("dedupe_key").notNull(),
    /** What the message is for (invitation, password-reset, ...): for the log and for counting, never shown. */
    kind: text("kind").notNull(),
    toAddress: text("to_address").notNull(),
    /** Never holds a secret: it outlives a sensitive message's body. */
    subject: text("subject").notNull(),
    /** Null once a sensitive message is finished with (the check below holds every writer to it). */
    textBody: text("text_body"),
    htmlBody: text("html_body"),
    /** The body carries something that grants access (a one-time link): wiped as soon as it is sent or given up. */
    sensitive: boolean("sensitive").notNull().default(false),
    /**
     * Extra headers for the message (List-Unsubscribe, RFC 8058): one line each, names of letters and
     * dashes. Set to null in the statement that finishes the row, as they may hold a one-click link.
     */
    headers: jsonb("headers").$type<Record<string, string>>(),
    status: text("status", { enum: MAIL_STATUSES }).notNull().default("pending"),
    /** Attempts started, counted when a worker claims the row, so a message that crashes its sender still runs out. */
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: ts("next_attempt_at").notNull().defaultNow(),
    /** Not sent by then means not sent at all (a reset link that would arrive expired). */
    expiresAt: ts("expires_at"),
    /** The lease: while in the future, the worker named in locked_by is sending; once past, any worker may retry. */
    lockedUntil: ts("locked_until"),
    /** The worker that holds, or last held, the lease. */
    lockedBy: text("locked_by"),
    lastError: text("last_error"),
    transport: text("transport", { enum: MAIL_TRANSPORTS }),
    messageId: text("message_id"),
    sentAt: ts("sent_at"),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("mail_outbox_dedupe_key_unique").on(t.dedupeKey),
    index("mail_outbox_due_idx")
      .on(t.nextAttemptAt)
      .where(sql`${t.status} = 'pending'`),
    index("mail_outbox_created_idx").on(t.createdAt),
    check("mail_outbox_status", oneOf(t.status, MAIL_STATUSES)),
    check("mail_outbox_transport", sql`${t.transport} is null or ${oneOf(t.transport, MAIL_TRANSPORTS)}`),
    check("mail_outbox_dedupe_key_length", sql`char_length(${t.dedupeKey}) between 1 and 300`),
    check("mail_outbox_kind_format", sql`${t.kind} ~ '^[a-z][a-z0-9-]{0,59}$'`),
    check("mail_outbox_to_format", sql`char_length(${t.toAddress}) <= 320 and ${t.toAddress} like '%_@_%'`),
    check("mail_outbox_subject", sql`char_length(${t.subject}) between 1 and 300 and ${t.subject} !~ '[\\r\\n]'`),
    check("mail_outbox_attempts", sql`${t.attempts} >= 0`),
    check(
      "mail_outbox_pending_has_body",
      sql`${t.status} <> 'pending' or (${t.textBody} is not null and ${t.htmlBody} is not null)`,
    ),
    check(
      "mail_outbox_sensitive_wiped",
      sql`not ${t.sensitive} or ${t.status} = 'pending' or (${t.textBody} is null and ${t.htmlBody} is null)`,
    ),
    check("mail_outbox_headers_wiped", sql`${t.status} = 'pending' or ${t.headers} is null`),
    check(
      "mail_outbox_delivered",
      sql`(${t.status} in ('sent', 'logged')) = (${t.sentAt} is not null and ${t.transport} is not null)`,
    ),
  ],
);
