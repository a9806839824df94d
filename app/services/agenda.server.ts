import { and, eq, inArray, or, sql, type AnyColumn, type SQL } from "drizzle-orm";
import { actionItems, agendaTopics, checklistAssessments, commitments, goals, risks } from "#db/schema";
import { allows } from "~/auth/authorize.server";
import type { Viewer } from "~/auth/policies";
import { buildAgenda } from "~/domain/agenda/build";
import type { AgendaInput, AgendaItem } from "~/domain/agenda/types";
import { pointStandings } from "~/domain/checklist";
import { getChecklistPoints } from "./checklist.server";
import type { Database } from "./db.server";
import type { LoadedMeeting } from "./meetings.server";
import { lineStartedAtSql, writtenInViewersLineSql } from "./subjects.server";
import { isRecordId } from "~/utils/ids";
import { commitmentTimeline } from "./commitments.server";
import { sharedWithViewerSql } from "./history-shares.server";

/** What the agenda builder reads of a goal: the prepared agenda and the manager's reminder select the same. */
export const agendaGoalColumns = {
  id: goals.id,
  ownerId: goals.ownerId,
  title: goals.title,
  status: goals.status,
  progress: goals.progress,
  targetDate: goals.targetDate,
  createdAt: goals.createdAt,
  lastProgressAt: goals.lastProgressAt,
};

/**
 * Gathers one report's account for a meeting and builds the agenda the
 * viewer may see. Six queries at most, run together, whatever the length of
 * the history: only open or recent records are read. Private topics of
 * someone else never leave the database; risks are read only for the manager.
 */
