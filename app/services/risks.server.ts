import { and, desc, eq, getTableColumns, sql, type SQL } from "drizzle-orm";
import { auditEvents, people, risks } from "#db/schema";
import { allows, policyOptions } from "~/auth/authorize.server";
import type { Subject, Viewer } from "~/auth/policies";
import type { Changes } from "~/domain/audit";
import type { RiskKind } from "~/domain/enums";
import { isValidNextReview, sortRisks } from "~/domain/risks";
import { diffFields, recordAudit } from "./audit.server";
import { getChecklistPoints } from "./checklist.server";
import type { Database } from "./db.server";
import { RecordNotFound, RuleViolation } from "./errors.server";
import { lineStartedAtSql, managerChainSql, writtenInViewersLineSql } from "./subjects.server";
import { isRecordId } from "~/utils/ids";
import { lockVersioned, saveVersioned, versioned } from "./versioned-write.server";

/**
 * Risks about a report, recorded by their manager. They stay in the report's
 * manager line: the direct manager writes, a skip-level manager may read, and
 * nobody else (not the report, HR, admins, peers, other or former managers)
 * gets a row. Nor does the line inherit: a manager reads only the risks written
 * since their place in the line began, or by themselves, so a new reporting
 * line starts empty (docs/decisions/024-reporting-line-changes.md). Every query
 * carries that scope in its WHERE clause as well as asking the policy, so a
 * forgotten check returns nothing.
 */

const EDITABLE = ["kind", "pointKey", "description", "likelihood", "impact", "mitigation", "reviewOn"] as const;
const AUDITED = [...EDITABLE, "status"] as const;

export type Risk = typeof risks.$inferSelect;
const RISK = versioned(risks, "risk");

export interface RiskInput {
  kind: RiskKind;
  pointKey?: number;
  description: string;
  likelihood: number;
  impact: number;
  mitigation: string;
  reviewOn?: string;
}

/** True in SQL only while the viewer is the subject's current direct manager. */
function directManagerSql(viewer: Viewer, subjectId: string): SQL {
  return sql`exists (select 1 from people risk_subject where risk_subject.id = ${subjectId} and risk_subject.active and risk_subject.manager_id = ${viewer.id})`;
}

/** True in SQL only while the viewer may read the subject's risks: the direct manager, or anyone up the line when skip-level reading is on. */
function readerSql(viewer: Viewer, subjectId: string): SQL {
  if (!policyOptions().skipLevelRead) return directManagerSql(viewer, subjectId);
  return sql`${managerChainSql(sql`${subjectId}::uuid`)} @> array[${viewer.id}::text]`;
}

/** True in SQL for a risk written while the viewer held their place in the subject's line, or by them. */
function writtenInLineSql(viewer: Viewer, subjectId: string): SQL {
  return writtenInViewersLineSql(viewer.id, sql`${subjectId}::uuid`, risks.authorId, risks.createdAt);
}

/** The viewer's risks to read about the subject, in SQL: the line, and only what it wrote since the viewer joined it. */
function readableSql(viewer: Viewer, subjectId: string): SQL {
  return and(eq(risks.subjectId, subjectId), readerSql(viewer, subjectId), writtenInLineSql(viewer, subjectId))!;
}

/** A risk with its author's name, and when the viewer's place in the subject's line began, for the policy's per-risk answer. */
function columnsFor(viewer: Viewer, subjectId: string) {
  return {
    ...getTableColumns(risks),
    authorName: people.name,
    lineStartedAt: sql<Date | string | null>`${lineStartedAtSql(sql`${subjectId}::uuid`, viewer.id)}`,
  };
}

/** Asks the policy of every row the query let through, and drops the fact it asked with. */
function readableRows<T extends Risk & { lineStartedAt: Date | string | null }>(
  viewer: Viewer,
  subject: Subject,
  rows: T[],
) {
  return rows
    .filter((r) =>
      allows(viewer, "line-entry:read", {
        subject,
        authorId: r.authorId,
        writtenAt: r.createdAt,
        lineStartedAt: r.lineStartedAt,
      }),
    )
    .map(({ lineStartedAt: _lineStartedAt, ...risk }) => risk);
}

