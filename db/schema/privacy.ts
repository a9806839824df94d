import { sql } from "drizzle-orm";
import {
  check,
  date,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { ACCESS_ROLES, ACCESS_TARGETS } from "~/domain/enums";
import { id, oneOf } from "./columns";
import { meetings } from "./meetings";
import { people } from "./org";

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

/**
 * One read about a person by someone other than them and their direct manager: a skip-level manager, an
 * admin on their record, an export that includes them (docs/decisions/041-access-receipts.md). Written in
 * the read's own transaction. No foreign keys, on purpose: a receipt outlives the erasure of its reader
 * (whose name is copied at read time) and of its subject, and nothing cascades into it. A trigger refuses
 * every UPDATE and DELETE, admins' included (migration access_receipts).
 */
export const accessReceipts = pgTable(
  "access_receipts",
  {
    id: id(),
    subjectId: uuid("subject_id").notNull(),
    /** Null when no person read: a scheduled organisation export. */
    readerId: uuid("reader_id"),
    readerName: text("reader_name").notNull(),
    role: text("role", { enum: ACCESS_ROLES }).notNull(),
    target: text("target", { enum: ACCESS_TARGETS }).notNull(),
    /** The commitment or 1:1 read; null for any other page (never a risk's id: the person must not learn of it). */
    recordId: uuid("record_id"),
    readAt: ts("read_at").notNull().defaultNow(),
  },
  (t) => [
    index("access_receipts_subject_idx").on(t.subjectId, t.readAt),
    check("access_receipts_role", oneOf(t.role, ACCESS_ROLES)),
    check("access_receipts_target", oneOf(t.target, ACCESS_TARGETS)),
    check("access_receipts_reader_name_length", sql`char_length(${t.readerName}) <= 200`),
  ],
);

/**
 * The direct manager's reads of their report's account, commitments and 1:1s, counted per ISO week
 * (Monday, UTC): one row per subject, reader and week, upserted by each read. Only ever counted up: a
 * trigger refuses DELETE and any UPDATE but one that raises the count.
 */
export const accessCounts = pgTable(
  "access_counts",
  {
    subjectId: uuid("subject_id").notNull(),
    readerId: uuid("reader_id").notNull(),
    readerName: text("reader_name").notNull(),
    weekStart: date("week_start", { mode: "string" }).notNull(),
    reads: integer("reads").notNull().default(1),
    lastReadAt: ts("last_read_at").notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.subjectId, t.readerId, t.weekStart] }),
    check("access_counts_reads_positive", sql`${t.reads} >= 1`),
    check("access_counts_reader_name_length", sql`char_length(${t.readerName}) <= 200`),
  ],
);

/**
 * A person letting their current direct manager read 1:1s they held with an earlier manager
 * (docs/decisions/043-handover.md): one chosen 1:1, or every earlier one (meeting_id null). Rows are
 * kept: taking a share back sets revoked_at. A share counts only while it is not revoked and its
 * grantee is still the subject's direct manager, so a later change of manager ends it without a write.
 * It never opens a private note or topic, nor a risk.
 */
export const historyShares = pgTable(
  "history_shares",
  {
    id: id(),
    subjectId: uuid("subject_id")
      .notNull()
      .references(() => people.id, { onDelete: "cascade" }),
    granteeId: uuid("grantee_id")
      .notNull()
      .references(() => people.id, { onDelete: "cascade" }),
    /** Null: every earlier 1:1 of the subject's. */
    meetingId: uuid("meeting_id").references(() => meetings.id, { onDelete: "cascade" }),
    createdAt: ts("created_at").notNull().defaultNow(),
    revokedAt: ts("revoked_at"),
  },
  (t) => [
    // One live share per 1:1 (or one "all") and grantee: a second click, or two at once, writes nothing.
    uniqueIndex("history_shares_live_idx")
      .on(t.subjectId, t.granteeId, sql`coalesce(${t.meetingId}, '00000000-0000-0000-0000-000000000000'::uuid)`)
      .where(sql`${t.revokedAt} is null`),
    index("history_shares_grantee_idx").on(t.granteeId, t.subjectId),
    check("history_shares_not_self", sql`${t.granteeId} <> ${t.subjectId}`),
    check("history_shares_revoked_after", sql`${t.revokedAt} is null or ${t.revokedAt} >= ${t.createdAt}`),
  ],
);
