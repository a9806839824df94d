import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  date,
  index,
  integer,
  pgTable,
  smallint,
  text,
  time,
  timestamp,
  uniqueIndex,
  uuid,
  type AnyPgColumn,
} from "drizzle-orm/pg-core";
import { ACTION_STATUSES, CADENCE_KINDS, MEETING_STATUSES, NOTE_VISIBILITIES, TOPIC_SOURCES } from "~/domain/enums";
import { createdAt, id, oneOf, updatedAt, version } from "./columns";
import { people, teams } from "./org";
import { actionItemDocument, noteDocument, topicDocument } from "./search";

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

/** A manager-report pair and the rhythm of their 1:1s. */
export const meetingSeries = pgTable(
  "meeting_series",
  {
    id: id(),
    managerId: uuid("manager_id")
      .notNull()
      .references(() => people.id, { onDelete: "restrict" }),
    reportId: uuid("report_id")
      .notNull()
      .references(() => people.id, { onDelete: "cascade" }),
    cadence: text("cadence", { enum: CADENCE_KINDS }).notNull().default("biweekly"),
    /** The interval in days: 7, 14, ~30 for monthly, or N for "every N days". */
    intervalDays: integer("interval_days").notNull().default(14),
    lengthMinutes: integer("length_minutes").notNull().default(30),
    /** ISO weekday 1 (Monday) to 7. */
    weekday: smallint("weekday").notNull().default(2),
    startTime: time("start_time").notNull().default("10:00"),
    timezone: text("timezone").notNull().default("UTC"),
    active: boolean("active").notNull().default(true),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("meeting_series_one_active_pair")
      .on(t.managerId, t.reportId)
      .where(sql`${t.active}`),
    index("meeting_series_report_idx").on(t.reportId),
    check("meeting_series_cadence", oneOf(t.cadence, CADENCE_KINDS)),
    check("meeting_series_interval_range", sql`${t.intervalDays} between 1 and 92`),
    check("meeting_series_length_range", sql`${t.lengthMinutes} between 10 and 240`),
    check("meeting_series_weekday_range", sql`${t.weekday} between 1 and 7`),
    check("meeting_series_not_self", sql`${t.managerId} <> ${t.reportId}`),
  ],
);

export const meetings = pgTable(
  "meetings",
  {
    id: id(),
    seriesId: uuid("series_id").references(() => meetingSeries.id, { onDelete: "set null" }),
    /** The pair is copied from the series so history survives a change of manager. */
    managerId: uuid("manager_id")
      .notNull()
      .references(() => people.id, { onDelete: "restrict" }),
    reportId: uuid("report_id")
      .notNull()
      .references(() => people.id, { onDelete: "cascade" }),
    scheduledAt: ts("scheduled_at").notNull(),
    lengthMinutes: integer("length_minutes").notNull().default(30),
    status: text("status", { enum: MEETING_STATUSES }).notNull().default("planned"),
    heldAt: ts("held_at"),
    /** The report's team when the 1:1 was held (set by a trigger), so trends do not move when people do. */
    teamId: uuid("team_id").references(() => teams.id, { onDelete: "set null" }),
    /**
     * The calendar's SEQUENCE (RFC 5545): raised by a trigger whenever the time, length or status changes,
     * so every writer (a move, a cancel, a rhythm's replan) tells subscribed calendars (ADR 038).
     */
    sequence: integer("sequence").notNull().default(0),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("meetings_report_time_idx").on(t.reportId, t.scheduledAt),
    index("meetings_manager_time_idx").on(t.managerId, t.scheduledAt),
    index("meetings_series_time_idx").on(t.seriesId, t.scheduledAt),
    // The messages job reads the planned 1:1s of the next two days every minute (ADR 037).
    index("meetings_planned_time_idx")
      .on(t.scheduledAt)
      .where(sql`${t.status} = 'planned'`),
    index("meetings_held_idx")
      .on(t.heldAt)
      .where(sql`${t.status} = 'held'`),
    index("meetings_report_held_idx")
      .on(t.reportId, t.heldAt)
      .where(sql`${t.status} = 'held'`),
    check("meetings_status", oneOf(t.status, MEETING_STATUSES)),
    check("meetings_length_range", sql`${t.lengthMinutes} between 10 and 240`),
    check("meetings_held_has_time", sql`(${t.status} = 'held') = (${t.heldAt} is not null)`),
    check("meetings_not_self", sql`${t.managerId} <> ${t.reportId}`),
    check("meetings_sequence_nonneg", sql`${t.sequence} >= 0`),
  ],
);