/** The subject's risks, open first, the most serious first; [] for anyone outside the manager line. */
export async function listRisksForAccount(db: Database, viewer: Viewer, subject: Subject) {
  if (!allows(viewer, "risk:read", { subject })) return [];
  const rows = await db
    .select(columnsFor(viewer, subject.id))
    .from(risks)
    .innerJoin(people, eq(people.id, risks.authorId))
    .where(readableSql(viewer, subject.id));
  return sortRisks(readableRows(viewer, subject, rows));
}

/** One of the subject's risks, with its author's name; null when it is not theirs or not the viewer's to read. */
export async function getRisk(db: Database, viewer: Viewer, subject: Subject, riskId: string) {
  if (!isRecordId(riskId) || !allows(viewer, "risk:read", { subject })) return null;
  const rows = await db
    .select(columnsFor(viewer, subject.id))
    .from(risks)
    .innerJoin(people, eq(people.id, risks.authorId))
    .where(and(eq(risks.id, riskId), readableSql(viewer, subject.id)));
  return readableRows(viewer, subject, rows)[0] ?? null;
}

/** Who did what to one risk, newest first (create, edits, reviews with their notes, close, reopen). */
export async function listRiskHistory(db: Database, viewer: Viewer, subject: Subject, riskId: string, limit = 50) {
  if (!isRecordId(riskId) || !allows(viewer, "risk:read", { subject })) return [];
  return db
    .select({
      id: auditEvents.id,
      actorName: people.name,
      action: auditEvents.action,
      changes: auditEvents.changes,
      at: auditEvents.createdAt,
    })
    .from(auditEvents)
    .innerJoin(risks, eq(risks.id, auditEvents.entityId))
    .leftJoin(people, eq(people.id, auditEvents.actorId))
    .where(and(eq(auditEvents.entity, "risk"), eq(auditEvents.entityId, riskId), readableSql(viewer, subject.id)))
    .orderBy(desc(auditEvents.createdAt), desc(auditEvents.id))
    .limit(limit);
}

/** The fifteen checklist points, by key and short title, for the "related point" choice. */
export async function listPointChoices(db: Database): Promise<{ key: number; title: string }[]> {
  return (await getChecklistPoints(db)).map(({ key, title }) => ({ key, title }));
}

/**
 * Holds the subject's row while a risk is written, and only if the viewer is
 * their direct manager right now: a manager who has just lost the report, or
 * anyone else, finds nothing.
 */
async function lockSubjectAsDirectManager(tx: Database, viewer: Viewer, subject: Subject): Promise<void> {
  if (!allows(viewer, "risk:write", { subject })) throw new RecordNotFound();
  const [row] = await tx
    .select({ id: people.id })
    .from(people)
    .where(and(eq(people.id, subject.id), eq(people.managerId, viewer.id), eq(people.active, true)))
    .for("share");
  if (!row) throw new RecordNotFound();
}

/** Locks one of the subject's risks for this transaction, for their direct manager only, at the version the form read. */
async function lockRisk(
  tx: Database,
  viewer: Viewer,
  subject: Subject,
  riskId: string,
  expectedVersion: number,
): Promise<Risk> {
  if (!isRecordId(riskId)) throw new RecordNotFound();
  await lockSubjectAsDirectManager(tx, viewer, subject);
  const scope = and(
    eq(risks.subjectId, subject.id),
    directManagerSql(viewer, subject.id),
    writtenInLineSql(viewer, subject.id),
  );
  return lockVersioned(tx, RISK, { id: riskId, scope, expectedVersion });
}

