/**
 * After a run, straight from the database: every acknowledged write is there
 * exactly once, no refused write is there at all, and nothing is half
 * written (a goal's version without its progress row, an item without its
 * audit entry, a second "next 1:1" for one finish).
 */
import postgres from "postgres";
import { MARKER_PATTERN, type WriteKind, type WriteRecord } from "./ledger";

interface KindFigures {
  acknowledged: number;
  found: number;
  missing: number;
  duplicated: number;
  refused: number;
  /** Refused, yet in the database. */
  refusedWritten: number;
  /** Unacknowledged (503 or no answer) and in the database anyway: allowed, only counted. */
  unacknowledgedWritten: number;
  unacknowledged: number;
}

export interface Verification {
  byKind: Partial<Record<WriteKind, KindFigures>>;
  totals: KindFigures;
  /** Records whose parts disagree: each is a write that was half done. */
  halfWritten: number;
  /** Details of every failed check, for the log. */
  problems: string[];
}

/** Where each text-carrying write keeps its marker. Carried topics are copies, so only originals count. */
const MARKED: Partial<Record<WriteKind, { table: string; column: string; where?: string }>> = {
  topic: { table: "agenda_topics", column: "title", where: "carried_from_id is null" },
  goal: { table: "goals", column: "title" },
  progress: { table: "goal_updates", column: "note" },
  action: { table: "action_items", column: "title" },
  note: { table: "meeting_notes", column: "body" },
};

const emptyFigures = (): KindFigures => ({
  acknowledged: 0,
  found: 0,
  missing: 0,
  duplicated: 0,
  refused: 0,
  refusedWritten: 0,
  unacknowledgedWritten: 0,
  unacknowledged: 0,
});

type Sql = postgres.Sql;

async function markerCounts(sql: Sql, kind: WriteKind): Promise<Map<string, number>> {
  const place = MARKED[kind]!;
  const rows = await sql.unsafe<{ marker: string; n: number }[]>(
    `select substring(${place.column} from '${MARKER_PATTERN}') as marker, count(*)::int as n
     from ${place.table} where ${place.column} like '[load:%' ${place.where ? `and ${place.where}` : ""} group by 1`,
  );
  return new Map(rows.map((r) => [`[load:${r.marker}]`, r.n]));
}

/** How many times each acknowledged non-text write is in the database (1 is right). */
async function recordCounts(sql: Sql, kind: WriteKind, writes: WriteRecord[]): Promise<number[]> {
  const meetingIds = writes.map((w) => w.meetingId ?? "00000000-0000-0000-0000-000000000000");
  switch (kind) {
    case "check": {
      const keys = writes.map((w) => w.itemKey ?? "");
      const rows = await sql<{ n: number }[]>`
        select (select count(*)::int from meeting_item_checks c where c.meeting_id = w.meeting_id and c.item_key = w.item_key) as n
        from unnest(${meetingIds}::uuid[], ${keys}::text[]) with ordinality as w(meeting_id, item_key, i) order by i`;
      return rows.map((r) => r.n);
    }
    case "pulse": {
      const rows = await sql<{ n: number }[]>`
        select (select count(*)::int from pulses p where p.meeting_id = w.meeting_id) as n
        from unnest(${meetingIds}::uuid[]) with ordinality as w(meeting_id, i) order by i`;
      return rows.map((r) => r.n);
    }
    case "settle": {
      // Settled as answered, and settled once: one audit entry for the change from open.
      const itemIds = writes.map((w) => w.itemId ?? "00000000-0000-0000-0000-000000000000");
      const statuses = writes.map((w) => w.settledAs ?? "");
      const rows = await sql<{ n: number }[]>`
        select case when a.status = w.status
          then (select count(*)::int from audit_events e where e.entity = 'action_item' and e.entity_id = w.id and e.action in ('done', 'dropped'))
          else 0 end as n
        from unnest(${itemIds}::uuid[], ${statuses}::text[]) with ordinality as w(id, status, i)
        left join action_items a on a.id = w.id order by i`;
      return rows.map((r) => r.n ?? 0);
    }
    case "finish": {
      // Held, finished once, and the next 1:1 it named is the same pair's.
      const nextIds = writes.map((w) => w.nextMeetingId ?? "00000000-0000-0000-0000-000000000000");
      const rows = await sql<{ n: number }[]>`
        select case when m.status = 'held' and exists (
            select 1 from meetings nx where nx.id = w.next_id and nx.report_id = m.report_id and nx.manager_id = m.manager_id)
          then (select count(*)::int from audit_events e where e.entity = 'meeting' and e.entity_id = m.id and e.action = 'finish')
          else 0 end as n
        from unnest(${meetingIds}::uuid[], ${nextIds}::uuid[]) with ordinality as w(id, next_id, i)
        left join meetings m on m.id = w.id order by i`;
      return rows.map((r) => r.n ?? 0);
    }
    default:
      throw new Error(`no check for ${kind}`);
  }
}

