import { sql, type SQL } from "drizzle-orm";
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