function saveRisk(
  tx: Database,
  viewer: Viewer,
  before: Risk,
  set: Partial<typeof risks.$inferInsert>,
  action: string,
  now: Date,
  extra: Changes = {},
): Promise<Risk> {
  return saveVersioned(tx, RISK, before, {
    set,
    now,
    audit: { actorId: viewer.id, subjectId: before.subjectId, action, diff: AUDITED, changes: extra },
  });
}

const fieldsOf = (input: RiskInput) => ({
  kind: input.kind,
  pointKey: input.pointKey ?? null,
  description: input.description,
  likelihood: input.likelihood,
  impact: input.impact,
  mitigation: input.mitigation,
  reviewOn: input.reviewOn ?? null,
});

const noteChange = (note: string | undefined): Changes => (note ? { note: [null, note] } : {});

/** Records a risk about the subject. Their direct manager only. */
export async function createRisk(db: Database, viewer: Viewer, subject: Subject, input: RiskInput): Promise<Risk> {
  return db.transaction(async (tx) => {
    await lockSubjectAsDirectManager(tx, viewer, subject);
    const [risk] = await tx
      .insert(risks)
      .values({ ...fieldsOf(input), subjectId: subject.id, authorId: viewer.id })
      .returning();
    await recordAudit(tx, {
      actorId: viewer.id,
      subjectId: subject.id,
      entity: "risk",
      entityId: risk!.id,
      action: "create",
      changes: diffFields(null, risk!, AUDITED),
    });
    return risk!;
  });
}

/** Changes what the risk says: kind, point, wording, rating, mitigation, review date. */
export async function updateRisk(
  db: Database,
  viewer: Viewer,
  subject: Subject,
  riskId: string,
  input: RiskInput & { version: number },
  now: Date,
): Promise<Risk> {
  return db.transaction(async (tx) => {
    const before = await lockRisk(tx, viewer, subject, riskId, input.version);
    return saveRisk(tx, viewer, before, fieldsOf(input), "update", now);
  });
}

/**
 * Notes that the risk was looked at now, and when to look again (none when
 * left empty). The note is kept in the risk's history, not on the risk.
 */
export async function reviewRisk(
  db: Database,
  viewer: Viewer,
  subject: Subject,
  riskId: string,
  input: { version: number; note?: string; nextReviewOn?: string },
  now: Date,
): Promise<Risk> {
  return db.transaction(async (tx) => {
    const before = await lockRisk(tx, viewer, subject, riskId, input.version);
    if (before.status !== "open") throw new RuleViolation("This risk is closed. Reopen it to review it.");
    if (input.nextReviewOn && !isValidNextReview(input.nextReviewOn, now)) {
      throw new RuleViolation("The next review must be after today.", "nextReviewOn");
    }
    return saveRisk(
      tx,
      viewer,
      before,
      { lastReviewedAt: now, reviewOn: input.nextReviewOn ?? null },
      "review",
      now,
      noteChange(input.note),
    );
  });
}

/** Closes an open risk: it has passed, or it happened. */
export async function closeRisk(
  db: Database,
  viewer: Viewer,
  subject: Subject,
  riskId: string,
  input: { version: number; note?: string },
  now: Date,
): Promise<Risk> {
  return db.transaction(async (tx) => {
    const before = await lockRisk(tx, viewer, subject, riskId, input.version);
    if (before.status === "closed") throw new RuleViolation("This risk is already closed.");
    return saveRisk(tx, viewer, before, { status: "closed", closedAt: now }, "close", now, noteChange(input.note));
  });
}

/** Opens a closed risk again. */
export async function reopenRisk(
  db: Database,
  viewer: Viewer,
  subject: Subject,
  riskId: string,
  input: { version: number },
  now: Date,
): Promise<Risk> {
  return db.transaction(async (tx) => {
    const before = await lockRisk(tx, viewer, subject, riskId, input.version);
    if (before.status === "open") throw new RuleViolation("This risk is already open.");
    return saveRisk(tx, viewer, before, { status: "open", closedAt: null }, "reopen", now);
  });
}
