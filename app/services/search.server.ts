import { sql, type SQL } from "drizzle-orm";
import { rowsOf } from "#db/client";
import { actionItemDocument, commitmentDocument, goalDocument, noteDocument, topicDocument } from "#db/schema/search";
import type { Subject, Viewer } from "~/auth/policies";
import { HIT_LABELS, hitLink, parseSearchQuery, SEARCH_LIMIT, type HitKind } from "~/domain/search";
import type { Database } from "./db.server";
import { sharedWithViewerSql } from "./history-shares.server";

export interface SearchHit {
  kind: HitKind;
  id: string;
  meetingId: string | null;
  /** The report whose account it belongs to. */
  personId: string;
  /** The title of a topic, follow-up, goal or commitment; null for a note. */
  title: string | null;
  /** The best passage, matched words between MARK_START and MARK_END. */
  snippet: string;
  /** The 1:1's time (held, else planned) for what belongs to one; when it was written otherwise. */
  at: Date;
  /** A follow-up's, goal's or commitment's status; null for notes and topics. */
  status: string | null;
  rank: number;
}

/**
 * The history of one pair, searched by words (docs/decisions/029-search.md): shared notes, agenda
 * topics, follow-ups, goals and commitments, best first, at most SEARCH_LIMIT. One statement whatever
 * the hits. The caller has asked the policy ("history:search"); the query scopes itself as well, so a
 * forgotten check returns nothing:
 *
 * - the report searches all their own 1:1s (with any manager); a manager only the 1:1s they had with
 *   this report, and only while they are its direct manager, and the earlier 1:1s the report shared
 *   with them (ADR 043);
 * - a private note or topic is found by its author alone; risks are never searched.
 */
