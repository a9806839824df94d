import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyPassword } from "~/auth/password.server";
import { COMMITMENT_STATES } from "~/domain/enums";
import { openDatabase, rowsOf, type DatabaseHandle } from "../client";
import { migrateDatabase } from "../migrate";
import { DEMO_LOGINS, DEMO_PASSWORD, isDatabaseEmpty, seedDemoOrganisation } from "./demo";
import type { GenerateSummary } from "./generate";

const NOW = new Date("2025-06-02T09:00:00Z");
let first: DatabaseHandle;
let second: DatabaseHandle | undefined;
let summary: GenerateSummary;
let emptyBefore: boolean;

async function rows<T>(handle: DatabaseHandle, query: ReturnType<typeof sql>): Promise<T[]> {
  return rowsOf<T>(await handle.db.execute(query));
}

async function personId(email: string): Promise<string> {
  const [row] = await rows<{ id: string }>(first, sql`select id from people where email = ${email}`);
  if (!row) throw new Error(`no person ${email}`);
  return row.id;
}

/** Everyone below `managerId`, at any depth. */
async function line(managerId: string): Promise<string[]> {
  const found = await rows<{ id: string }>(
    first,
    sql`with recursive below(id) as (
          select id from people where manager_id = ${managerId}
          union select p.id from people p join below b on p.manager_id = b.id)
        select id from below`,
  );
  return found.map((r) => r.id);
}

async function counts(handle: DatabaseHandle): Promise<Record<string, number>> {
  const result: Record<string, number> = {};
  for (const table of Object.keys(summary.rows)) {
    const [row] = await rows<{ n: number }>(handle, sql`select count(*)::int as n from ${sql.identifier(table)}`);
    result[table] = Number(row!.n);
  }
  return result;
}

beforeAll(async () => {
  first = await openDatabase();
  await migrateDatabase(first);
  emptyBefore = await isDatabaseEmpty(first.db);
  summary = await seedDemoOrganisation(first.db, NOW);
}, 60_000);

afterAll(async () => {
  await first?.close();
  await second?.close();
}, 60_000);

