import { and, desc, eq, or, sql } from "drizzle-orm";
import { checklistAssessments } from "#db/schema";
import { allows } from "~/auth/authorize.server";
import type { Subject, Viewer } from "~/auth/policies";
import type { Perspective } from "~/domain/enums";
import { UNSCORED_POINTS } from "~/schemas/assessments";
import { recordAudit } from "./audit.server";
import type { Database } from "./db.server";
import { RecordNotFound, RuleViolation } from "./errors.server";
import { lineStartedAtSql, writtenInViewersLineSql } from "./subjects.server";

export interface AssessmentEntry {
  pointKey: number;
  rating: number;
  note: string;
}

/**
 * Adds one rating per entry, as the subject themself or as their direct
 * manager. History is kept: nothing is overwritten.
 */
export async function recordAssessments(
  db: Database,
  viewer: Viewer,
  subject: Subject,
  perspective: Perspective,
  entries: readonly AssessmentEntry[],
  meetingId: string | null = null,
) {
  const action = perspective === "self" ? "assessment:write-self" : "assessment:write-manager";
  if (!allows(viewer, action, { subject })) throw new RecordNotFound();
  if (!entries.length) throw new RuleViolation("Rate at least one point before saving.");
  if (entries.some((e) => UNSCORED_POINTS.includes(e.pointKey)))
    throw new RuleViolation("Point 14 is a conversation, not a score.");
  return db.transaction(async (tx) => {
    const rows = await tx
      .insert(checklistAssessments)
      .values(entries.map((e) => ({ ...e, subjectId: subject.id, assessorId: viewer.id, perspective, meetingId })))
      .returning({
        id: checklistAssessments.id,
        pointKey: checklistAssessments.pointKey,
        rating: checklistAssessments.rating,
      });
    for (const row of rows) {
      await recordAudit(tx, {
        actorId: viewer.id,
        subjectId: subject.id,
        entity: "assessment",
        entityId: row.id,
        action: `assess-${perspective}`,
        changes: { [`point ${row.pointKey}`]: [null, row.rating] },
      });
    }
    return rows;
  });
}

/**
 * The subject's assessment history as this viewer may see it: the manager
 * line sees both sides; the subject sees only their own self-ratings. Of the
 * manager's side, only the ratings given since the viewer's place in the line
 * began, or by the viewer: an earlier line's ratings stay with it.
 */
export async function listAssessments(db: Database, viewer: Viewer, subject: Subject) {
  if (!allows(viewer, "assessment:read", { subject })) return [];
  const bothSides = allows(viewer, "assessment:read-all", { subject });
  const person = sql`${subject.id}::uuid`;
  const rows = await db
    .select({
      id: checklistAssessments.id,
      pointKey: checklistAssessments.pointKey,
      perspective: checklistAssessments.perspective,
      rating: checklistAssessments.rating,
      note: checklistAssessments.note,
      createdAt: checklistAssessments.createdAt,
      assessorId: checklistAssessments.assessorId,
      lineStartedAt: sql<Date | string | null>`${lineStartedAtSql(person, viewer.id)}`,
    })
    .from(checklistAssessments)
    .where(
      and(
        eq(checklistAssessments.subjectId, subject.id),
        bothSides
          ? or(
              eq(checklistAssessments.perspective, "self"),
              writtenInViewersLineSql(
                viewer.id,
                person,
                checklistAssessments.assessorId,
                checklistAssessments.createdAt,
              ),
            )
          : eq(checklistAssessments.perspective, "self"),
      ),
    )
    .orderBy(desc(checklistAssessments.createdAt));
  return rows
    .filter(
      (r) =>
        r.perspective === "self" ||
        allows(viewer, "line-entry:read", {
          subject,
          authorId: r.assessorId,
          writtenAt: r.createdAt,
          lineStartedAt: r.lineStartedAt,
        }),
    )
    .map(({ assessorId: _assessor, lineStartedAt: _since, ...rating }) => rating);
}
