import { sql, type AnyColumn, type SQL } from "drizzle-orm";
import { rowsOf } from "#db/client";
import type { Subject } from "~/auth/policies";
import type { Database } from "./db.server";
import { isRecordId } from "~/utils/ids";

/**
 * A scalar subquery: the active manager chain of `person` (an id expression),
 * nearest first, as text[]. Shared by loadSubject and queries that need the
 * chain alongside other data in one round trip. Its aliases are unusual on
 * purpose: `person` may name an outer alias, which a plain "p" would shadow.
 */
export function managerChainSql(person: SQL): SQL {
  return sql`(
    with recursive line(id, manager_id, depth) as (
      select chain_start.id, chain_start.manager_id, 0 from people chain_start where chain_start.id = ${person}
      union all
      select chain_up.id, chain_up.manager_id, line.depth + 1
      from line join people chain_up on chain_up.id = line.manager_id
      where line.depth < 32
    )
    select coalesce(array_agg(line.id::text order by line.depth), '{}') from line where line.depth > 0
  )`;
}

/**
 * A scalar subquery: when `viewerId`'s current place in the manager line of `person` (an id expression)
 * began, as timestamptz. That is the latest start among the current reporting lines from the person up
 * to the viewer: the place exists only since every link of it does. Null when the viewer holds no place
 * in the line. The SQL side of LineEntryRecord.lineStartedAt in app/auth/policies.ts.
 */
export function lineStartedAtSql(person: SQL, viewerId: string): SQL {
  return sql`(
    with recursive placed(manager_id, since, depth) as (
      select line_first.manager_id, line_first.started_at, 1
      from reporting_lines line_first where line_first.person_id = ${person} and line_first.ended_at is null
      union all
      select line_next.manager_id, greatest(placed.since, line_next.started_at), placed.depth + 1
      from placed join reporting_lines line_next on line_next.person_id = placed.manager_id and line_next.ended_at is null
      where placed.depth < 32 and placed.manager_id <> ${viewerId}::uuid
    )
    select placed.since from placed where placed.manager_id = ${viewerId}::uuid order by placed.depth limit 1
  )`;
}

/**
 * True in SQL for a manager-line entry (a risk, a manager's rating) the viewer may read by its date: their
 * own, or written since their place in the line of `person` began. The WHERE-clause twin of the policy's
 * `line-entry:read`, so a query that forgets to ask the policy still returns nothing it should not.
 */
export function writtenInViewersLineSql(
  viewerId: string,
  person: SQL,
  authorId: SQL | AnyColumn,
  writtenAt: SQL | AnyColumn,
): SQL {
  return writtenSinceSql(viewerId, authorId, writtenAt, lineStartedAtSql(person, viewerId));
}

/** writtenInViewersLineSql with the line's start already at hand (`since`, e.g. a lateral join's column). */
export function writtenSinceSql(
  viewerId: string,
  authorId: SQL | AnyColumn,
  writtenAt: SQL | AnyColumn,
  since: SQL,
): SQL {
  return sql`(${authorId} = ${viewerId}::uuid or ${writtenAt} >= ${since})`;
}

/** An active person and their current manager chain, nearest first; null when there is no such person. */
export async function loadSubject(db: Database, personId: string): Promise<Subject | null> {
  if (!isRecordId(personId)) return null;
  const result = await db.execute(sql`
    select p.id, ${managerChainSql(sql`p.id`)} as chain
    from people p where p.id = ${personId} and p.active`);
  const row = rowsOf<{ id: string; chain: string[] | null }>(result)[0];
  if (!row) return null;
  return { id: row.id, managerChain: row.chain ?? [] };
}

/** loadSubject with the person's name from the same row, for the pages that are about them. */
export async function loadPerson(
  db: Database,
  personId: string,
): Promise<{ subject: Subject; person: { id: string; name: string } } | null> {
  if (!isRecordId(personId)) return null;
  const result = await db.execute(sql`
    select p.id, p.name, ${managerChainSql(sql`p.id`)} as chain
    from people p where p.id = ${personId} and p.active`);
  const row = rowsOf<{ id: string; name: string; chain: string[] | null }>(result)[0];
  if (!row) return null;
  return { subject: { id: row.id, managerChain: row.chain ?? [] }, person: { id: row.id, name: row.name } };
}
