import { sql } from "drizzle-orm";
import { boolean, check, date, index, integer, pgTable, smallint, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { COMMITMENT_STATES, GOAL_STATUSES, RISK_KINDS, RISK_STATUSES } from "~/domain/enums";
import { checklistPoints } from "./checklist";
import { createdAt, id, oneOf, updatedAt, version } from "./columns";
import { people } from "./org";
import { commitmentDocument, goalDocument } from "./search";

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

/** A report's own goal: they write it, their manager line reads it. */
export const goals = pgTable(
  "goals",
  {
    id: id(),
    ownerId: uuid("owner_id")
      .notNull()
      .references(() => people.id, { onDelete: "cascade" }),
    title: text("title").notNull(),
    whyItMatters: text("why_it_matters").notNull().default(""),
    successMeasure: text("success_measure").notNull().default(""),
    targetDate: date("target_date", { mode: "string" }),
    progress: integer("progress").notNull().default(0),
    status: text("status", { enum: GOAL_STATUSES }).notNull().default("active"),
    lastProgressAt: ts("last_progress_at").notNull().defaultNow(),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    updatedBy: uuid("updated_by").references(() => people.id, { onDelete: "set null" }),
  },
  (t) => [
    index("goals_owner_status_idx").on(t.ownerId, t.status),
    index("goals_search_idx").using("gin", goalDocument(t.title, t.whyItMatters, t.successMeasure)),
    check("goals_status", oneOf(t.status, GOAL_STATUSES)),
    check("goals_progress_range", sql`${t.progress} between 0 and 100`),
    check("goals_title_length", sql`char_length(${t.title}) between 1 and 200`),
    check("goals_why_length", sql`char_length(${t.whyItMatters}) <= 2000`),
    check("goals_measure_length", sql`char_length(${t.successMeasure}) <= 2000`),
  ],
);

export const goalUpdates = pgTable(
  "goal_updates",
  {
    id: id(),
    goalId: uuid("goal_id")
      .notNull()
      .references(() => goals.id, { onDelete: "cascade" }),
    authorId: uuid("author_id")
      .notNull()
      .references(() => people.id, { onDelete: "restrict" }),
    progress: integer("progress").notNull(),
    note: text("note").notNull().default(""),
    createdAt: createdAt(),
  },
  (t) => [
    index("goal_updates_goal_idx").on(t.goalId, t.createdAt),
    check("goal_updates_progress_range", sql`${t.progress} between 0 and 100`),
    check("goal_updates_note_length", sql`char_length(${t.note}) <= 1000`),
  ],
);

/** Recorded by a manager about a report; readable only in that report's manager line. */
export const risks = pgTable(
  "risks",
  {
    id: id(),
    subjectId: uuid("subject_id")
      .notNull()
      .references(() => people.id, { onDelete: "cascade" }),
    authorId: uuid("author_id")
      .notNull()
      .references(() => people.id, { onDelete: "restrict" }),
    kind: text("kind", { enum: RISK_KINDS }).notNull(),
    pointKey: smallint("point_key").references(() => checklistPoints.key, { onDelete: "restrict" }),
    description: text("description").notNull(),
    likelihood: integer("likelihood").notNull(),
    impact: integer("impact").notNull(),
    mitigation: text("mitigation").notNull().default(""),
    reviewOn: date("review_on", { mode: "string" }),
    status: text("status", { enum: RISK_STATUSES }).notNull().default("open"),
    lastReviewedAt: ts("last_reviewed_at"),
    closedAt: ts("closed_at"),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("risks_subject_status_idx").on(t.subjectId, t.status),
    check("risks_kind", oneOf(t.kind, RISK_KINDS)),
    check("risks_status", oneOf(t.status, RISK_STATUSES)),
    check("risks_likelihood_range", sql`${t.likelihood} between 1 and 3`),
    check("risks_impact_range", sql`${t.impact} between 1 and 3`),
    check("risks_description_length", sql`char_length(${t.description}) between 1 and 2000`),
    check("risks_mitigation_length", sql`char_length(${t.mitigation}) <= 2000`),
    check("risks_closed_has_date", sql`(${t.status} = 'closed') = (${t.closedAt} is not null)`),
  ],
);

/** A change the report commits to. Stalled is derived from check-ins, never stored. */
export const commitments = pgTable(
  "commitments",
  {
    id: id(),
    personId: uuid("person_id")
      .notNull()
      .references(() => people.id, { onDelete: "cascade" }),
    createdBy: uuid("created_by")
      .notNull()
      .references(() => people.id, { onDelete: "restrict" }),
    change: text("change").notNull(),
    painOfDoingNothing: text("pain_of_doing_nothing").notNull().default(""),
    firstStep: text("first_step").notNull().default(""),
    managerSupport: text("manager_support").notNull().default(""),
    checkInEveryDays: integer("check_in_every_days").notNull().default(14),
    state: text("state", { enum: COMMITMENT_STATES }).notNull().default("proposed"),
    firstStepDone: boolean("first_step_done").notNull().default(false),
    lastCheckInAt: ts("last_check_in_at"),
    committedAt: ts("committed_at"),
    finishedAt: ts("finished_at"),
    /** Point 13: some time after done, ask whether they are still glad of the change. */
    remorseCheckDueOn: date("remorse_check_due_on", { mode: "string" }),
    remorseAnsweredAt: ts("remorse_answered_at"),
    stillGlad: boolean("still_glad"),
    remorseNote: text("remorse_note"),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("commitments_person_state_idx").on(t.personId, t.state),
    index("commitments_search_idx").using(
      "gin",
      commitmentDocument(t.change, t.painOfDoingNothing, t.firstStep, t.managerSupport),
    ),
    check("commitments_state", oneOf(t.state, COMMITMENT_STATES)),
    check("commitments_check_in_range", sql`${t.checkInEveryDays} between 1 and 365`),
    check("commitments_change_length", sql`char_length(${t.change}) between 1 and 300`),
    check("commitments_pain_length", sql`char_length(${t.painOfDoingNothing}) <= 2000`),
    check("commitments_step_length", sql`char_length(${t.firstStep}) <= 1000`),
    check("commitments_support_length", sql`char_length(${t.managerSupport}) <= 1000`),
    check("commitments_finished_has_date", sql`(${t.state} in ('done', 'abandoned')) = (${t.finishedAt} is not null)`),
  ],
);

export const commitmentCheckIns = pgTable(
  "commitment_check_ins",
  {
    id: id(),
    commitmentId: uuid("commitment_id")
      .notNull()
      .references(() => commitments.id, { onDelete: "cascade" }),
    authorId: uuid("author_id")
      .notNull()
      .references(() => people.id, { onDelete: "restrict" }),
    note: text("note").notNull().default(""),
    createdAt: createdAt(),
  },
  (t) => [
    index("commitment_check_ins_commitment_idx").on(t.commitmentId, t.createdAt),
    check("commitment_check_ins_note_length", sql`char_length(${t.note}) <= 1000`),
  ],
);
