import { sql } from "drizzle-orm";
import {
  check,
  index,
  integer,
  json,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { AUDITED_ENTITIES } from "~/domain/enums";
import { createdAt, id, oneOf } from "./columns";
import { meetings } from "./meetings";
import { people, teams } from "./org";

/**
 * The short survey a report answers after a 1:1, once per meeting. It is read
 * only in aggregate (HR trends, a manager's team); never shown one by one.
 */
export const pulses = pgTable(
  "pulses",
  {
    id: id(),
    meetingId: uuid("meeting_id")
      .notNull()
      .references(() => meetings.id, { onDelete: "cascade" }),
    respondentId: uuid("respondent_id")
      .notNull()
      .references(() => people.id, { onDelete: "cascade" }),
    /** The respondent's team when they answered, so trends do not move when people do. */
    teamId: uuid("team_id").references(() => teams.id, { onDelete: "set null" }),
    understood: integer("understood").notNull(),
    progressing: integer("progressing").notNull(),
    overloaded: integer("overloaded").notNull(),
    enps: integer("enps").notNull(),
    answeredAt: createdAt(),
  },
  (t) => [
    uniqueIndex("pulses_one_per_meeting").on(t.meetingId),
    index("pulses_team_time_idx").on(t.teamId, t.answeredAt),
    index("pulses_time_idx").on(t.answeredAt),
    index("pulses_respondent_time_idx").on(t.respondentId, t.answeredAt),
    check("pulses_understood_range", sql`${t.understood} between 1 and 5`),
    check("pulses_progressing_range", sql`${t.progressing} between 1 and 5`),
    check("pulses_overloaded_range", sql`${t.overloaded} between 1 and 5`),
    check("pulses_enps_range", sql`${t.enps} between 0 and 10`),
  ],
);

/** Who changed what, when: written in the same transaction as the change. */
export const auditEvents = pgTable(
  "audit_events",
  {
    id: id(),
    actorId: uuid("actor_id").references(() => people.id, { onDelete: "set null" }),
    /** The person whose account the record belongs to, for the account page's trail. */
    subjectId: uuid("subject_id").references(() => people.id, { onDelete: "cascade" }),
    entity: text("entity", { enum: AUDITED_ENTITIES }).notNull(),
    entityId: uuid("entity_id").notNull(),
    action: text("action").notNull(),
    /** Field -> [before, after]; never holds private note bodies. */
    changes: jsonb("changes").$type<Record<string, [unknown, unknown]>>().notNull().default({}),
    createdAt: createdAt(),
  },
  (t) => [
    index("audit_events_subject_idx").on(t.subjectId, t.createdAt),
    index("audit_events_entity_idx").on(t.entity, t.entityId),
    check("audit_events_entity", oneOf(t.entity, AUDITED_ENTITIES)),
    check("audit_events_action_length", sql`char_length(${t.action}) between 1 and 60`),
  ],
);

export const ROLLUP_FAMILIES = ["pulse", "meeting", "lens", "point"] as const;
export type RollupFamily = (typeof ROLLUP_FAMILIES)[number];

/**
 * HR trends' aggregates of one finished month, built on first read and kept:
 * per team (or top-level team, for checklist points) and month, the crowd and
 * the sums behind each cell, and who moved between teams since the month
 * before. Counts and sums only, never a person. Triggers drop a month when a
 * pulse, held 1:1 or rating of it changes, and every month when teams move
 * (db/migrations/0003_trend_rollups_triggers.sql).
 */
export const trendRollups = pgTable(
  "trend_rollups",
  {
    /** YYYY-MM, UTC. */
    month: text("month").notNull(),
    /** pulse, meeting, lens or point: read apart, so a page reads only the families it shows. */
    family: text("family", { enum: ROLLUP_FAMILIES }).notNull(),
    /** The family's rows, compact (see RollupRow): written by encodeRollupRow, read by decodeRollupRow. */
    rows: json("rows").$type<RollupRow[]>().notNull(),
    builtAt: timestamp("built_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.month, t.family] }),
    check("trend_rollups_month", sql`${t.month} ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'`),
    check("trend_rollups_family", oneOf(t.family, ROLLUP_FAMILIES)),
  ],
);

/** A row's kind: a family's cell of one team, or who moved into that team since the month before. */
export type RollupKind = RollupFamily | `${RollupFamily}-move`;

/**
 * One stored row as the column holds it, compact because a 10,000-person
 * page reads some 20,000: [kind, team, fromTeam, key, people, stayed, a..f],
 * a..f the family's sums in the order of RollupEntry's fields (zeros past a
 * family's last; a move holds zeros from `stayed` on). Read and written only
 * through decodeRollupRow and encodeRollupRow.
 */
export type RollupRow = [
  kind: RollupKind,
  team: string | null,
  fromTeam: string | null,
  key: string,
  people: number,
  stayed: number,
  a: number,
  b: number,
  c: number,
  d: number,
  e: number,
  f: number,
];

/** What a cell of every family holds: its team (null: nobody's team), its lens or point key ('' for none), its crowd. */
interface RollupCrowd {
  team: string | null;
  key: string;
  people: number;
  /** People counted in this same team the month before too. */
  stayed: number;
}

/** One stored row by name. */
export type RollupEntry =
  | (RollupCrowd & {
      kind: "pulse";
      answers: number;
      understood: number;
      progressing: number;
      overloaded: number;
      promoters: number;
      detractors: number;
    })
  | (RollupCrowd & { kind: "meeting"; held: number; answered: number })
  | (RollupCrowd & { kind: "lens" | "point"; ratings: number; total: number })
  | { kind: `${RollupFamily}-move`; team: string | null; fromTeam: string | null; key: string; people: number };

export function decodeRollupRow(row: RollupRow): RollupEntry {
  const kind = row[0];
  const team = row[1];
  const key = row[3];
  const people = row[4];
  const stayed = row[5];
  switch (kind) {
    case "pulse":
      return {
        kind,
        team,
        key,
        people,
        stayed,
        answers: row[6],
        understood: row[7],
        progressing: row[8],
        overloaded: row[9],
        promoters: row[10],
        detractors: row[11],
      };
    case "meeting":
      return { kind, team, key, people, stayed, held: row[6], answered: row[7] };
    case "lens":
    case "point":
      return { kind, team, key, people, stayed, ratings: row[6], total: row[7] };
    default:
      return { kind, team, fromTeam: row[2], key, people };
  }
}

export function encodeRollupRow(entry: RollupEntry): RollupRow {
  const { team, key, people } = entry;
  switch (entry.kind) {
    case "pulse":
      return [
        entry.kind,
        team,
        null,
        key,
        people,
        entry.stayed,
        entry.answers,
        entry.understood,
        entry.progressing,
        entry.overloaded,
        entry.promoters,
        entry.detractors,
      ];
    case "meeting":
      return [entry.kind, team, null, key, people, entry.stayed, entry.held, entry.answered, 0, 0, 0, 0];
    case "lens":
    case "point":
      return [entry.kind, team, null, key, people, entry.stayed, entry.ratings, entry.total, 0, 0, 0, 0];
    default:
      return [entry.kind, team, entry.fromTeam, key, people, 0, 0, 0, 0, 0, 0, 0];
  }
}
