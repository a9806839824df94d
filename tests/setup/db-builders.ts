import { and, eq, isNull, sql } from "drizzle-orm";
import type { Database } from "../../db/client";
import { people, personRoles, reportingLines, teams } from "../../db/schema";
import type { Role } from "~/domain/enums";

let counter = 0;
const next = () => ++counter;

/** A team; pass parentTeamId for a child team. */
export async function createTeam(db: Database, values: { name?: string; parentTeamId?: string | null } = {}) {
  const [team] = await db
    .insert(teams)
    .values({ name: values.name ?? `Team ${next()}`, parentTeamId: values.parentTeamId ?? null })
    .returning();
  return team!;
}

/** A person, optionally with a manager (and the reporting line that goes with it) and roles. */
export async function createPerson(
  db: Database,
  values: { name?: string; email?: string; teamId?: string | null; managerId?: string | null; roles?: Role[]; passwordHash?: string | null; active?: boolean } = {},
) {
  const n = next();
  const [person] = await db
    .insert(people)
    .values({
      name: values.name ?? `Person ${n}`,
      email: values.email ?? `person${n}@test.rapport`,
      teamId: values.teamId ?? null,
      managerId: values.managerId ?? null,
      passwordHash: values.passwordHash ?? null,
      active: values.active ?? true,
    })
    .returning();
  if (values.managerId) await db.insert(reportingLines).values({ personId: person!.id, managerId: values.managerId });
  if (values.roles?.length) await db.insert(personRoles).values(values.roles.map((role) => ({ personId: person!.id, role })));
  return person!;
}

/** Moves a person to a new manager, ending the old reporting line (the old manager becomes "former"). */
export async function changeManager(db: Database, personId: string, managerId: string | null) {
  await db
    .update(reportingLines)
    .set({ endedAt: sql`greatest(now(), ${reportingLines.startedAt})` })
    .where(and(eq(reportingLines.personId, personId), isNull(reportingLines.endedAt)));
  await db.update(people).set({ managerId }).where(eq(people.id, personId));
  if (managerId) await db.insert(reportingLines).values({ personId, managerId });
}
