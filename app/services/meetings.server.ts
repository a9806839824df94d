import { eq, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { meetings, people } from "#db/schema";
import type { MeetingRecord } from "~/auth/policies";
import type { Database } from "./db.server";
import { managerChainSql } from "./subjects.server";
import { sharedWithSql, sharedWithViewerSql } from "./history-shares.server";
import { isRecordId } from "~/utils/ids";

/**
 * A meeting with the names of its pair, the items ticked so far, and its
 * report as a Subject for the policy, in one query. Null for an unknown id
 * or an inactive report; the caller authorizes.
 */
export interface MeetingNote {
  id: string;
  authorName: string;
  visibility: "shared" | "private";
  body: string;
  createdAt: string;
}

/**
 * The notes of "meetings" that `viewerId` may read, as JSON: shared ones and
 * their own private ones, and nothing at all unless they are one of the pair
 * or the report's manager now, whom the report shared this earlier 1:1 with
 * (ADR 043: shared notes only). A private note is its author's alone.
 */
function visibleNotesSql(viewerId: string) {
  return sql<MeetingNote[]>`(
    select coalesce(json_agg(json_build_object(
      'id', n.id, 'authorName', a.name, 'visibility', n.visibility, 'body', n.body, 'createdAt', n.created_at
    ) order by n.created_at, n.id), '[]'::json)
    from meeting_notes n join people a on a.id = n.author_id
    where n.meeting_id = "meetings"."id"
      and (${viewerId}::uuid in ("meetings"."report_id", "meetings"."manager_id")
        or ${sharedWithViewerSql(viewerId, sql`"meetings"."report_id"`, sql`"meetings"."id"`, sql`"meetings"."manager_id"`)})
      and (n.visibility = 'shared' or n.author_id = ${viewerId}::uuid))`;
}

/** `viewerId` also brings the notes that viewer may read (see visibleNotesSql). */
export async function loadMeeting(db: Database, meetingId: string, viewerId: string | null = null) {
  if (!isRecordId(meetingId)) return null;
  const manager = alias(people, "manager");
  const [row] = await db
    .select({
      id: meetings.id,
      seriesId: meetings.seriesId,
      reportId: meetings.reportId,
      managerId: meetings.managerId,
      scheduledAt: meetings.scheduledAt,
      lengthMinutes: meetings.lengthMinutes,
      status: meetings.status,
      heldAt: meetings.heldAt,
      version: meetings.version,
      reportName: people.name,
      managerName: manager.name,
      reportActive: people.active,
      chain: sql<string[] | null>`${managerChainSql(sql`"meetings"."report_id"`)}`,
      sharedWith: sql<string[]>`${sharedWithSql("meetings")}`,
      checkedKeys: sql<
        string[]
      >`(select coalesce(array_agg(c.item_key), '{}') from meeting_item_checks c where c.meeting_id = "meetings"."id")`,
      notes: viewerId ? visibleNotesSql(viewerId) : sql<MeetingNote[]>`'[]'::json`,
    })
    .from(meetings)
    .innerJoin(people, eq(people.id, meetings.reportId))
    .innerJoin(manager, eq(manager.id, meetings.managerId))
    .where(eq(meetings.id, meetingId));
  if (!row?.reportActive) return null;
  const { chain, checkedKeys, notes, sharedWith, reportActive: _active, ...meeting } = row;
  const record: MeetingRecord = {
    subject: { id: row.reportId, managerChain: chain ?? [] },
    managerId: row.managerId,
    sharedWith: sharedWith ?? [],
  };
  const parsedNotes: MeetingNote[] = typeof notes === "string" ? JSON.parse(notes) : notes;
  return { meeting, record, checkedKeys: new Set(checkedKeys), notes: parsedNotes };
}

export type LoadedMeeting = NonNullable<Awaited<ReturnType<typeof loadMeeting>>>;
