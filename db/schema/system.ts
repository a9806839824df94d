import { sql } from "drizzle-orm";
import { check, index, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { PASSWORD_TOKEN_PURPOSES, SECURITY_EVENT_KINDS, SECURITY_OUTCOMES } from "~/domain/enums";
import { createdAt, id, oneOf } from "./columns";
import { people } from "./org";

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

/**
 * Sign-in attempts not yet cleared by a success, kept in the database so the throttle holds across app
 * servers (app/services/sign-in.server.ts, docs/decisions/004-passwords-and-sign-in-throttle.md).
 */
export const signInFailures = pgTable(
  "sign_in_failures",
  {
    id: id(),
    emailKey: text("email_key").notNull(),
    ip: text("ip").notNull(),
    /**
     * The browser's device id when it showed a device cookie for this email (it signed in as them
     * before); null from anywhere else. Such attempts are counted apart, so strangers can not use them up.
     */
    device: text("device"),
    failedAt: timestamp("failed_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [
    index("sign_in_failures_email_idx").on(t.emailKey, t.failedAt),
    index("sign_in_failures_ip_idx").on(t.ip, t.failedAt),
    check("sign_in_failures_device_length", sql`char_length(${t.device}) between 1 and 64`),
  ],
);

/** Small instance-wide values, such as a generated session secret shared by every app server. */
export const appSettings = pgTable("app_settings", {
  key: text("key").primaryKey(),
  value: text("value").notNull(),
  updatedAt: timestamp("updated_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
});

/**
 * A signed-in browser. The cookie carries a random token; only its SHA-256 is
 * kept, so a copy of this table signs nobody in. A row ends by expiring or by
 * being revoked (sign-out, "sign out everywhere", a new password, deactivation).
 */
export const sessions = pgTable(
  "sessions",
  {
    id: id(),
    /** Hex SHA-256 of the cookie's token. */
    tokenHash: text("token_hash").notNull(),
    personId: uuid("person_id")
      .notNull()
      .references(() => people.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
    /** Touched at most every few minutes, not on every request. */
    lastSeenAt: ts("last_seen_at").notNull().defaultNow(),
    expiresAt: ts("expires_at").notNull(),
    revokedAt: ts("revoked_at"),
    userAgent: text("user_agent"),
    clientAddress: text("client_address"),
  },
  (t) => [
    uniqueIndex("sessions_token_hash_unique").on(t.tokenHash),
    index("sessions_person_idx").on(t.personId),
    index("sessions_expires_idx").on(t.expiresAt),
    check("sessions_token_hash_shape", sql`${t.tokenHash} ~ '^[0-9a-f]{64}$'`),
    check("sessions_user_agent_length", sql`char_length(${t.userAgent}) <= 256`),
    check("sessions_client_address_length", sql`char_length(${t.clientAddress}) <= 64`),
  ],
);

/**
 * A bearer token an identity provider (Okta, Entra) provisions people with
 * over SCIM. Shown once when created; only its SHA-256 is kept. It acts for
 * the admin who created it, and only while they are an active admin.
 */
export const scimTokens = pgTable(
  "scim_tokens",
  {
    id: id(),
    name: text("name").notNull(),
    /** Hex SHA-256 of the token. */
    tokenHash: text("token_hash").notNull(),
    createdBy: uuid("created_by")
      .notNull()
      .references(() => people.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
    /** Touched at most every few minutes, not on every request. */
    lastUsedAt: ts("last_used_at"),
    revokedAt: ts("revoked_at"),
  },
  (t) => [
    uniqueIndex("scim_tokens_token_hash_unique").on(t.tokenHash),
    check("scim_tokens_token_hash_shape", sql`${t.tokenHash} ~ '^[0-9a-f]{64}$'`),
    check("scim_tokens_name_length", sql`char_length(${t.name}) between 1 and 80`),
  ],
);

/**
 * The security log: sign-ins and their failures, password and role changes,
 * provisioning, token use and exports, with who, from where and when. Rows are
 * only ever inserted; the app never updates or deletes one, and keeps every one
 * at least 400 days. It never holds a password, a token or note text: `detail`
 * takes only the keys app/services/security-log.server.ts allows.
 */
export const securityEvents = pgTable(
  "security_events",
  {
    id: id(),
    at: ts("at").notNull().defaultNow(),
    kind: text("kind", { enum: SECURITY_EVENT_KINDS }).notNull(),
    outcome: text("outcome", { enum: SECURITY_OUTCOMES }).notNull().default("success"),
    /** Null for no person: a failed sign-in of an unknown e-mail, the configured SCIM token. */
    actorId: uuid("actor_id").references(() => people.id, { onDelete: "set null" }),
    /** Who acted when no person did, or the normalised e-mail typed at a failed sign-in. */
    actorLabel: text("actor_label"),
    subjectId: uuid("subject_id").references(() => people.id, { onDelete: "set null" }),
    clientAddress: text("client_address"),
    userAgent: text("user_agent"),
    detail: jsonb("detail").$type<Record<string, string | number | boolean | null>>().notNull().default({}),
  },
  (t) => [
    index("security_events_at_idx").on(t.at, t.id),
    index("security_events_subject_idx").on(t.subjectId, t.at),
    index("security_events_actor_idx").on(t.actorId, t.at),
    check("security_events_kind", oneOf(t.kind, SECURITY_EVENT_KINDS)),
    check("security_events_outcome", oneOf(t.outcome, SECURITY_OUTCOMES)),
    check("security_events_actor_label_length", sql`char_length(${t.actorLabel}) <= 160`),
    check("security_events_user_agent_length", sql`char_length(${t.userAgent}) <= 256`),
    check("security_events_client_address_length", sql`char_length(${t.clientAddress}) <= 64`),
  ],
);

/**
 * A single-use link that lets a person choose a password: an invitation (7 days) or a reset (1 hour).
 * Only the SHA-256 of the token is kept, so neither this table nor the outbox (whose sensitive bodies
 * are wiped once sent) holds a link that works. A newer token for the same person and purpose revokes
 * the older ones.
 */
export const passwordTokens = pgTable(
  "password_tokens",
  {
    id: id(),
    personId: uuid("person_id")
      .notNull()
      .references(() => people.id, { onDelete: "cascade" }),
    purpose: text("purpose", { enum: PASSWORD_TOKEN_PURPOSES }).notNull(),
    /** Hex SHA-256 of the token in the link. */
    tokenHash: text("token_hash").notNull(),
    /** The admin who sent it; null when the person asked for it themselves. */
    createdBy: uuid("created_by").references(() => people.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    expiresAt: ts("expires_at").notNull(),
    usedAt: ts("used_at"),
    revokedAt: ts("revoked_at"),
  },
  (t) => [
    uniqueIndex("password_tokens_token_hash_unique").on(t.tokenHash),
    index("password_tokens_person_idx").on(t.personId, t.purpose),
    check("password_tokens_purpose", oneOf(t.purpose, PASSWORD_TOKEN_PURPOSES)),
    check("password_tokens_token_hash_shape", sql`${t.tokenHash} ~ '^[0-9a-f]{64}$'`),
  ],
);

/**
 * The forms a person has sent that wrote something, by the key each form
 * carries (app/services/submissions.server.ts, docs/decisions/031-phones-and-forms.md):
 * a second copy of the same post (a double click, a resent request) finds its
 * key here and writes nothing. Written in the same transaction as what the
 * form saved, so a refused save leaves no key behind. Rows older than a day
 * are cleared as new ones come in.
 */
export const formSubmissions = pgTable(
  "form_submissions",
  {
    personId: uuid("person_id")
      .notNull()
      .references(() => people.id, { onDelete: "cascade" }),
    key: text("key").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.personId, t.key] }),
    check("form_submissions_key_length", sql`char_length(${t.key}) between 8 and 100`),
  ],
);

/**
 * One row per recurring job (app/services/jobs): when it last finished a run, and the cron tick a
 * starting server last queued a catch-up run for, so a tick missed while no server was up runs once after
 * a start, however many servers start (ADR 036). pg-boss keeps the queue itself, in the pgboss schema.
 */
export const recurringJobs = pgTable("recurring_jobs", {
  name: text("name").primaryKey(),
  lastRunAt: ts("last_run_at"),
  catchUpFor: ts("catch_up_for"),
});

/**
 * A person's private calendar subscription (docs/decisions/038-calendar-feed.md): calendar apps fetch
 * their 1:1s by a URL with a random token in it and no session. One per person; only the token's SHA-256
 * is kept, so a copy of this table subscribes nobody. Rotating replaces the hash (the old URL stops at
 * once); turning it off deletes the row.
 */
export const calendarFeeds = pgTable(
  "calendar_feeds",
  {
    personId: uuid("person_id")
      .primaryKey()
      .references(() => people.id, { onDelete: "cascade" }),
    /** Hex SHA-256 of the token in the URL. */
    tokenHash: text("token_hash").notNull(),
    createdAt: createdAt(),
    /** Touched at most every few minutes, not on every fetch. */
    lastUsedAt: ts("last_used_at"),
  },
  (t) => [
    uniqueIndex("calendar_feeds_token_hash_unique").on(t.tokenHash),
    check("calendar_feeds_token_hash_shape", sql`${t.tokenHash} ~ '^[0-9a-f]{64}$'`),
  ],
);
