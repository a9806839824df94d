import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  index,
  integer,
  pgTable,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { MESSAGE_KINDS } from "~/domain/enums";
import { createdAt, id, oneOf, updatedAt, version } from "./columns";
import { people } from "./org";

/**
 * Which messages a person gets, and when (docs/decisions/037-reminders-and-digest.md). No row means the
 * defaults (app/domain/messages.ts DEFAULT_PREFERENCES); the row is written by /settings or an unsubscribe.
 */
export const messagePreferences = pgTable(
  "message_preferences",
  {
    personId: uuid("person_id")
      .primaryKey()
      .references(() => people.id, { onDelete: "cascade" }),
    reportReminder: boolean("report_reminder").notNull().default(true),
    managerReminder: boolean("manager_reminder").notNull().default(true),
    followUps: boolean("follow_ups").notNull().default(true),
    weeklyDigest: boolean("weekly_digest").notNull().default(true),
    reportLeadMinutes: integer("report_lead_minutes").notNull().default(1440),
    managerLeadMinutes: integer("manager_lead_minutes").notNull().default(60),
    /** ISO weekday 1 (Monday) to 7, in the person's zone. */
    digestWeekday: smallint("digest_weekday").notNull().default(1),
    digestHour: smallint("digest_hour").notNull().default(8),
    version: version(),
    updatedAt: updatedAt(),
  },
  (t) => [
    check("message_preferences_report_lead", sql`${t.reportLeadMinutes} between 15 and 2880`),
    check("message_preferences_manager_lead", sql`${t.managerLeadMinutes} between 15 and 2880`),
    check("message_preferences_digest_weekday", sql`${t.digestWeekday} between 1 and 7`),
    check("message_preferences_digest_hour", sql`${t.digestHour} between 0 and 23`),
  ],
);

/**
 * The one-click unsubscribe link of one message (RFC 8058): good for one person and one kind of message.
 * Only the SHA-256 of the token is kept; the plain token is in the message's List-Unsubscribe header,
 * which the outbox forgets once the message is sent.
 */
export const unsubscribeTokens = pgTable(
  "unsubscribe_tokens",
  {
    id: id(),
    personId: uuid("person_id")
      .notNull()
      .references(() => people.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: MESSAGE_KINDS }).notNull(),
    /** Hex SHA-256 of the token in the link. */
    tokenHash: text("token_hash").notNull(),
    createdAt: createdAt(),
    usedAt: timestamp("used_at", { withTimezone: true, mode: "date" }),
  },
  (t) => [
    uniqueIndex("unsubscribe_tokens_token_hash_unique").on(t.tokenHash),
    index("unsubscribe_tokens_created_idx").on(t.createdAt),
    check("unsubscribe_tokens_kind", oneOf(t.kind, MESSAGE_KINDS)),
    check("unsubscribe_tokens_token_hash_shape", sql`${t.tokenHash} ~ '^[0-9a-f]{64}$'`),
  ],
);
