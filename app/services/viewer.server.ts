import { and, eq, sql } from "drizzle-orm";
import { people, personRoles } from "#db/schema";
import type { Viewer } from "~/auth/policies";
import type { Role } from "~/domain/enums";
import type { Database } from "./db.server";

/**
 * What a viewer is made of, for a select over `people` (alone or joined): the
 * person, their granted roles, and whether anyone active reports to them.
 */
export const viewerColumns = {
  id: people.id,
  name: people.name,
  email: people.email,
  // Correlated subqueries name the outer row explicitly: drizzle renders a bare "id" in one-table selects.
  roles: sql<Role[]>`coalesce((select array_agg(pr.role) from ${personRoles} pr where pr.person_id = people.id), '{}')`,
  hasReports: sql<boolean>`exists (select 1 from ${people} r where r.manager_id = people.id and r.active)`,
};

interface ViewerRow {
  id: string;
  name: string;
  email: string;
  roles: Role[];
  hasReports: boolean;
}

/** "manager" is earned by having reports, not granted. */
export function toViewer(row: ViewerRow): Viewer {
  const roles = new Set<Role>(row.roles);
  if (row.hasReports) roles.add("manager");
  return { id: row.id, name: row.name, email: row.email, roles: [...roles].sort() };
}

/** One query: the active person with their granted roles, plus "manager" when someone reports to them. */
export async function findViewer(db: Database, personId: string): Promise<Viewer | null> {
  if (!/^[0-9a-f-]{36}$/i.test(personId)) return null;
  const [row] = await db
    .select(viewerColumns)
    .from(people)
    .where(and(eq(people.id, personId), eq(people.active, true)));
  return row ? toViewer(row) : null;
}
