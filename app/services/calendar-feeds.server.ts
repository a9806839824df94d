import { createHash, randomBytes } from "node:crypto";
import { and, asc, desc, eq, gte, isNull, lt, or, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { calendarFeeds, meetings, meetingSeries, people } from "#db/schema";
import type { MeetingRecord } from "~/auth/policies";
import { isRecordId } from "~/utils/ids";
import type { FeedMeeting } from "./calendar.server";
import type { Database } from "./db.server";
import { recordSecurityEvent, type SecurityOrigin } from "./security-log.server";
import { managerChainSql } from "./subjects.server";

/**
 * Each person's private calendar subscription (docs/decisions/038-calendar-feed.md).
 * Calendar apps fetch it with no session, so the URL is the key: 256 random
 * bits, base64url, shown once when made; the table keeps its SHA-256 only.
 * One per person: making a new one replaces the hash, so the old URL stops
 * at once; turning it off deletes the row.
 */

/** 256 random bits, base64url: 43 characters. */
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;
const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");
/** Last used is touched at most this often: calendar apps poll, and a write per fetch would make each a write. */
export const TOUCH_EVERY_MS = 5 * 60 * 1000;

/** How far back the feed reaches: past 1:1s stay in the calendar this long (and as held, or cancelled). */
export const FEED_PAST_DAYS = 56;
/** A bound on any one feed, whatever the data: the query stays cheap for a client that polls. */
export const FEED_MAX_EVENTS = 500;

/** Whether the person has a feed, and when it was made and last fetched. Never the token: nobody has it. */
export async function calendarFeedStatus(db: Database, personId: string) {
  const [row] = await db
    .select({ createdAt: calendarFeeds.createdAt, lastUsedAt: calendarFeeds.lastUsedAt })
    .from(calendarFeeds)
    .where(eq(calendarFeeds.personId, personId));
  return row ?? null;
}

/**
 * Makes the person's feed, or a new one in place of the old, and returns its
 * token: the only time anyone sees it. The old token stops working in the
 * same statement.
 */
export async function makeCalendarFeed(
  db: Database,
  personId: string,
  now = new Date(),
  origin: SecurityOrigin = {},
): Promise<string> {
  const token = randomBytes(32).toString("base64url");
  const values = { tokenHash: hashToken(token), createdAt: now, lastUsedAt: null };
  await db.transaction(async (tx) => {
    const replaced = !!(await calendarFeedStatus(tx, personId));
    await tx
      .insert(calendarFeeds)
      .values({ personId, ...values })
      .onConflictDoUpdate({ target: calendarFeeds.personId, set: values });
    // An address grants reading someone's 1:1 times: its making is on the security log, never the token.
    await recordSecurityEvent(
      tx,
      { kind: "calendar-feed.made", actorId: personId, subjectId: personId, ...origin, detail: { revoked: replaced } },
      now,
    );
  });
  return token;
}

/** Turns the feed off: its URL answers 404 from now on. Turning off one that is off changes nothing. */
export async function turnOffCalendarFeed(
  db: Database,
  personId: string,
  now = new Date(),
  origin: SecurityOrigin = {},
): Promise<void> {
  await db.transaction(async (tx) => {
    const gone = await tx
      .delete(calendarFeeds)
      .where(eq(calendarFeeds.personId, personId))
      .returning({ personId: calendarFeeds.personId });
    if (!gone.length) return;
    await recordSecurityEvent(
      tx,
      { kind: "calendar-feed.turned-off", actorId: personId, subjectId: personId, ...origin },
      now,
    );
  });
}

export interface FeedReader {
  personId: string;
  timeZone: string;
}

/**
 * Who a presented token is the feed of, or null: not a token's shape, no such
 * feed (never made, rotated away, turned off), or its person no longer
 * active. All of them are the same null, answered the same way. The lookup is
 * by the hash's unique index, so its time does not depend on how much of a
 * guess is right. Touches last used when it is older than TOUCH_EVERY_MS.
 */
export async function authenticateCalendarFeed(
  db: Database,
  presented: string,
  now = new Date(),
): Promise<FeedReader | null> {
  if (!TOKEN_SHAPE.test(presented)) return null;
  const hash = hashToken(presented);
  const [row] = await db
    .select({ personId: calendarFeeds.personId, timeZone: people.timeZone, lastUsedAt: calendarFeeds.lastUsedAt })
    .from(calendarFeeds)
    .innerJoin(people, eq(people.id, calendarFeeds.personId))
    .where(and(eq(calendarFeeds.tokenHash, hash), eq(people.active, true)));
  if (!row) return null;
  const stale = new Date(now.getTime() - TOUCH_EVERY_MS);
  if (!row.lastUsedAt || row.lastUsedAt < stale) {
    // Conditional, so that parallel fetches write it once; by hash, so a rotation in between is not touched.
    await db
      .update(calendarFeeds)
      .set({ lastUsedAt: now })
      .where(
        and(
          eq(calendarFeeds.tokenHash, hash),
          or(isNull(calendarFeeds.lastUsedAt), lt(calendarFeeds.lastUsedAt, stale)),
        ),
      );
  }
  return { personId: row.personId, timeZone: row.timeZone };
}

/**
 * The 1:1s a person's feed shows, in one bounded query: those they may open
 * (the policy's meeting:read, as a WHERE clause: theirs as the report, or as
 * the manager while the report is still theirs; the report active), from
 * FEED_PAST_DAYS ago on, planned, held and cancelled alike. Only times,
 * status and the pair's names: nothing of the agenda.
 */
export async function feedMeetings(db: Database, personId: string, now = new Date()): Promise<FeedMeeting[]> {
  const report = alias(people, "report");
  const manager = alias(people, "manager");
  const since = new Date(now.getTime() - FEED_PAST_DAYS * 24 * 60 * 60_000);
  return db
    .select({
      id: meetings.id,
      seriesId: meetings.seriesId,
      scheduledAt: meetings.scheduledAt,
      lengthMinutes: meetings.lengthMinutes,
      status: meetings.status,
      sequence: meetings.sequence,
      updatedAt: meetings.updatedAt,
      managerName: manager.name,
      reportName: report.name,
    })
    .from(meetings)
    .innerJoin(report, eq(report.id, meetings.reportId))
    .innerJoin(manager, eq(manager.id, meetings.managerId))
    .where(
      and(
        eq(report.active, true),
        gte(meetings.scheduledAt, since),
        or(eq(meetings.reportId, personId), and(eq(meetings.managerId, personId), eq(report.managerId, personId))),
      ),
    )
    .orderBy(asc(meetings.scheduledAt), asc(meetings.id))
    .limit(FEED_MAX_EVENTS);
}

/**
 * A pair (their meeting series) and its report as a Subject, for the guard to
 * authorize as it does a 1:1 of theirs; null for an unknown id or an inactive
 * report.
 */
export async function loadPair(db: Database, pairId: string) {
  if (!isRecordId(pairId)) return null;
  const [row] = await db
    .select({
      id: meetingSeries.id,
      managerId: meetingSeries.managerId,
      reportId: meetingSeries.reportId,
      reportActive: people.active,
      chain: sql<string[] | null>`${managerChainSql(sql`"meeting_series"."report_id"`)}`,
    })
    .from(meetingSeries)
    .innerJoin(people, eq(people.id, meetingSeries.reportId))
    .where(eq(meetingSeries.id, pairId));
  if (!row?.reportActive) return null;
  const record: MeetingRecord = {
    subject: { id: row.reportId, managerChain: row.chain ?? [] },
    managerId: row.managerId,
    // A pair's link is the pair's: no share of earlier 1:1s opens it (ADR 043).
    sharedWith: [],
  };
  return { pair: { id: row.id, managerId: row.managerId, reportId: row.reportId }, record };
}

export type LoadedPair = NonNullable<Awaited<ReturnType<typeof loadPair>>>;

/**
 * Where the pair's lasting link goes now: their next 1:1 that has not ended
 * (the one under way counts), else the last one held, else the last one
 * planned at all (cancelled); null when they have none yet.
 */
export async function pairMeetingNow(db: Database, loaded: LoadedPair, now = new Date()): Promise<string | null> {
  const pair = and(eq(meetings.managerId, loaded.pair.managerId), eq(meetings.reportId, loaded.pair.reportId));
  const [next] = await db
    .select({ id: meetings.id })
    .from(meetings)
    .where(
      and(
        pair,
        eq(meetings.status, "planned"),
        sql`${meetings.scheduledAt} + ${meetings.lengthMinutes} * interval '1 minute' > ${now.toISOString()}::timestamptz`,
      ),
    )
    .orderBy(asc(meetings.scheduledAt))
    .limit(1);
  if (next) return next.id;
  const [last] = await db
    .select({ id: meetings.id })
    .from(meetings)
    .where(pair)
    .orderBy(sql`${meetings.status} = 'held' desc`, desc(meetings.scheduledAt))
    .limit(1);
  return last?.id ?? null;
}
