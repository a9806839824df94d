import { and, eq, sql } from "drizzle-orm";
import { people, personRoles } from "#db/schema";
import type { Viewer } from "~/auth/policies";
import type { Role } from "~/domain/enums";
import type { Database } from "./db.server";

/** One query: the active person with their granted roles, plus "manager" when someone reports to them. */
export async function findViewer(db: Database, personId: string): Promise<Viewer | null> {
  if (!/^[0-9a-f-]{36}$/i.test(personId)) return null;
  const [row] = await db
    .select({
      id: people.id,
      name: people.name,
      email: people.email,
      // Correlated subqueries name the outer row explicitly: drizzle renders a bare "id" in one-table selects.
      roles: sql<Role[]>`coalesce((select array_agg(pr.role) from ${personRoles} pr where pr.person_id = people.id), '{}')`,
      hasReports: sql<boolean>`exists (select 1 from ${people} r where r.manager_id = people.id and r.active)`,
    })
    .from(people)
    .where(and(eq(people.id, personId), eq(people.active, true)));
  if (!row) return null;
  const roles = new Set<Role>(row.roles);
  if (row.hasReports) roles.add("manager");
  return { id: row.id, name: row.name, email: row.email, roles: [...roles].sort() };
}
