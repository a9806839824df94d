/**
 * Who and what the bench looks at in a generated organisation: a manager with
 * twelve direct reports, the report with the longest history, their next 1:1,
 * and an HR person. The loader lines and the HTTP lines use the same ones.
 */
import { and, count, eq, sql } from "drizzle-orm";
import { rowsOf, type Database, type DatabaseHandle } from "#db/client";
import { meetings, people } from "#db/schema";
import { hrPerson } from "./hr-trends";

export interface BenchSubjects {
  manager: { id: string; reports: number };
  report: { id: string; heldMeetings: number; assessments: number };
  meetingId: string;
  hrId: string;
}

export async function pickSubjects(handle: DatabaseHandle): Promise<BenchSubjects> {
  const manager = await managerWithReports(handle.db, 12);
  const report = await reportWithLongestHistory(handle.db, manager.id);
  const meetingId = await nextMeetingOf(handle.db, report.id, manager.id);
  return { manager, report, meetingId, hrId: await hrPerson(handle) };
}

/** The pair's next planned 1:1, planning one if the generator left none. */
async function nextMeetingOf(db: Database, reportId: string, managerId: string): Promise<string> {
  const [found] = rowsOf<{ id: string }>(
    await db.execute(sql`
      select id from meetings where report_id = ${reportId} and manager_id = ${managerId} and status = 'planned'
      order by scheduled_at desc limit 1`),
  );
  if (found) return found.id;
  const [created] = await db
    .insert(meetings)
    .values({ reportId, managerId, scheduledAt: new Date(Date.now() + 7 * 86_400_000) })
    .returning({ id: meetings.id });
  return created!.id;
}

/** A manager with exactly `n` direct reports: the one closest to n, topped up or trimmed by moving individual contributors. */
async function managerWithReports(db: Database, n: number) {
  const counts = await db
    .select({ id: people.managerId, reports: count() })
    .from(people)
    .where(and(sql`${people.managerId} is not null`, eq(people.active, true)))
    .groupBy(people.managerId);
  const best = counts.filter((c) => c.id).sort((a, b) => Math.abs(a.reports - n) - Math.abs(b.reports - n))[0];
  if (!best?.id) throw new Error("no manager in the generated organisation");
  const ics = sql`not exists (select 1 from people r where r.manager_id = p.id)`;
  if (best.reports < n) {
    await db.execute(sql`
      update people set manager_id = ${best.id}
      where id in (select p.id from people p where p.manager_id <> ${best.id} and p.active and ${ics} limit ${n - best.reports})`);
  } else if (best.reports > n) {
    const other = counts.find((c) => c.id && c.id !== best.id)!;
    await db.execute(sql`
      update people set manager_id = ${other.id}
      where id in (select p.id from people p where p.manager_id = ${best.id} order by ${ics} desc limit ${best.reports - n})`);
  }
  const [check] = await db
    .select({ n: count() })
    .from(people)
    .where(and(eq(people.managerId, best.id), eq(people.active, true)));
  return { id: best.id, reports: check!.n };
}

async function reportWithLongestHistory(db: Database, managerId: string) {
  const [row] = rowsOf<{ id: string; held: number; assessed: number }>(
    await db.execute(sql`
      select p.id,
        (select count(*)::int from meetings m where m.report_id = p.id and m.status = 'held') as held,
        (select count(*)::int from checklist_assessments a where a.subject_id = p.id) as assessed
      from people p where p.manager_id = ${managerId}
      order by held desc limit 1`),
  );
  if (!row) throw new Error("the bench manager has no reports");
  return { id: row.id, heldMeetings: Number(row.held), assessments: Number(row.assessed) };
}
