import { and, asc, desc, eq, getTableColumns, lte, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { commitmentCheckIns, commitments, people } from "#db/schema";
import { allows } from "~/auth/authorize.server";
import type { Subject, Viewer } from "~/auth/policies";
import {
  checkCheckIn,
  checkRemorseAnswer,
  checkTransition,
  commitmentStatus,
  OPEN_STATES,
  remorseCheckDate,
  stateAfterCheckIn,
} from "~/domain/commitments";
import type { Changes } from "~/domain/audit";
import type { CommitmentState } from "~/domain/enums";
import { diffFields, recordAudit } from "./audit.server";
import type { Database } from "./db.server";
import { RecordNotFound, RuleViolation } from "./errors.server";
import { managerChainSql } from "./subjects.server";
import { isRecordId } from "~/utils/ids";
import { lockVersioned, saveVersioned, versioned } from "./versioned-write.server";

/**
 * Change commitments (checklist points 10-13). The rules live in
 * app/domain/commitments.ts; this module reads and writes them for one
 * subject (the report), as the policy allows: the report and their manager
 * line read, the report and their direct manager write. Every query names the
 * subject, so an id from someone else's account finds nothing.
 */

/** Check-ins shown per commitment in a list; the commitment's own page shows more. */
const LIST_CHECK_INS = 3;
const PAGE_CHECK_INS = 100;

const WORDING = ["change", "painOfDoingNothing", "firstStep", "managerSupport", "checkInEveryDays"] as const;
const AUDITED = [
  "state",
  ...WORDING,
  "firstStepDone",
  "lastCheckInAt",
  "committedAt",
  "finishedAt",
  "remorseCheckDueOn",
  "stillGlad",
  "remorseNote",
] as const;

/** The audit action for each transition, so the trail reads "commitment complete", not "done". */
const TRANSITION_ACTIONS: Record<CommitmentState, string> = {
  proposed: "propose",
  committed: "commit",
  in_progress: "start",
  done: "complete",
  abandoned: "abandon",
};

/**
 * The columns the commitment rules (app/domain/commitments.ts) read to say whether one has stalled or is
 * due its remorse check: every list that asks that selects these.
 */
export const commitmentTimeline = {
  state: commitments.state,
  checkInEveryDays: commitments.checkInEveryDays,
  createdAt: commitments.createdAt,
  committedAt: commitments.committedAt,
  lastCheckInAt: commitments.lastCheckInAt,
  finishedAt: commitments.finishedAt,
  remorseCheckDueOn: commitments.remorseCheckDueOn,
  remorseAnsweredAt: commitments.remorseAnsweredAt,
};

export interface CommitmentInput {
  change: string;
  painOfDoingNothing: string;
  firstStep: string;
  managerSupport: string;
  checkInEveryDays: number;
}

type CommitmentRow = typeof commitments.$inferSelect;
const COMMITMENT = versioned(commitments, "commitment");

/**
 * The subject a commitment belongs to, with their manager chain, in one
 * query; null for an unknown or malformed id or an inactive person. The
 * caller authorizes.
 */
export async function loadCommitmentSubject(db: Database, commitmentId: string): Promise<Subject | null> {
  if (!isRecordId(commitmentId)) return null;
  const [row] = await db
    .select({
      personId: commitments.personId,
      chain: sql<string[] | null>`${managerChainSql(sql`"commitments"."person_id"`)}`,
    })
    .from(commitments)
    .innerJoin(people, eq(people.id, commitments.personId))
    .where(and(eq(commitments.id, commitmentId), eq(people.active, true)));
  return row ? { id: row.personId, managerChain: row.chain ?? [] } : null;
}

function selectCommitments(db: Database) {
  const creator = alias(people, "creator");
  return db
    .select({ ...getTableColumns(commitments), createdByName: creator.name })
    .from(commitments)
    .leftJoin(creator, eq(creator.id, commitments.createdBy));
}

/** The newest `perCommitment` check-ins of each of the subject's commitments (or of one), in one query. */
async function recentCheckIns(db: Database, subjectId: string, perCommitment: number, commitmentId?: string) {
  const ranked = db
    .select({
      id: commitmentCheckIns.id,
      commitmentId: commitmentCheckIns.commitmentId,
      authorId: commitmentCheckIns.authorId,
      authorName: people.name,
      note: commitmentCheckIns.note,
      createdAt: commitmentCheckIns.createdAt,
      rank: sql<number>`row_number() over (partition by ${commitmentCheckIns.commitmentId} order by ${commitmentCheckIns.createdAt} desc, ${commitmentCheckIns.id})`.as(
        "rank",
      ),
    })
    .from(commitmentCheckIns)
    .innerJoin(commitments, eq(commitments.id, commitmentCheckIns.commitmentId))
    .leftJoin(people, eq(people.id, commitmentCheckIns.authorId))
    .where(and(eq(commitments.personId, subjectId), commitmentId ? eq(commitments.id, commitmentId) : undefined))
    .as("ranked");
  const rows = await db
    .select({
      id: ranked.id,
      commitmentId: ranked.commitmentId,
      authorId: ranked.authorId,
      authorName: ranked.authorName,
      note: ranked.note,
      createdAt: ranked.createdAt,
    })
    .from(ranked)
    .where(lte(ranked.rank, perCommitment))
    .orderBy(desc(ranked.createdAt), asc(ranked.id));
  return rows;
}

type CommitmentCheckIn = Awaited<ReturnType<typeof recentCheckIns>>[number];

function withStatus(row: CommitmentRow & { createdByName: string | null }, checkIns: CommitmentCheckIn[], now: Date) {
  return { ...row, ...commitmentStatus(row, now), checkIns };
}

export type CommitmentView = ReturnType<typeof withStatus>;

/**
 * All of the subject's commitments, open ones first, each with where it
 * stands (stalled, next check-in, remorse check due, a description) and its
 * latest check-ins. Two queries, whatever the number of commitments. Nothing
 * for a viewer who may not read them.
 */
export async function listCommitmentsFor(
  db: Database,
  viewer: Viewer,
  subject: Subject,
  now: Date,
): Promise<CommitmentView[]> {
  if (!allows(viewer, "commitment:read", { subject })) return [];
  // One query: each commitment brings its newest check-ins as JSON, so pages that list
  // commitments (Me, the account) stay within their query budget.
  const creator = alias(people, "creator");
  const rows = await db
    .select({
      ...getTableColumns(commitments),
      createdByName: creator.name,
      recent: sql<RecentCheckInJson[] | string>`(
        select coalesce(json_agg(json_build_object(
          'id', ci.id, 'commitmentId', ci.commitment_id, 'authorId', ci.author_id, 'authorName', a.name,
          'note', ci.note, 'createdAt', ci.created_at) order by ci.created_at desc, ci.id), '[]'::json)
        from (select * from commitment_check_ins c where c.commitment_id = "commitments"."id"
              order by c.created_at desc, c.id limit ${LIST_CHECK_INS}) ci
        left join people a on a.id = ci.author_id)`,
    })
    .from(commitments)
    .leftJoin(creator, eq(creator.id, commitments.createdBy))
    .where(eq(commitments.personId, subject.id))
    .orderBy(sql`${commitments.state} in ('done', 'abandoned')`, desc(commitments.updatedAt), asc(commitments.id));
  return rows.map(({ recent, ...row }) => {
    const parsed: RecentCheckInJson[] = typeof recent === "string" ? JSON.parse(recent) : recent;
    return withStatus(
      row,
      parsed.map((c) => ({ ...c, createdAt: new Date(c.createdAt) })),
      now,
    );
  });
}

interface RecentCheckInJson {
  id: string;
  commitmentId: string;
  authorId: string;
  authorName: string | null;
  note: string;
  createdAt: string;
}

/** One commitment of the subject with its check-in history, or null when it is not there for this viewer. */
export async function getCommitment(
  db: Database,
  viewer: Viewer,
  subject: Subject,
  commitmentId: string,
  now: Date,
): Promise<CommitmentView | null> {
  if (!isRecordId(commitmentId) || !allows(viewer, "commitment:read", { subject })) return null;
  const [[row], checkIns] = await Promise.all([
    selectCommitments(db).where(and(eq(commitments.id, commitmentId), eq(commitments.personId, subject.id))),
    recentCheckIns(db, subject.id, PAGE_CHECK_INS, commitmentId),
  ]);
  return row ? withStatus(row, checkIns, now) : null;
}

function requireWrite(viewer: Viewer, subject: Subject): void {
  if (!allows(viewer, "commitment:write", { subject })) throw new RecordNotFound();
}

/** Locks the subject's commitment for this transaction and refuses a stale version. */
function lockCommitment(tx: Database, subject: Subject, commitmentId: string, expectedVersion: number) {
  return lockVersioned(tx, COMMITMENT, {
    id: commitmentId,
    scope: eq(commitments.personId, subject.id),
    expectedVersion,
  });
}

function saveCommitment(
  tx: Database,
  viewer: Viewer,
  before: CommitmentRow,
  set: Partial<typeof commitments.$inferInsert>,
  action: string,
  now: Date,
  extraChanges: Changes = {},
) {
  return saveVersioned(tx, COMMITMENT, before, {
    set,
    now,
    audit: { actorId: viewer.id, subjectId: before.personId, action, diff: AUDITED, changes: extraChanges },
  });
}

/** The report, or their direct manager, proposes a change for the report; it starts as "proposed". */
export async function proposeCommitment(
  db: Database,
  viewer: Viewer,
  subject: Subject,
  input: CommitmentInput,
  now: Date,
) {
  requireWrite(viewer, subject);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(commitments)
      .values({
        ...pickWording(input),
        personId: subject.id,
        createdBy: viewer.id,
        state: "proposed",
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    await recordAudit(tx, {
      actorId: viewer.id,
      subjectId: subject.id,
      entity: "commitment",
      entityId: row!.id,
      action: "propose",
      changes: diffFields(null, row!, AUDITED),
    });
    return row!;
  });
}

/** New wording for an open commitment. A finished one keeps the words it was finished with. */
export async function editCommitment(
  db: Database,
  viewer: Viewer,
  subject: Subject,
  commitmentId: string,
  input: CommitmentInput & { version: number },
  now: Date,
) {
  requireWrite(viewer, subject);
  return db.transaction(async (tx) => {
    const before = await lockCommitment(tx, subject, commitmentId, input.version);
    if (!OPEN_STATES.includes(before.state)) {
      throw new RuleViolation(
        `This commitment is ${before.state === "done" ? "done" : "abandoned"}: its wording stays as it was.`,
      );
    }
    return saveCommitment(tx, viewer, before, pickWording(input), "edit", now);
  });
}

/**
 * Moves a commitment along its life (proposed -> committed -> in progress ->
 * done, or abandoned). An invalid move is refused with the state machine's
 * message. Done starts the clock for the "still glad of it?" question.
 */
export async function transitionCommitment(
  db: Database,
  viewer: Viewer,
  subject: Subject,
  commitmentId: string,
  input: { version: number; to: CommitmentState },
  now: Date,
) {
  requireWrite(viewer, subject);
  return db.transaction(async (tx) => {
    const before = await lockCommitment(tx, subject, commitmentId, input.version);
    const check = checkTransition(before.state, input.to);
    if (!check.ok) throw new RuleViolation(check.message);
    const set: Partial<typeof commitments.$inferInsert> = { state: input.to };
    if (input.to === "committed") set.committedAt = now;
    if (input.to === "done") Object.assign(set, { finishedAt: now, remorseCheckDueOn: remorseCheckDate(now) });
    if (input.to === "abandoned") set.finishedAt = now;
    return saveCommitment(tx, viewer, before, set, TRANSITION_ACTIONS[input.to], now);
  });
}

/**
 * A sign of life on a committed or in-progress change: a note, and perhaps
 * the first step done. It resets the check-in clock, so a stalled commitment
 * is no longer stalled. Ticking the first step on a committed change moves it
 * to in progress (app/domain/commitments.ts stateAfterCheckIn).
 */
export async function checkIn(
  db: Database,
  viewer: Viewer,
  subject: Subject,
  commitmentId: string,
  input: { version: number; note: string; firstStepDone?: boolean },
  now: Date,
) {
  requireWrite(viewer, subject);
  return db.transaction(async (tx) => {
    const before = await lockCommitment(tx, subject, commitmentId, input.version);
    const allowed = checkCheckIn(before.state);
    if (!allowed.ok) throw new RuleViolation(allowed.message);
    const note = input.note.trim();
    const marksFirstStep = Boolean(input.firstStepDone) && !before.firstStepDone;
    if (!note && !marksFirstStep)
      throw new RuleViolation("Say in a few words how it is going, or tick “first step done”.", "note");
    await tx.insert(commitmentCheckIns).values({ commitmentId: before.id, authorId: viewer.id, note, createdAt: now });
    const firstStepDone = before.firstStepDone || marksFirstStep;
    return saveCommitment(
      tx,
      viewer,
      before,
      { lastCheckInAt: now, firstStepDone, state: stateAfterCheckIn(before.state, firstStepDone) },
      "check-in",
      now,
      note ? { checkIn: [null, note] } : {},
    );
  });
}

/**
 * Point 13: some time after done, the report says whether they are still glad
 * of the change. Only the report answers, and only once it is due.
 */
export async function answerRemorseCheck(
  db: Database,
  viewer: Viewer,
  subject: Subject,
  commitmentId: string,
  input: { version: number; stillGlad: boolean; note: string },
  now: Date,
) {
  if (!allows(viewer, "commitment:answer-remorse", { subject })) {
    if (!allows(viewer, "commitment:read", { subject })) throw new RecordNotFound();
    throw new RuleViolation("Only the person who made the change can say whether they are still glad of it.");
  }
  return db.transaction(async (tx) => {
    const before = await lockCommitment(tx, subject, commitmentId, input.version);
    const allowed = checkRemorseAnswer(before, now);
    if (!allowed.ok) throw new RuleViolation(allowed.message);
    return saveCommitment(
      tx,
      viewer,
      before,
      { remorseAnsweredAt: now, stillGlad: input.stillGlad, remorseNote: input.note.trim() || null },
      "remorse-check",
      now,
    );
  });
}

function pickWording(input: CommitmentInput): CommitmentInput {
  return {
    change: input.change,
    painOfDoingNothing: input.painOfDoingNothing,
    firstStep: input.firstStep,
    managerSupport: input.managerSupport,
    checkInEveryDays: input.checkInEveryDays,
  };
}