describe("the demo organisation", () => {
  it("is seeded into an empty database, which is then no longer empty", async () => {
    expect(emptyBefore).toBe(true);
    expect(await isDatabaseEmpty(first.db)).toBe(false);
    expect(summary.people).toBeGreaterThanOrEqual(40);
    expect(summary.rows.people).toBe(summary.people);
  });

  it("has at least five teams in a two-level hierarchy", async () => {
    const teams = await rows<{ id: string; parent: string | null; grandparent: string | null }>(
      first,
      sql`select t.id, t.parent_team_id as parent, p.parent_team_id as grandparent from teams t left join teams p on p.id = t.parent_team_id`,
    );
    expect(teams.length).toBeGreaterThanOrEqual(5);
    expect(teams.filter((t) => t.parent !== null).length).toBeGreaterThanOrEqual(3);
    expect(teams.every((t) => t.grandparent === null)).toBe(true);
  });

  it("has one person at the top, everyone else with a manager and a current reporting line", async () => {
    const [row] = await rows<{ top: number; without_line: number; ended: number }>(
      first,
      sql`select
            (select count(*)::int from people where manager_id is null) as top,
            (select count(*)::int from people p where p.manager_id is not null and not exists (
              select 1 from reporting_lines l where l.person_id = p.id and l.manager_id = p.manager_id and l.ended_at is null)) as without_line,
            (select count(*)::int from reporting_lines where ended_at is not null) as ended`,
    );
    expect(row).toEqual({ top: 1, without_line: 0, ended: expect.any(Number) });
    expect(row!.ended).toBeGreaterThanOrEqual(1);
  });

  it("has at least five managers, each with the manager role", async () => {
    const managers = await rows<{ id: string; has_role: boolean }>(
      first,
      sql`select distinct m.id, exists (select 1 from person_roles r where r.person_id = m.id and r.role = 'manager') as has_role
          from people m join people p on p.manager_id = m.id`,
    );
    expect(managers.length).toBeGreaterThanOrEqual(5);
    expect(managers.every((m) => m.has_role)).toBe(true);
  });

  it("has the five demo logins with their roles and the demo password", async () => {
    const found = await rows<{ email: string; roles: string | null; password_hash: string }>(
      first,
      sql`select p.email, p.password_hash, (select string_agg(role, ',' order by role) from person_roles r where r.person_id = p.id) as roles
          from people p where p.email like '%@demo.rapport' and p.email not like '%.%@%' or p.email = 'other.manager@demo.rapport'`,
    );
    const roles = Object.fromEntries(found.map((p) => [p.email, p.roles]));
    expect(roles).toEqual({
      "admin@demo.rapport": "admin",
      "hr@demo.rapport": "hr",
      "manager@demo.rapport": "manager",
      "report@demo.rapport": null,
      "other.manager@demo.rapport": "manager",
    });
    expect(DEMO_LOGINS.map((l) => l.email).sort()).toEqual(Object.keys(roles).sort());
    expect(await verifyPassword(DEMO_PASSWORD, found[0]!.password_hash)).toBe(true);
  });

  it("gives manager@ six or more direct reports including report@, in a line separate from other.manager@", async () => {
    const manager = await personId("manager@demo.rapport");
    const other = await personId("other.manager@demo.rapport");
    const report = await personId("report@demo.rapport");
    const direct = await rows<{ id: string }>(first, sql`select id from people where manager_id = ${manager}`);
    expect(direct.length).toBeGreaterThanOrEqual(6);
    expect(direct.map((r) => r.id)).toContain(report);
    const otherReports = await line(other);
    expect(otherReports.length).toBeGreaterThanOrEqual(1);
    expect(await line(manager)).not.toContain(other);
    expect(otherReports).not.toContain(manager);
    expect(otherReports).not.toContain(report);
  });

  it("gives report@ a full account and a next planned 1:1", async () => {
    const report = await personId("report@demo.rapport");
    const [row] = await rows<Record<string, number>>(
      first,
      sql`select
            (select count(*)::int from goals where owner_id = ${report} and status = 'active') as active_goals,
            (select count(distinct state)::int from commitments where person_id = ${report}) as commitment_states,
            (select count(*)::int from action_items where report_id = ${report} and status = 'open') as open_actions,
            (select count(*)::int from meetings where report_id = ${report} and status = 'held') as held,
            (select count(*)::int from meetings where report_id = ${report} and status = 'planned' and scheduled_at > ${NOW}) as planned,
            (select count(*)::int from risks where subject_id = ${report} and status = 'open') as open_risks`,
    );
    expect(row!.active_goals).toBeGreaterThanOrEqual(2);
    expect(row!.commitment_states).toBe(COMMITMENT_STATES.length);
    expect(row!.open_actions).toBeGreaterThanOrEqual(1);
    expect(row!.held).toBeGreaterThanOrEqual(10);
    expect(row!.planned).toBeGreaterThanOrEqual(1);
    expect(row!.open_risks).toBeGreaterThanOrEqual(1);
  });

  it("has commitments in every state", async () => {
    const states = await rows<{ state: string }>(first, sql`select distinct state from commitments`);
    expect(states.map((s) => s.state).sort()).toEqual([...COMMITMENT_STATES].sort());
  });

  it("has held 1:1s spread over at least six months, with pulses answered after them", async () => {
    const [row] = await rows<{ months: number; late_pulses: number; pulses: number }>(
      first,
      sql`select
            (select count(distinct to_char(held_at, 'YYYY-MM'))::int from meetings where status = 'held') as months,
            (select count(*)::int from pulses) as pulses,
            (select count(*)::int from pulses p join meetings m on m.id = p.meeting_id
              where m.status <> 'held' or p.created_at <= m.held_at or p.respondent_id <> m.report_id) as late_pulses`,
    );
    expect(row!.months).toBeGreaterThanOrEqual(6);
    expect(row!.pulses).toBeGreaterThan(100);
    expect(row!.late_pulses).toBe(0);
  });

  it("is deterministic: the same seed and now give the same people, ids and row counts", async () => {
    second = await openDatabase();
    await migrateDatabase(second);
    const again = await seedDemoOrganisation(second.db, NOW);
    expect(again.rows).toEqual(summary.rows);
    const people = (h: DatabaseHandle) =>
      rows<{ id: string; email: string }>(h, sql`select id, email from people order by email`);
    expect(await people(second)).toEqual(await people(first));
    expect(await counts(second)).toEqual(await counts(first));
    expect(await counts(first)).toEqual(summary.rows);
  }, 60_000);
});
