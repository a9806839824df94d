import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { eq, sql } from "drizzle-orm";
import { rowsOf, type DatabaseHandle } from "#db/client";
import { seedChecklistPoints } from "#db/migrate";
import { checklistAssessments, meetings, people, pulses, teams, trendRollups } from "#db/schema";
import type { Viewer } from "~/auth/policies";
import { createPerson, createTeam } from "#tests/setup/db-builders";
import { createTestDatabase } from "#tests/setup/test-database";
import { buildRollups } from "./rollups.server";
import { readTrendsFilters } from "./filters.server";
import { getHrTrends } from "./hr-trends.server";
import type { HrTrendsView, TrendsFilters } from "./types";

/**
 * HR's trends read finished months from stored roll-ups. They must give the
 * same cells as reading every answer, hold nothing about a person, follow
 * the past when it is written, and keep counting people in the team they
 * were in at the time.
 */

const K = 5;
const NOW = new Date("2026-07-15T12:00:00Z");
const MAY = "2026-05";
const JUNE = "2026-06";
const options = { k: K, skipLevelRead: true, now: NOW };
const at = (month: string, day: number) => new Date(`${month}-${String(day).padStart(2, "0")}T10:00:00Z`);

let handle: DatabaseHandle;
let hr: Viewer;
let boss: Viewer;
let squad: string;
let guild: string;
let platform: string;
const squadPeople: { id: string; name: string }[] = [];
const secrets = ["private rating words"];

async function answer(personId: string, teamId: string, when: Date, understood: number) {
  const [m] = await handle.db
    .insert(meetings)
    .values({ managerId: boss.id, reportId: personId, scheduledAt: when, status: "held", heldAt: when })
    .returning({ id: meetings.id });
  await handle.db.insert(pulses).values({
    meetingId: m!.id,
    respondentId: personId,
    teamId,
    understood,
    progressing: 3,
    overloaded: 2,
    enps: 8,
    answeredAt: when,
  });
}

const rate = (subjectId: string, pointKey: number, rating: number, when: Date) =>
  handle.db.insert(checklistAssessments).values({
    subjectId,
    assessorId: boss.id,
    perspective: "manager",
    pointKey,
    rating,
    note: secrets[0]!,
    createdAt: when,
  });

beforeAll(async () => {
  handle = await createTestDatabase();
  const db = handle.db;
  const h = await createPerson(db, { name: "Hal Hr", roles: ["hr"] });
  hr = { id: h.id, name: h.name, email: h.email, roles: ["hr"] };
  const b = await createPerson(db, { name: "Bo Boss" });
  boss = { id: b.id, name: b.name, email: b.email, roles: ["manager", "hr"] };
  platform = (await createTeam(db, { name: "Platform" })).id;
  squad = (await createTeam(db, { name: "Squad", parentTeamId: platform })).id;
  guild = (await createTeam(db, { name: "Guild", parentTeamId: platform })).id;
  for (let i = 0; i < 6; i++) {
    const p = await createPerson(db, { teamId: squad, name: `Squad Member ${i}` });
    squadPeople.push(p);
    await answer(p.id, squad, at(MAY, 5), 4);
    await answer(p.id, squad, at(JUNE, 5), 3);
    await rate(p.id, 6, 4, at(JUNE, 6));
  }
  for (let i = 0; i < 6; i++) {
    const p = await createPerson(db, { teamId: guild, name: `Guild Member ${i}` });
    // Not all alike: a team whose every answer is 5 would be hidden (ADR 012 rule 10).
    await answer(p.id, guild, at(JUNE, 7), 4 + (i % 2));
    await rate(p.id, 6, 2, at(JUNE, 8));
  }
  // Two of the squad report to Bo, who is HR too: Bo can read their ratings one by one.
  for (const p of squadPeople.slice(0, 2))
    await db.update(people).set({ managerId: boss.id }).where(eq(people.id, p.id));
});
afterAll(() => handle.close());
beforeEach(() => handle.db.delete(trendRollups));

const filters = (over: Partial<TrendsFilters> = {}): TrendsFilters => ({
  ...readTrendsFilters(new URL(`http://x/trends?from=${MAY}&to=${JUNE}`)),
  from: MAY,
  to: JUNE,
  ...over,
});
const load = (viewer = hr, over: Partial<TrendsFilters> = {}) => getHrTrends(handle.db, viewer, filters(over), options);
const storedMonths = async () =>
  [...new Set((await handle.db.select({ month: trendRollups.month }).from(trendRollups)).map((r) => r.month))].sort();
const cellOf = (view: HrTrendsView, teamId: string, measure: "understood" | "response") =>
  view.teams.rows.find((r) => r.id === teamId)!.cells[measure];
const lensOf = (view: HrTrendsView, teamId: string) => view.lenses.rows.find((r) => r.id === teamId)!.cells.overload;