export async function searchHistory(
  db: Database,
  viewer: Viewer,
  subject: Subject,
  query: { text: string; anyWords: string | null },
): Promise<SearchHit[]> {
  const me = sql`${viewer.id}::uuid`;
  const person = sql`${subject.id}::uuid`;
  const strict = sql`websearch_to_tsquery('english', ${query.text})`;
  const loose = query.anyWords ? sql`websearch_to_tsquery('english', ${query.anyWords})` : strict;
  // The report, or their direct manager now: the same people the policy lets search.
  const reader = sql`exists (select 1 from people reader where reader.id = ${person} and reader.active
    and (reader.id = ${me} or reader.manager_id = ${me}))`;
  // Their 1:1s: the report's all, a manager's own with them (so nobody reads another pair's) and those
  // the report shared with them. The pair's meetings come first by index; the text is matched over
  // those few, not the organisation's. `meetingId` is the 1:1's id (a follow-up's meeting_id).
  const pairMeeting = (m: SQL, meetingId: SQL) =>
    sql`${m}.report_id = ${person} and (${me} = ${person} or ${m}.manager_id = ${me}
      or ${sharedWithViewerSql(viewer.id, sql`${m}.report_id`, meetingId, sql`${m}.manager_id`)}) and ${reader}`;

  const result = await db.execute(sql`
    with hits as (
      select 'note' as kind, n.id, n.meeting_id, m.report_id as person_id, null::text as title,
        n.body as body, coalesce(m.held_at, m.scheduled_at) as at, null::text as status,
        ${noteDocument(sql`n.body`)} as doc
      from meeting_notes n join meetings m on m.id = n.meeting_id
      where ${pairMeeting(sql`m`, sql`m.id`)} and (n.visibility = 'shared' or n.author_id = ${me})
        and ${noteDocument(sql`n.body`)} @@ ${loose}
      union all
      select 'topic', t.id, t.meeting_id, m.report_id, t.title,
        t.title || ' ' || t.details, coalesce(m.held_at, m.scheduled_at), null,
        ${topicDocument(sql`t.title`, sql`t.details`)}
      from agenda_topics t join meetings m on m.id = t.meeting_id
      where ${pairMeeting(sql`m`, sql`m.id`)} and (not t.private or t.author_id = ${me})
        and ${topicDocument(sql`t.title`, sql`t.details`)} @@ ${loose}
      union all
      select 'action-item', a.id, a.meeting_id, a.report_id, a.title,
        a.title, coalesce(m.held_at, m.scheduled_at, a.created_at), a.status,
        ${actionItemDocument(sql`a.title`)}
      from action_items a left join meetings m on m.id = a.meeting_id
      where ${pairMeeting(sql`a`, sql`a.meeting_id`)} and ${actionItemDocument(sql`a.title`)} @@ ${loose}
      union all
      select 'goal', g.id, null, g.owner_id, g.title,
        g.title || ' ' || g.why_it_matters || ' ' || g.success_measure, g.created_at, g.status,
        ${goalDocument(sql`g.title`, sql`g.why_it_matters`, sql`g.success_measure`)}
      from goals g
      where g.owner_id = ${person} and ${reader}
        and ${goalDocument(sql`g.title`, sql`g.why_it_matters`, sql`g.success_measure`)} @@ ${loose}
      union all
      select 'commitment', c.id, null, c.person_id, c.change,
        c.change || ' ' || c.pain_of_doing_nothing || ' ' || c.first_step || ' ' || c.manager_support,
        c.created_at, c.state,
        ${commitmentDocument(sql`c.change`, sql`c.pain_of_doing_nothing`, sql`c.first_step`, sql`c.manager_support`)}
      from commitments c
      where c.person_id = ${person} and ${reader}
        and ${commitmentDocument(sql`c.change`, sql`c.pain_of_doing_nothing`, sql`c.first_step`, sql`c.manager_support`)} @@ ${loose}
    ),
    ranked as (
      -- Every word matched counts for more than any number of some words matched.
      select hits.*, ts_rank(doc, ${loose}) + case when doc @@ ${strict} then 1 else 0 end as rank
      from hits
      order by rank desc, at desc, id
      limit ${SEARCH_LIMIT}
    )
    -- ts_headline reads the whole text again: only for the hits shown.
    select kind, id, meeting_id, person_id, title, at, status, rank,
      ts_headline('english', body, ${loose},
        'StartSel=' || chr(2) || ', StopSel=' || chr(3) || ', MaxWords=30, MinWords=12, MaxFragments=2, FragmentDelimiter=" … "'
      ) as snippet
    from ranked
    order by rank desc, at desc, id`);

  return rowsOf<{
    kind: HitKind;
    id: string;
    meeting_id: string | null;
    person_id: string;
    title: string | null;
    at: Date | string;
    status: string | null;
    rank: number | string;
    snippet: string;
  }>(result).map((r) => ({
    kind: r.kind,
    id: r.id,
    meetingId: r.meeting_id,
    personId: r.person_id,
    title: r.title,
    snippet: r.snippet,
    at: new Date(r.at),
    status: r.status,
    rank: Number(r.rank),
  }));
}

/** What a search page shows: the question, a message when it could not be searched, the hits with their links. */
export interface SearchAnswer {
  q: string;
  message: string | null;
  hits: (SearchHit & { label: string; href: string })[];
}

/**
 * A search box's answer, from what was typed (`?q=`): refused with a message when it cannot be
 * searched (no statement then), otherwise the hits of searchHistory, each with its label and link.
 */
export async function answerSearch(
  db: Database,
  viewer: Viewer,
  subject: Subject,
  raw: string | null,
): Promise<SearchAnswer> {
  const q = (raw ?? "").slice(0, 1000);
  const query = parseSearchQuery(q);
  if (!query.ok) return { q, message: query.message, hits: [] };
  const reader = viewer.id === subject.id ? "report" : "manager";
  const hits = await searchHistory(db, viewer, subject, query);
  return {
    q: query.text,
    message: null,
    hits: hits.map((h) => ({ ...h, label: HIT_LABELS[h.kind], href: hitLink(h, reader) })),
  };
}