/** A topic someone added to a 1:1 before it happened; uncovered ones roll forward. */
export const agendaTopics = pgTable(
  "agenda_topics",
  {
    id: id(),
    meetingId: uuid("meeting_id")
      .notNull()
      .references(() => meetings.id, { onDelete: "cascade" }),
    authorId: uuid("author_id")
      .notNull()
      .references(() => people.id, { onDelete: "restrict" }),
    source: text("source", { enum: TOPIC_SOURCES }).notNull(),
    title: text("title").notNull(),
    details: text("details").notNull().default(""),
    /** Private to its author: never in the other person's view. */
    private: boolean("private").notNull().default(false),
    position: integer("position").notNull().default(0),
    discussed: boolean("discussed").notNull().default(false),
    carriedCount: integer("carried_count").notNull().default(0),
    carriedFromId: uuid("carried_from_id").references((): AnyPgColumn => agendaTopics.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [
    index("agenda_topics_meeting_idx").on(t.meetingId, t.position),
    index("agenda_topics_search_idx").using("gin", topicDocument(t.title, t.details)),
    check("agenda_topics_source", oneOf(t.source, TOPIC_SOURCES)),
    check("agenda_topics_title_length", sql`char_length(${t.title}) between 1 and 200`),
    check("agenda_topics_details_length", sql`char_length(${t.details}) <= 2000`),
    check("agenda_topics_carried_nonneg", sql`${t.carriedCount} >= 0`),
  ],
);

/** Shared notes are read by both; private notes by their author alone (not admins, HR or managers). */
export const meetingNotes = pgTable(
  "meeting_notes",
  {
    id: id(),
    meetingId: uuid("meeting_id")
      .notNull()
      .references(() => meetings.id, { onDelete: "cascade" }),
    authorId: uuid("author_id")
      .notNull()
      .references(() => people.id, { onDelete: "restrict" }),
    visibility: text("visibility", { enum: NOTE_VISIBILITIES }).notNull(),
    body: text("body").notNull(),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("meeting_notes_meeting_idx").on(t.meetingId, t.visibility),
    index("meeting_notes_author_idx").on(t.authorId),
    index("meeting_notes_search_idx").using("gin", noteDocument(t.body)),
    check("meeting_notes_visibility", oneOf(t.visibility, NOTE_VISIBILITIES)),
    check("meeting_notes_body_length", sql`char_length(${t.body}) between 1 and 20000`),
  ],
);

/** A follow-up. Open ones carry into the next agenda until done or dropped; carries are counted. */
export const actionItems = pgTable(
  "action_items",
  {
    id: id(),
    /** The report whose 1:1 this belongs to: the record's scope for authorization. */
    reportId: uuid("report_id")
      .notNull()
      .references(() => people.id, { onDelete: "cascade" }),
    managerId: uuid("manager_id")
      .notNull()
      .references(() => people.id, { onDelete: "restrict" }),
    ownerId: uuid("owner_id")
      .notNull()
      .references(() => people.id, { onDelete: "restrict" }),
    meetingId: uuid("meeting_id").references(() => meetings.id, { onDelete: "set null" }),
    title: text("title").notNull(),
    dueOn: date("due_on", { mode: "string" }),
    status: text("status", { enum: ACTION_STATUSES }).notNull().default("open"),
    carriedCount: integer("carried_count").notNull().default(0),
    completedAt: ts("completed_at"),
    createdBy: uuid("created_by")
      .notNull()
      .references(() => people.id, { onDelete: "restrict" }),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("action_items_report_status_idx").on(t.reportId, t.status, t.dueOn),
    index("action_items_manager_status_idx").on(t.managerId, t.status, t.dueOn),
    index("action_items_owner_status_idx").on(t.ownerId, t.status),
    // The messages job reads open follow-ups due around today every minute (ADR 037).
    index("action_items_open_due_idx")
      .on(t.dueOn)
      .where(sql`${t.status} = 'open'`),
    index("action_items_search_idx").using("gin", actionItemDocument(t.title)),
    check("action_items_status", oneOf(t.status, ACTION_STATUSES)),
    check("action_items_title_length", sql`char_length(${t.title}) between 1 and 300`),
    check("action_items_carried_nonneg", sql`${t.carriedCount} >= 0`),
    check("action_items_owner_in_pair", sql`${t.ownerId} in (${t.reportId}, ${t.managerId})`),
    check("action_items_closed_has_time", sql`(${t.status} = 'open') = (${t.completedAt} is null)`),
  ],
);

/**
 * An agenda item ticked as discussed during a 1:1. Agenda items other than
 * topics are built on the fly (app/domain/agenda), so the tick is kept by
 * the item's stable key ("goal:<id>", "action-item:<id>", ...).
 */
export const meetingItemChecks = pgTable(
  "meeting_item_checks",
  {
    meetingId: uuid("meeting_id")
      .notNull()
      .references(() => meetings.id, { onDelete: "cascade" }),
    itemKey: text("item_key").notNull(),
    checkedBy: uuid("checked_by")
      .notNull()
      .references(() => people.id, { onDelete: "restrict" }),
    checkedAt: ts("checked_at").notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("meeting_item_checks_pk").on(t.meetingId, t.itemKey),
    check("meeting_item_checks_key_length", sql`char_length(${t.itemKey}) between 3 and 100`),
  ],
);