export async function getAgendaFor(db: Database, viewer: Viewer, loaded: LoadedMeeting, now: Date) {
  const { meeting } = loaded;
  const reportId = meeting.reportId;
  const canSeeRisks = allows(viewer, "risk:read", loaded.record);
  const { subject } = loaded.record;
  const canSeeActionItems = allows(viewer, "action-item:read", loaded.record);
  // Records ticked in this 1:1 stay on its agenda even once settled; their ids, by kind, widen the reads below.
  const tickedIds = (kind: string) =>
    [...loaded.checkedKeys].filter((k) => k.startsWith(`${kind}:`)).map((k) => k.slice(kind.length + 1));
  const ticked = { goals: tickedIds("goal"), commitments: tickedIds("commitment"), actions: tickedIds("action-item") };
  const orTicked = (column: AnyColumn, ids: string[], open: SQL | undefined) => {
    const valid = ids.filter(isRecordId);
    return valid.length ? or(open, inArray(column, valid)) : open;
  };
  // The query keeps others' private topics in the database; the policy is asked as well, so the two must agree.
  const authored = (t: { authorId: string; private: boolean }) => ({
    subject: loaded.record.subject,
    authorId: t.authorId,
    private: t.private,
  });
  const [topics, goalRows, commitmentRows, actionRows, riskRows, assessments, points] = await Promise.all([
    db
      .select({
        id: agendaTopics.id,
        authorId: agendaTopics.authorId,
        source: agendaTopics.source,
        title: agendaTopics.title,
        details: agendaTopics.details,
        private: agendaTopics.private,
        position: agendaTopics.position,
        carriedCount: agendaTopics.carriedCount,
        discussed: agendaTopics.discussed,
      })
      .from(agendaTopics)
      .where(
        and(
          eq(agendaTopics.meetingId, meeting.id),
          or(eq(agendaTopics.private, false), eq(agendaTopics.authorId, viewer.id)),
        ),
      )
      .then((rows) => rows.filter((t) => allows(viewer, "authored:read", authored(t)))),
    db
      .select({
        ...agendaGoalColumns,
      })
      .from(goals)
      .where(and(eq(goals.ownerId, reportId), orTicked(goals.id, ticked.goals, eq(goals.status, "active")))),
    db
      .select({
        id: commitments.id,
        personId: commitments.personId,
        change: commitments.change,
        ...commitmentTimeline,
      })
      .from(commitments)
      .where(
        and(
          eq(commitments.personId, reportId),
          orTicked(
            commitments.id,
            ticked.commitments,
            or(
              inArray(commitments.state, ["committed", "in_progress"]),
              and(eq(commitments.state, "done"), sql`${commitments.remorseAnsweredAt} is null`),
            ),
          ),
        ),
      ),
    canSeeActionItems
      ? db
          .select({
            id: actionItems.id,
            reportId: actionItems.reportId,
            ownerId: actionItems.ownerId,
            title: actionItems.title,
            dueOn: actionItems.dueOn,
            carriedCount: actionItems.carriedCount,
            status: actionItems.status,
          })
          .from(actionItems)
          .where(
            and(
              eq(actionItems.reportId, reportId),
              // The pair's own follow-ups carry on; an earlier line's only once the report shared that 1:1
              // with this pair's manager (ADR 043).
              or(
                eq(actionItems.managerId, meeting.managerId),
                sharedWithViewerSql(
                  meeting.managerId,
                  sql`${actionItems.reportId}`,
                  sql`${actionItems.meetingId}`,
                  sql`${actionItems.managerId}`,
                ),
              ),
              orTicked(actionItems.id, ticked.actions, eq(actionItems.status, "open")),
            ),
          )
      : Promise.resolve([]),
    canSeeRisks
      ? db
          .select({
            id: risks.id,
            subjectId: risks.subjectId,
            kind: risks.kind,
            description: risks.description,
            reviewOn: risks.reviewOn,
            status: risks.status,
            likelihood: risks.likelihood,
            impact: risks.impact,
            authorId: risks.authorId,
            createdAt: risks.createdAt,
            lineStartedAt: sql<Date | string | null>`${lineStartedAtSql(sql`${reportId}::uuid`, viewer.id)}`,
          })
          .from(risks)
          .where(
            and(
              eq(risks.subjectId, reportId),
              eq(risks.status, "open"),
              writtenInViewersLineSql(viewer.id, sql`${reportId}::uuid`, risks.authorId, risks.createdAt),
            ),
          )
          .then((rows) =>
            rows
              .filter((r) =>
                allows(viewer, "line-entry:read", {
                  subject,
                  authorId: r.authorId,
                  writtenAt: r.createdAt,
                  lineStartedAt: r.lineStartedAt,
                }),
              )
              .map(({ authorId: _a, createdAt: _c, lineStartedAt: _l, ...risk }) => risk),
          )
      : Promise.resolve([]),
    // Only the latest rating per point and side matters here, so the history's length does not. The
    // manager's side is this pair's: ratings an earlier manager gave stay with the earlier line.
    db
      .selectDistinctOn([checklistAssessments.pointKey, checklistAssessments.perspective], {
        pointKey: checklistAssessments.pointKey,
        perspective: checklistAssessments.perspective,
        rating: checklistAssessments.rating,
        createdAt: checklistAssessments.createdAt,
      })
      .from(checklistAssessments)
      .where(
        and(
          eq(checklistAssessments.subjectId, reportId),
          or(
            eq(checklistAssessments.perspective, "self"),
            writtenInViewersLineSql(
              meeting.managerId,
              sql`${reportId}::uuid`,
              checklistAssessments.assessorId,
              checklistAssessments.createdAt,
            ),
          ),
        ),
      )
      .orderBy(
        checklistAssessments.pointKey,
        checklistAssessments.perspective,
        sql`${checklistAssessments.createdAt} desc`,
      ),
    getChecklistPoints(db),
  ]);

  const input: AgendaInput = {
    meeting: {
      id: meeting.id,
      reportId,
      managerId: meeting.managerId,
      scheduledAt: meeting.scheduledAt,
      lengthMinutes: meeting.lengthMinutes,
    },
    people: { reportName: meeting.reportName, managerName: meeting.managerName },
    topics,
    checked: [...loaded.checkedKeys],
    goals: goalRows,
    commitments: commitmentRows,
    actionItems: actionRows,
    risks: riskRows,
    checklist: {
      points: points.map(({ key, title, question }) => ({ key, title, question })),
      standings: pointStandings(
        assessments,
        points.map((p) => p.key),
      ),
    },
  };
  const agenda = buildAgenda(input, now);
  const items: AgendaItem[] = viewer.id === reportId ? agenda.report : agenda.manager;
  const details = new Map(topics.map((t) => [t.id, t.details]));
  return {
    items: items.map((i) => ({ ...i, details: details.get(i.refId) ?? "" })),
    // The viewer's own topics, for reordering and removing them before the meeting.
    ownTopics: topics
      .filter((t) => !t.discussed && allows(viewer, "authored:write", authored(t)))
      .sort((a, b) => a.position - b.position),
  };
}
