import { sql } from "drizzle-orm";
import { check, index, integer, pgTable, smallint, text, uuid } from "drizzle-orm/pg-core";
import { LENSES, PERSPECTIVES } from "~/domain/enums";
import { createdAt, id, oneOf } from "./columns";
import { people, teams } from "./org";
import { meetings } from "./meetings";

/** The fifteen truths of seed 004, turned toward our people. Rows are upserted on every migrate. */
export const checklistPoints = pgTable(
  "checklist_points",
  {
    key: smallint("key").primaryKey(),
    lens: text("lens", { enum: LENSES }).notNull(),
    title: text("title").notNull(),
    customerStatement: text("customer_statement").notNull(),
    peopleTranslation: text("people_translation").notNull(),
    question: text("question").notNull(),
    /** The report's own question when they rate themself (ADR 030); filled by the seed on every migrate. */
    selfQuestion: text("self_question").notNull().default(""),
  },
  (t) => [
    check("checklist_points_key_range", sql`${t.key} between 1 and 15`),
    check("checklist_points_lens", oneOf(t.lens, LENSES)),
  ],
);

/** One rating of one point for one person, by their manager or by themself. Kept as history: never updated. */
export const checklistAssessments = pgTable(
  "checklist_assessments",
  {
    id: id(),
    subjectId: uuid("subject_id")
      .notNull()
      .references(() => people.id, { onDelete: "cascade" }),
    assessorId: uuid("assessor_id")
      .notNull()
      .references(() => people.id, { onDelete: "restrict" }),
    perspective: text("perspective", { enum: PERSPECTIVES }).notNull(),
    pointKey: smallint("point_key")
      .notNull()
      .references(() => checklistPoints.key, { onDelete: "restrict" }),
    rating: integer("rating").notNull(),
    note: text("note").notNull().default(""),
    meetingId: uuid("meeting_id").references(() => meetings.id, { onDelete: "set null" }),
    /** The subject's team when rated (set by a trigger), so trends do not move when people do. */
    teamId: uuid("team_id").references(() => teams.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [
    index("assessments_subject_point_idx").on(t.subjectId, t.pointKey, t.createdAt),
    index("assessments_created_idx").on(t.createdAt),
    check("assessments_perspective", oneOf(t.perspective, PERSPECTIVES)),
    check("assessments_rating_range", sql`${t.rating} between 1 and 5`),
    check("assessments_note_length", sql`char_length(${t.note}) <= 2000`),
    check("assessments_self_is_subject", sql`(${t.perspective} = 'self') = (${t.assessorId} = ${t.subjectId})`),
  ],
);
