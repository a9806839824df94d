import { and, asc, desc, eq, gte, not, or, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { goals, meetings, meetingSeries, people, teams } from "#db/schema";
import { allows } from "~/auth/authorize.server";
import type { Subject, Viewer } from "~/auth/policies";
import { listAssessments } from "./assessments.server";
import { accountTrail } from "./audit.server";
import { getChecklistPoints } from "./checklist.server";
import type { Database } from "./db.server";
import { sharedWithViewerSql } from "./history-shares.server";
import { managerChainSql } from "./subjects.server";

const HISTORY_MEETINGS = 24;
const TRAIL_EVENTS = 40;

export async function getPersonName(db: Database, personId: string): Promise<string> {
  const [row] = await db.select({ name: people.name }).from(people).where(eq(people.id, personId));
  return row?.name ?? "";
}

/**
 * The head of an account and its Subject for the policy, in one query: the
 * person, their team and manager, the pair's rhythm, and the manager chain.
 * Null for an unknown or inactive person.
 */
export async function loadAccountHead(db: Database, personId: string) {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(personId)) return null;
  const manager = alias(people, "manager");
  const [person] = await db
    .select({
      id: people.id,
      name: people.name,
      email: people.email,
      team: teams.name,
      managerId: people.managerId,
      managerName: manager.name,
      intervalDays: sql<
        number | null
      >`(select s.interval_days from ${meetingSeries} s where s.report_id = ${people.id} and s.manager_id = ${people.managerId} and s.active limit 1)`,
      seriesStartedAt: sql<
        string | null
      >`(select s.created_at from ${meetingSeries} s where s.report_id = ${people.id} and s.manager_id = ${people.managerId} and s.active limit 1)`,
      chain: sql<string[] | null>`${managerChainSql(sql`"people"."id"`)}`,
    })
    .from(people)
    .leftJoin(teams, eq(teams.id, people.teamId))
    .leftJoin(manager, eq(manager.id, people.managerId))
    .where(and(eq(people.id, personId), eq(people.active, true)));
  if (!person) return null;
  const { chain, ...head } = person;
  const subject: Subject = { id: person.id, managerChain: chain ?? [] };
  return { subject, person: head };
}

/**
 * Everything else on a report's account page except risks and commitments
 * (their own services add those). The caller has authorized account:read.
 * A fixed number of queries, run together, whatever the length of history.
 * The 1:1 history reads as people look for it: the next planned 1:1 first,
 * then the past ones (held, cancelled or missed) newest first; planned 1:1s
 * further ahead are the rhythm's business, not history.
 */
export async function getAccount(db: Database, viewer: Viewer, subject: Subject, now: Date) {
  // The history is the current line's 1:1s, and the earlier ones the report shared with the viewer as
  // their manager now (ADR 043); an earlier line's unshared 1:1 is not listed, not even by its date.
  const sharedEarlier = sharedWithViewerSql(
    viewer.id,
    sql`${meetings.reportId}`,
    sql`${meetings.id}`,
    sql`${meetings.managerId}`,
  );
  const currentManager = subject.managerChain[0];
  const inHistory = or(currentManager ? eq(meetings.managerId, currentManager) : undefined, sharedEarlier);
  const meetingColumns = {
    id: meetings.id,
    scheduledAt: meetings.scheduledAt,
    heldAt: meetings.heldAt,
    status: meetings.status,
    managerId: meetings.managerId,
    managerName: people.name,
    sharedEarlier: sql<boolean>`${sharedEarlier}`,
  };
  const ahead = and(eq(meetings.status, "planned"), gte(meetings.scheduledAt, now));
  const [personGoals, assessments, [next], past, trail, points] = await Promise.all([
    allows(viewer, "goal:read", { subject })
      ? db
          .select({
            id: goals.id,
            title: goals.title,
            whyItMatters: goals.whyItMatters,
            successMeasure: goals.successMeasure,
            progress: goals.progress,
            status: goals.status,
            targetDate: goals.targetDate,
            createdAt: goals.createdAt,
            lastProgressAt: goals.lastProgressAt,
          })
          .from(goals)
          .where(eq(goals.ownerId, subject.id))
          .orderBy(sql`${goals.status} <> 'active'`, desc(goals.updatedAt))
      : Promise.resolve([]),
    listAssessments(db, viewer, subject),
    db
      .select(meetingColumns)
      .from(meetings)
      .innerJoin(people, eq(people.id, meetings.managerId))
      .where(
        and(
          eq(meetings.reportId, subject.id),
          ahead,
          currentManager ? eq(meetings.managerId, currentManager) : sql`false`,
        ),
      )
      .orderBy(asc(meetings.scheduledAt), asc(meetings.id))
      .limit(1),
    db
      .select(meetingColumns)
      .from(meetings)
      .innerJoin(people, eq(people.id, meetings.managerId))
      .where(and(eq(meetings.reportId, subject.id), not(ahead!), inHistory))
      .orderBy(desc(sql`coalesce(${meetings.heldAt}, ${meetings.scheduledAt})`), desc(meetings.id))
      .limit(HISTORY_MEETINGS),
    accountTrail(db, viewer.id, subject.id, ["goal", "risk", "commitment", "assessment"], TRAIL_EVENTS),
    getChecklistPoints(db),
  ]);
  return { goals: personGoals, assessments, next: next ?? null, past, trail, points };
}
