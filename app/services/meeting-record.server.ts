import { and, asc, eq, gt, inArray, or, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { actionItems, agendaTopics, commitments, goals, meetings, people, risks } from "#db/schema";
import { allows } from "~/auth/authorize.server";
import type { Viewer } from "~/auth/policies";
import { SECTION_ORDER, sectionOfKey } from "~/domain/agenda/record";
import type { AgendaSection } from "~/domain/agenda/types";
import { isRecordId } from "~/utils/ids";
import { getChecklistPoints } from "./checklist.server";
import type { Database } from "./db.server";
import type { LoadedMeeting } from "./meetings.server";
import { writtenInViewersLineSql } from "./subjects.server";

export interface RecordItem {
  key: string;
  section: AgendaSection;
  refId: string;
  title: string;
  privateTo: string | null;
}

/**
 * What a finished (or cancelled) 1:1 leaves behind, as this viewer may read
 * it: what was discussed, what was not and which 1:1 it moved to, the
 * follow-ups agreed in it, and the pair's next 1:1. The agenda itself is
 * built from today's account, so the record is read from what was stored
 * (the ticks and the topics), not rebuilt. Others' private topics and, for
 * the report, risks never leave the database. Seven small queries at most.
 */
export async function getMeetingRecord(db: Database, viewer: Viewer, loaded: LoadedMeeting) {
  const { meeting } = loaded;
  const reportId = meeting.reportId;
  const carried = alias(agendaTopics, "carried");
  const nextOne = alias(meetings, "next_one");
  const owner = alias(people, "owner");
  const ticked = [...loaded.checkedKeys].flatMap((key) => {
    const parsed = sectionOfKey(key);
    return parsed ? [{ key, ...parsed }] : [];
  });
  const idsOf = (section: AgendaSection) =>
    ticked.filter((t) => t.section === section && isRecordId(t.refId)).map((t) => t.refId);
  const canSeeRisks = allows(viewer, "risk:read", loaded.record);
  const canSeeActionItems = allows(viewer, "action-item:read", loaded.record);
  const none = Promise.resolve([] as { id: string; title: string }[]);
  const byIds = <T>(ids: string[], query: (ids: string[]) => Promise<T[]>) =>
    ids.length ? query(ids) : Promise.resolve([] as T[]);

  const [topics, goalRows, commitmentRows, tickedActions, riskRows, points, created, [next]] = await Promise.all([
    db
      .select({
        id: agendaTopics.id,
        authorId: agendaTopics.authorId,
        source: agendaTopics.source,
        title: agendaTopics.title,
        private: agendaTopics.private,
        discussed: agendaTopics.discussed,
        position: agendaTopics.position,
        carriedToMeetingId: carried.meetingId,
      })
      .from(agendaTopics)
      .leftJoin(carried, eq(carried.carriedFromId, agendaTopics.id))
      .where(
        and(
          eq(agendaTopics.meetingId, meeting.id),
          or(eq(agendaTopics.private, false), eq(agendaTopics.authorId, viewer.id)),
        ),
      )
      .orderBy(asc(agendaTopics.position), asc(agendaTopics.id))
      .then((rows) =>
        rows.filter((t) =>
          allows(viewer, "authored:read", { subject: loaded.record.subject, authorId: t.authorId, private: t.private }),
        ),
      ),
    byIds(idsOf("goal"), (ids) =>
      db
        .select({ id: goals.id, title: goals.title })
        .from(goals)
        .where(and(eq(goals.ownerId, reportId), inArray(goals.id, ids))),
    ),
    byIds(idsOf("commitment"), (ids) =>
      db
        .select({ id: commitments.id, title: commitments.change })
        .from(commitments)
        .where(and(eq(commitments.personId, reportId), inArray(commitments.id, ids))),
    ),
    canSeeActionItems
      ? byIds(idsOf("action-item"), (ids) =>
          db
            .select({ id: actionItems.id, title: actionItems.title })
            .from(actionItems)
            .where(and(eq(actionItems.reportId, reportId), inArray(actionItems.id, ids))),
        )
      : none,
    // A risk stays in the manager line, and only what was written while the viewer stood there.
    canSeeRisks
      ? byIds(idsOf("risk"), (ids) =>
          db
            .select({ id: risks.id, title: risks.description })
            .from(risks)
            .where(
              and(
                eq(risks.subjectId, reportId),
                inArray(risks.id, ids),
                writtenInViewersLineSql(viewer.id, sql`${reportId}::uuid`, risks.authorId, risks.createdAt),
              ),
            ),
        )
      : none,
    ticked.some((t) => t.section === "checklist") ? getChecklistPoints(db) : Promise.resolve([]),
    canSeeActionItems
      ? db
          .select({
            id: actionItems.id,
            title: actionItems.title,
            ownerId: actionItems.ownerId,
            ownerName: owner.name,
            dueOn: actionItems.dueOn,
            status: actionItems.status,
          })
          .from(actionItems)
          .innerJoin(owner, eq(owner.id, actionItems.ownerId))
          .where(and(eq(actionItems.meetingId, meeting.id), eq(actionItems.reportId, reportId)))
          .orderBy(asc(actionItems.createdAt), asc(actionItems.id))
      : Promise.resolve([]),
    // The pair's next 1:1: the one the topics moved to, or the next planned after this one.
    db
      .select({ id: nextOne.id, scheduledAt: nextOne.scheduledAt })
      .from(nextOne)
      .where(
        and(
          eq(nextOne.reportId, reportId),
          eq(nextOne.managerId, meeting.managerId),
          eq(nextOne.status, "planned"),
          gt(nextOne.scheduledAt, meeting.scheduledAt),
        ),
      )
      .orderBy(asc(nextOne.scheduledAt))
      .limit(1),
  ]);

  const titles = new Map<string, string>([
    ...goalRows.map((r) => [`goal:${r.id}`, r.title] as const),
    ...commitmentRows.map((r) => [`commitment:${r.id}`, r.title] as const),
    ...tickedActions.map((r) => [`action-item:${r.id}`, r.title] as const),
    ...riskRows.map((r) => [`risk:${r.id}`, r.title] as const),
    ...points.map((p) => [`checklist:${p.key}`, `${p.title}: ${p.question}`] as const),
    [`open-time:${meeting.id}`, `Open time for ${viewer.id === reportId ? "you" : meeting.reportName}`],
  ]);
  const topicItem = (t: (typeof topics)[number]): RecordItem => ({
    key: `${t.source}-topic:${t.id}`,
    section: t.source === "report" ? "report-topic" : "manager-topic",
    refId: t.id,
    title: t.title,
    privateTo: t.private ? t.authorId : null,
  });
  // Ticks on generated items whose record the viewer may read; a topic's tick is its own flag.
  const tickedItems: RecordItem[] = ticked
    .filter((t) => !t.section.endsWith("-topic") && titles.has(t.key))
    .map((t) => ({ key: t.key, section: t.section, refId: t.refId, title: titles.get(t.key)!, privateTo: null }));
  const rank = (i: RecordItem) => SECTION_ORDER.indexOf(i.section);
  const discussed = [...topics.filter((t) => t.discussed).map(topicItem), ...tickedItems].sort(
    (a, b) => rank(a) - rank(b),
  );
  const notDiscussed = topics
    .filter((t) => !t.discussed)
    .map((t) => ({ ...topicItem(t), carriedToMeetingId: t.carriedToMeetingId }))
    .sort((a, b) => rank(a) - rank(b));
  return { discussed, notDiscussed, followUps: created, next: next ?? null };
}

export type MeetingRecordView = Awaited<ReturnType<typeof getMeetingRecord>>;
