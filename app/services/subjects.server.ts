import { sql } from "drizzle-orm";
import { rowsOf } from "../../db/client";
import type { Subject } from "~/auth/policies";
import type { Database } from "./db.server";

/** An active person and their current manager chain, nearest first; null when there is no such person. */
export async function loadSubject(db: Database, personId: string): Promise<Subject | null> {
  if (!/^[0-9a-f-]{36}$/i.test(personId)) return null;
  const rows = await db.execute<{ id: string; chain: string[] | null }>(sql`
    with recursive line(id, manager_id, depth) as (
      select p.id, p.manager_id, 0 from people p where p.id = ${personId} and p.active
      union all
      select m.id, m.manager_id, line.depth + 1
      from line join people m on m.id = line.manager_id
      where line.depth < 32
    )
    select ${personId}::uuid as id,
           (select array_agg(id::text order by depth) from line where depth > 0) as chain
    where exists (select 1 from line where depth = 0)
  `);
  const row = rowsOf<{ id: string; chain: string[] | null }>(rows)[0];
  if (!row) return null;
  return { id: row.id, managerChain: row.chain ?? [] };
}
