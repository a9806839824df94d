import { sql } from "drizzle-orm";
import { rowsOf } from "#db/client";
import type { Viewer } from "~/auth/policies";
import type { Database } from "./db.server";

/** The most past 1:1s the history page lists; older ones are found by the search. */
export const HISTORY_LIMIT = 50;

export interface HistoryNote {
  id: string;
  authorName: string;
  mine: boolean;
  visibility: "shared" | "private";
  body: string;
  createdAt: string;
}

export interface HistoryTopic {
  id: string;
  title: string;
  details: string;
  discussed: boolean;
  mine: boolean;
  private: boolean;
}

export interface HistoryFollowUp {
  id: string;
  title: string;
  status: "open" | "done" | "dropped";
  dueOn: string | null;
  mine: boolean;
  ownerName: string;
}

export interface HistoryMeeting {
  id: string;
  status: "planned" | "held";
  scheduledAt: Date;
  heldAt: Date | null;
  managerName: string;
  notes: HistoryNote[];
  topics: HistoryTopic[];
  followUps: HistoryFollowUp[];
}

const json = <T>(value: unknown): T => (typeof value === "string" ? JSON.parse(value) : value) as T;

/**
 * A report's own 1:1s, as they may read them: the next one first, then the held ones newest first (at
 * most HISTORY_LIMIT), with any manager they had. Each brings the shared notes and the viewer's own
 * private ones, the topics (the other person's private ones never), and the follow-ups agreed in it.
 * Open follow-ups come first, soonest due first. One statement, however many 1:1s.
 */
export async function getMyHistory(db: Database, viewer: Viewer, now: Date): Promise<HistoryMeeting[]> {
  const me = sql`${viewer.id}::uuid`;
  const result = await db.execute(sql`
    select m.id, m.status, m.scheduled_at, m.held_at, mgr.name as manager_name,
      (select coalesce(json_agg(json_build_object(
          'id', n.id, 'authorName', a.name, 'mine', n.author_id = ${me}, 'visibility', n.visibility,
          'body', n.body, 'createdAt', n.created_at) order by n.created_at, n.id), '[]'::json)
        from meeting_notes n join people a on a.id = n.author_id
        where n.meeting_id = m.id and (n.visibility = 'shared' or n.author_id = ${me})) as notes,
      (select coalesce(json_agg(json_build_object(
          'id', t.id, 'title', t.title, 'details', t.details, 'discussed', t.discussed,
          'mine', t.author_id = ${me}, 'private', t.private) order by t.position, t.created_at), '[]'::json)
        from agenda_topics t
        where t.meeting_id = m.id and (not t.private or t.author_id = ${me})) as topics,
      (select coalesce(json_agg(json_build_object(
          'id', ai.id, 'title', ai.title, 'status', ai.status, 'dueOn', ai.due_on,
          'mine', ai.owner_id = ${me}, 'ownerName', o.name)
          order by ai.status <> 'open', ai.due_on nulls last, ai.created_at, ai.id), '[]'::json)
        from action_items ai join people o on o.id = ai.owner_id
        where ai.meeting_id = m.id and ai.report_id = ${me}) as follow_ups
    from meetings m join people mgr on mgr.id = m.manager_id
    where m.report_id = ${me}
      and (m.status = 'held' or m.id = (
        select nx.id from meetings nx
        where nx.report_id = ${me} and nx.status = 'planned' and nx.scheduled_at > ${now.toISOString()}::timestamptz
        order by nx.scheduled_at limit 1))
    order by m.status = 'planned' desc, m.held_at desc nulls last
    limit ${HISTORY_LIMIT + 1}`);
  return rowsOf<{
    id: string;
    status: "planned" | "held";
    scheduled_at: Date | string;
    held_at: Date | string | null;
    manager_name: string;
    notes: unknown;
    topics: unknown;
    follow_ups: unknown;
  }>(result).map((r) => ({
    id: r.id,
    status: r.status,
    scheduledAt: new Date(r.scheduled_at),
    heldAt: r.held_at ? new Date(r.held_at) : null,
    managerName: r.manager_name,
    notes: json<HistoryNote[]>(r.notes),
    topics: json<HistoryTopic[]>(r.topics),
    followUps: json<HistoryFollowUp[]>(r.follow_ups),
  }));
}