/** Parts of one write that must agree; each row returned is a half-written record. */
async function halfWritten(sql: Sql, before: PhaseStart): Promise<string[]> {
  const problems: string[] = [];
  const goals = await sql<{ id: string; version: number; updates: number }[]>`
    select g.id, g.version, (select count(*)::int from goal_updates u where u.goal_id = g.id) as updates
    from goals g where g.title like '[load:%'`;
  for (const g of goals) {
    // Goals the run created only ever change by progress: one version step per progress row.
    if (g.version !== 1 + g.updates)
      problems.push(`goal ${g.id}: version ${g.version} but ${g.updates} progress row(s)`);
  }
  const unaudited = await sql<{ entity: string; id: string; n: number }[]>`
    select 'goal' as entity, g.id, (select count(*)::int from audit_events e where e.entity = 'goal' and e.entity_id = g.id and e.action = 'create') as n
    from goals g where g.title like '[load:%'
    union all
    select 'action_item', a.id, (select count(*)::int from audit_events e where e.entity = 'action_item' and e.entity_id = a.id and e.action = 'create')
    from action_items a where a.title like '[load:%'`;
  for (const u of unaudited) if (u.n !== 1) problems.push(`${u.entity} ${u.id}: ${u.n} creation audit entries`);
  // A finish (or cancel) plans at most one next 1:1; more new meetings than that is a duplicate.
  // New means not there when the phase began: the generator dates planned 1:1s' creation ahead.
  const pairs = await sql<{ report_id: string; created: number; closed: number }[]>`
    select m.report_id, count(*)::int as created,
      (select count(*)::int from audit_events e where e.subject_id = m.report_id and e.entity = 'meeting'
        and e.action in ('finish', 'cancel') and e.created_at >= ${before.at}) as closed
    from meetings m where not (m.id = any(${before.meetingIds}::uuid[])) group by m.report_id`;
  for (const p of pairs)
    if (p.created > p.closed)
      problems.push(`report ${p.report_id}: ${p.created} 1:1s planned by ${p.closed} finish(es)`);
  // A topic is for a 1:1 to come: one left undiscussed on a finished 1:1 and never carried is lost to every agenda.
  const stranded = await sql<{ id: string; meeting_id: string }[]>`
    select t.id, t.meeting_id from agenda_topics t join meetings m on m.id = t.meeting_id
    where t.title like '[load:%' and t.carried_from_id is null and m.status <> 'planned' and not t.discussed
      and not exists (select 1 from agenda_topics c where c.carried_from_id = t.id)`;
  for (const t of stranded)
    problems.push(`topic ${t.id} was added to 1:1 ${t.meeting_id} as it finished, and never carried to the next`);
  return problems;
}

/** What the database held when a phase began. */
export interface PhaseStart {
  at: Date;
  meetingIds: string[];
}

export async function phaseStart(url: string): Promise<PhaseStart> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const [now] = await sql<{ at: Date }[]>`select now() as at`;
    const meetings = await sql<{ id: string }[]>`select id from meetings`;
    return { at: now!.at, meetingIds: meetings.map((m) => m.id) };
  } finally {
    await sql.end({ timeout: 5 });
  }
}

export async function verifyWrites(url: string, writes: WriteRecord[], before: PhaseStart): Promise<Verification> {
  const sql = postgres(url, { max: 2, onnotice: () => {} });
  try {
    const byKind: Verification["byKind"] = {};
    const problems: string[] = [];
    const kinds = [...new Set(writes.map((w) => w.kind))];
    for (const kind of kinds) {
      const figures = emptyFigures();
      byKind[kind] = figures;
      const mine = writes.filter((w) => w.kind === kind);
      let counts: number[];
      if (MARKED[kind]) {
        const found = await markerCounts(sql, kind);
        counts = mine.map((w) => found.get(w.marker ?? "") ?? 0);
      } else {
        counts = await recordCounts(sql, kind, mine);
      }
      mine.forEach((write, i) => {
        const n = counts[i]!;
        if (write.outcome === "acknowledged") {
          figures.acknowledged++;
          if (n === 1) figures.found++;
          else if (n === 0) figures.missing++;
          else figures.duplicated++;
          if (n !== 1) problems.push(`acknowledged ${kind} ${JSON.stringify(write)} is in the database ${n} time(s)`);
        } else if (write.outcome === "refused") {
          figures.refused++;
          // Only text writes can be told apart from someone else's identical write.
          if (MARKED[kind] && n > 0) {
            figures.refusedWritten++;
            problems.push(`refused ${kind} ${JSON.stringify(write)} was written anyway`);
          }
        } else {
          figures.unacknowledged++;
          if (MARKED[kind] && n > 0) figures.unacknowledgedWritten++;
        }
      });
    }
    const half = await halfWritten(sql, before);
    problems.push(...half);
    const totals = emptyFigures();
    for (const figures of Object.values(byKind))
      for (const key of Object.keys(totals) as (keyof KindFigures)[]) totals[key] += figures[key];
    return { byKind, totals, halfWritten: half.length, problems };
  } finally {
    await sql.end({ timeout: 5 });
  }
}