describe("trend roll-ups", () => {
  test("the first view stores the finished months it read; the next reads them and shows the same cells", async () => {
    const first = await load(hr, { team: platform });
    expect(new Set(await storedMonths())).toEqual(new Set(["2026-03", "2026-04", MAY, JUNE]));
    const before = handle.queryCount();
    const second = await load(hr, { team: platform });
    expect(second).toEqual(first);
    // Teams, the checklist, the stored months and the viewer's own: no pass over every answer.
    expect(handle.queryCount() - before).toBeLessThanOrEqual(5);
    expect(cellOf(second, squad, "understood")).toMatchObject({ state: "shown", value: 3, people: 6 });
  });

  test("months built one at a time give the same cells as months built together", async () => {
    const together = await load(hr, { team: platform });
    await handle.db.delete(trendRollups);
    for (const month of ["2026-03", "2026-04", MAY, JUNE]) await buildRollups(handle.db, [month]);
    expect(await load(hr, { team: platform })).toEqual(together);
  });

  test("a stored month holds counts and sums only: no person's id, name or words", async () => {
    await load(hr, { team: platform });
    const stored = JSON.stringify(await handle.db.select().from(trendRollups));
    const everyone = await handle.db.select({ id: people.id, name: people.name, email: people.email }).from(people);
    for (const p of everyone) {
      expect(stored).not.toContain(p.id);
      expect(stored).not.toContain(p.name);
      expect(stored).not.toContain(p.email);
    }
    for (const words of secrets) expect(stored).not.toContain(words);
  });

  test("an answer written into a finished month drops that month and the next, and the view follows it", async () => {
    await load(hr, { team: platform });
    await handle.db.insert(teams).values({ name: "Unrelated" }); // a new team changes nothing stored
    expect(new Set(await storedMonths())).toEqual(new Set(["2026-03", "2026-04", MAY, JUNE]));
    const late = await createPerson(handle.db, { teamId: guild, name: "Late Answer" });
    await answer(late.id, guild, at(MAY, 20), 1);
    expect(new Set(await storedMonths())).toEqual(new Set(["2026-03", "2026-04"]));
    const view = await load(hr, { team: platform, from: MAY, to: MAY });
    expect(view.series[0]!.cell).toMatchObject({ state: "shown", people: 7 });
    await handle.db.delete(pulses).where(eq(pulses.respondentId, late.id));
    await handle.db.delete(meetings).where(eq(meetings.reportId, late.id));
    await handle.db.delete(people).where(eq(people.id, late.id));
  });

  test("writing in the current month leaves finished months alone", async () => {
    await load(hr, { team: platform });
    const p = squadPeople[0]!;
    const [m] = await handle.db
      .insert(meetings)
      .values({ managerId: boss.id, reportId: p.id, scheduledAt: new Date(), status: "planned" })
      .returning();
    await handle.db.update(meetings).set({ status: "held", heldAt: new Date() }).where(eq(meetings.id, m!.id));
    await rate(p.id, 7, 3, new Date());
    expect(new Set(await storedMonths())).toEqual(new Set(["2026-03", "2026-04", MAY, JUNE]));
    await handle.db.delete(checklistAssessments).where(eq(checklistAssessments.pointKey, 7));
    await handle.db.delete(meetings).where(eq(meetings.id, m!.id));
  });

  test("moving a team drops every month (points are broken down by top-level team); the checklist upsert at start does not", async () => {
    await load(hr, { team: platform });
    await seedChecklistPoints(handle);
    expect(await storedMonths()).toHaveLength(4);
    await handle.db.update(teams).set({ name: "Guild renamed" }).where(eq(teams.id, guild));
    expect(await storedMonths()).toHaveLength(4);
    await handle.db.update(teams).set({ parentTeamId: null }).where(eq(teams.id, guild));
    expect(await storedMonths()).toHaveLength(0);
    await handle.db.update(teams).set({ parentTeamId: platform, name: "Guild" }).where(eq(teams.id, guild));
  });

  test("1:1s and ratings keep the team the person was in at the time", async () => {
    const mover = squadPeople[5]!;
    const [meeting] = await handle.db
      .select({ teamId: meetings.teamId })
      .from(meetings)
      .where(eq(meetings.reportId, mover.id))
      .limit(1);
    const [rating] = await handle.db
      .select({ teamId: checklistAssessments.teamId })
      .from(checklistAssessments)
      .where(eq(checklistAssessments.subjectId, mover.id));
    expect(meeting!.teamId).toBe(squad);
    expect(rating!.teamId).toBe(squad);

    const before = await load(hr, { team: platform });
    await handle.db.update(people).set({ teamId: guild }).where(eq(people.id, mover.id));
    await handle.db.delete(trendRollups);
    const after = await load(hr, { team: platform });
    expect(lensOf(after, squad)).toEqual(lensOf(before, squad));
    expect(cellOf(after, squad, "response")).toEqual(cellOf(before, squad, "response"));
    await handle.db.update(people).set({ teamId: squad }).where(eq(people.id, mover.id));
  });

  test("the viewer's own knowledge is counted per viewer, not stored: shared months, different decisions", async () => {
    // Squad's June ratings: 6 people. HR knows none of them; Bo reads two one by one, leaving 4 < k unknown.
    const hrView = await load(hr, { team: platform });
    expect(lensOf(hrView, squad)).toMatchObject({ state: "shown", people: 6 });
    const stored = await storedMonths();
    const bossView = await load(boss, { team: platform });
    expect(await storedMonths()).toEqual(stored);
    expect(lensOf(bossView, squad).state).toBe("suppressed");
  });

  test("HR's page at a month with no stored roll-up builds only what is missing", async () => {
    await buildRollups(handle.db, [MAY]);
    const [{ built }] = rowsOf<{ built: string }>(
      await handle.db.execute(sql`select min(built_at)::text as built from trend_rollups where month = ${MAY}`),
    ) as [{ built: string }];
    await load(hr, { team: platform });
    const [{ again }] = rowsOf<{ again: string }>(
      await handle.db.execute(sql`select min(built_at)::text as again from trend_rollups where month = ${MAY}`),
    ) as [{ again: string }];
    expect(again).toBe(built);
    expect(new Set(await storedMonths())).toEqual(new Set(["2026-03", "2026-04", MAY, JUNE]));
  });
});
