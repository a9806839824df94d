import { and, asc, eq, sql } from "drizzle-orm";
import { people, teams } from "../../db/schema";
import type { Viewer } from "~/auth/policies";
import type { Database } from "./db.server";

/**
 * One row per direct report of the viewer, in one query whatever the number
 * of reports: the per-row figures are correlated subqueries, not a query each.
 * They name the outer row as people.id, never ${people.id}, which drizzle may
 * render unqualified and so bind to the subquery's own table.
 */
export async function listMyPeople(db: Database, viewer: Viewer, now = new Date()) {
  const r = people;
  return db
    .select({
      id: r.id,
      name: r.name,
      team: teams.name,
      lastHeldAt: sql<Date | null>`(select max(m.held_at) from meetings m where m.report_id = people.id and m.status = 'held')`.mapWith(
        (v) => (v ? new Date(v) : null),
      ),
      nextMeetingAt: sql<Date | null>`(select min(m.scheduled_at) from meetings m where m.report_id = people.id and m.manager_id = ${viewer.id} and m.status = 'planned' and m.scheduled_at > ${now})`.mapWith(
        (v) => (v ? new Date(v) : null),
      ),
      activeGoals: sql<number>`(select count(*) from goals g where g.owner_id = people.id and g.status = 'active')`.mapWith(Number),
      openActionItems: sql<number>`(select count(*) from action_items a where a.report_id = people.id and a.status = 'open')`.mapWith(Number),
    })
    .from(r)
    .leftJoin(teams, eq(teams.id, r.teamId))
    .where(and(eq(r.managerId, viewer.id), eq(r.active, true)))
    .orderBy(asc(r.name));
}
