import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { eq } from "drizzle-orm";
import type { DatabaseHandle } from "#db/client";
import { checklistAssessments, meetings, people, pulses, reportingLines } from "#db/schema";
import type { Viewer } from "~/auth/policies";
import type { Published } from "~/domain/anonymity";
import { ORGANISATION_ID } from "~/domain/trends";
import { createPerson, createTeam } from "#tests/setup/db-builders";
import { createTestDatabase } from "#tests/setup/test-database";
import { forgetTrends } from "./cache.server";
import { hrTrendsCsv, lineTrendsCsv } from "./csv.server";
import { readTrendsFilters } from "./filters.server";
import { getHrTrends } from "./hr-trends.server";
import { getLineTrends } from "./line-trends.server";
import { hrTrendsPage, lineTrendsPage } from "./page.server";
import type { HrTrendsView, TrendsFilters } from "./types";

/**
 * Organisations built to break anonymity: a team of 4, siblings of 5 and 4
 * under a parent of 9, a person joining a team of 5, a team of one a filter
 * can single out. No page, export or loader may give away one person's answer.
 */

const K = 5;
const NOW = new Date("2026-07-15T12:00:00Z");
const MAY = "2026-05";
const JUNE = "2026-06";
const options = { k: K, skipLevelRead: true, now: NOW };

let handle: DatabaseHandle;
let hr: Viewer;
let boss: Viewer;
const team = {} as Record<"tiny" | "platform" | "core" | "edge" | "growth" | "solo" | "support", string>;
const names: string[] = [];
const emails: string[] = [];

const at = (month: string, day: number) => new Date(`${month}-${String(day).padStart(2, "0")}T10:00:00Z`);

/** A person in `teamId`, reporting to `managerId` since January (a line with history). */
async function member(teamId: string | null, managerId: string, name?: string) {
  const p = await createPerson(handle.db, { teamId, name });
  await handle.db.update(people).set({ managerId }).where(eq(people.id, p.id));
  await handle.db
    .insert(reportingLines)
    .values({ personId: p.id, managerId, startedAt: new Date("2026-01-01T00:00:00Z") });
  names.push(p.name);
  emails.push(p.email);
  return p;
}

/** A held 1:1 and the pulse answered after it, counted in the team the person was in at the time. */
async function answer(
  person: { id: string },
  managerId: string,
  teamId: string | null,
  when: Date,
  understood: number,
  enps = 8,
) {
  const [m] = await handle.db
    .insert(meetings)
    .values({ managerId, reportId: person.id, scheduledAt: when, status: "held", heldAt: when })
    .returning({ id: meetings.id });
  await handle.db.insert(pulses).values({
    meetingId: m!.id,
    respondentId: person.id,
    teamId,
    understood,
    progressing: 3,
    overloaded: 2,
    enps,
    answeredAt: new Date(when.getTime() + 3_600_000),
  });
}

async function rate(subjectId: string, assessorId: string, pointKey: number, rating: number, when: Date) {
  await handle.db.insert(checklistAssessments).values({
    subjectId,
    assessorId,
    perspective: "manager",
    pointKey,
    rating,
    note: "private words",
    createdAt: when,
  });
}

beforeAll(async () => {
  handle = await createTestDatabase();
  const db = handle.db;
  const hrPerson = await createPerson(db, { name: "Hana Hr", roles: ["hr"] });
  hr = { id: hrPerson.id, name: hrPerson.name, email: hrPerson.email, roles: ["hr"] };
  const bossPerson = await createPerson(db, { name: "Bea Boss" });
  boss = { id: bossPerson.id, name: bossPerson.name, email: bossPerson.email, roles: ["manager"] };

  team.tiny = (await createTeam(db, { name: "Tiny" })).id;
  team.platform = (await createTeam(db, { name: "Platform" })).id;
  team.core = (await createTeam(db, { name: "Core", parentTeamId: team.platform })).id;
  team.edge = (await createTeam(db, { name: "Edge", parentTeamId: team.platform })).id;
  team.growth = (await createTeam(db, { name: "Growth" })).id;
  team.solo = (await createTeam(db, { name: "Solo" })).id;
  team.support = (await createTeam(db, { name: "Support" })).id;

  // A team of 4, each with an answer nobody else gives.
  for (let i = 0; i < 4; i++) {
    const p = await member(team.tiny, boss.id);
    await answer(p, boss.id, team.tiny, at(JUNE, 3 + i), 1, 0);
  }
  // Siblings of 5 and 4 under a parent of 9.
  for (let i = 0; i < 5; i++) await answer(await member(team.core, boss.id), boss.id, team.core, at(JUNE, 4), 4);
  for (let i = 0; i < 4; i++) await answer(await member(team.edge, boss.id), boss.id, team.edge, at(JUNE, 5), 2);
  // A team of 5 answering in May and June; a sixth joins in June with an answer of their own.
  const growth = [];
  for (let i = 0; i < 5; i++) growth.push(await member(team.growth, boss.id));
  for (const p of growth) {
    await answer(p, boss.id, team.growth, at(MAY, 6), 4);
    await answer(p, boss.id, team.growth, at(JUNE, 6), 4);
  }
  const newcomer = await member(team.growth, boss.id, "Nia Newcomer");
  await answer(newcomer, boss.id, team.growth, at(JUNE, 20), 1, 0);
  // A team of one.
  const solo = await member(team.solo, boss.id, "Sol Alone");
  await answer(solo, boss.id, team.solo, at(JUNE, 7), 5, 10);
  // A big team, with checklist ratings.
  for (let i = 0; i < 12; i++) {
    const p = await member(team.support, boss.id);
    await answer(p, boss.id, team.support, at(MAY, 8), 3);
    await answer(p, boss.id, team.support, at(JUNE, 8), 3);
    await rate(p.id, boss.id, 6, 4, at(JUNE, 9));
    await rate(p.id, boss.id, 7, 3, at(JUNE, 9));
  }
  // Two of Tiny rated on point 6: a point cell of two.
  const [t1] = await db.select({ id: people.id }).from(people).where(eq(people.teamId, team.tiny)).limit(1);
  await rate(t1!.id, boss.id, 6, 1, at(JUNE, 10));
});
afterAll(() => handle.close());

const filters = (over: Partial<TrendsFilters> = {}): TrendsFilters => ({
  ...readTrendsFilters(new URL(`http://x/trends?from=${MAY}&to=${JUNE}`)),
  from: MAY,
  to: JUNE,
  ...over,
});
const load = (over: Partial<TrendsFilters> = {}) => getHrTrends(handle.db, hr, filters(over), options);
const row = (view: HrTrendsView, id: string) => view.teams.rows.find((r) => r.id === id)!;

/** Every published cell of a view, wherever it sits. */
function allCells(view: HrTrendsView): Published[] {
  return [
    ...view.series.map((s) => s.cell),
    ...view.teams.rows.flatMap((r) => Object.values(r.cells)),
    ...view.lenses.rows.flatMap((r) => Object.values(r.cells)),
    ...view.points.rows.map((p) => p.cell),
  ];
}

/** The checks every view must pass: k people behind every number, and nothing that names anyone. */
function expectAnonymous(view: HrTrendsView) {
  for (const cell of allCells(view)) if (cell.state === "shown") expect(cell.people).toBeGreaterThanOrEqual(K);
  // What a shown team holds beyond its shown children is nobody, or k people.
  const [parent, ...children] = view.teams.rows;
  for (const m of ["understood", "response"] as const) {
    const p = parent!.cells[m];
    if (p.state !== "shown") continue;
    const rest =
      p.people -
      children.reduce(
        (sum, c) => sum + (c.cells[m].state === "shown" ? (c.cells[m] as { people: number }).people : 0),
        0,
      );
    expect(rest === 0 || rest >= K).toBe(true);
  }
  const text = JSON.stringify(view) + hrTrendsCsv(view);
  for (const n of [...names, ...emails, hr.name, boss.name]) expect(text).not.toContain(n);
  expect(text).not.toContain("private words");
}

describe("HR trends by team", () => {
  test("the organisation shows, with everyone counted; the team of 4 is folded into it", async () => {
    const view = await load();
    expectAnonymous(view);
    const org = row(view, ORGANISATION_ID);
    expect(org.cells.understood).toMatchObject({ state: "shown", people: 4 + 9 + 6 + 1 + 12 });
    expect(row(view, team.tiny)).toMatchObject({
      folded: true,
      canOpen: false,
      cells: { understood: { state: "suppressed", reason: "folded" } },
    });
    expect(row(view, team.solo).cells.enps).toEqual({ state: "suppressed", reason: "folded" });
    // Tiny and Solo together are five people the organisation holds beyond the shown teams... unless more is hidden.
    const shown = view.teams.rows.filter((r) => r.id !== ORGANISATION_ID && r.cells.understood.state === "shown");
    const hidden = view.teams.rows.filter((r) => r.id !== ORGANISATION_ID && r.cells.understood.state === "suppressed");
    expect(hidden.map((r) => r.name)).toEqual(expect.arrayContaining(["Solo", "Tiny"]));
    expect(shown.length).toBeGreaterThan(0);
  });

  test("siblings of 5 and 4 under a parent of 9: only the parent shows", async () => {
    const view = await load({ team: team.platform });
    expectAnonymous(view);
    expect(row(view, team.platform).cells.understood).toMatchObject({ state: "shown", value: 3.1, people: 9 });
    expect(row(view, team.core).cells.understood).toEqual({ state: "suppressed", reason: "complementary" });
    expect(row(view, team.edge).cells.understood).toEqual({ state: "suppressed", reason: "folded" });
    expect(view.team.path.map((p) => p.name)).toEqual(["Whole organisation", "Platform"]);
  });

  test("a person joining a team of 5: May shows, June does not (May and June would give the newcomer's answer)", async () => {
    const view = await load({ team: team.growth });
    expectAnonymous(view);
    expect(view.series).toEqual([
      { month: MAY, cell: { state: "shown", value: 4, people: 5, change: { state: "none" } } },
      { month: JUNE, cell: { state: "suppressed", reason: "changed" } },
    ]);
    expect(hrTrendsCsv(view)).toContain("suppressed: fewer than 5 people joined or left since an earlier month");
    expect(hrTrendsCsv(view)).not.toContain("3.5");
  });

  test("a filter that isolates one person shows nothing of theirs", async () => {
    for (const question of ["understood", "enps", "response", "overload"] as const) {
      const view = await load({ team: team.solo, question, from: JUNE, to: JUNE });
      expectAnonymous(view);
      expect(view.series.map((s) => s.cell.state)).toEqual(["suppressed"]);
      expect(view.teams.rows.map((r) => r.cells.understood)).toEqual([{ state: "suppressed", reason: "folded" }]);
      expect(view.points.team.id).toBe(team.solo);
      expect(view.points.rows.every((p) => p.cell.state !== "shown")).toBe(true);
    }
  });

  test("the same cell is the same whatever the filters: no two views can be subtracted", async () => {
    const wide = await load({ from: "2026-01", to: JUNE });
    const narrow = await load({ from: JUNE, to: JUNE });
    const platform = await load({ team: team.platform, question: "enps" });
    expect(wide.teams).toEqual(narrow.teams);
    expect(wide.series.at(-1)).toEqual(narrow.series.at(-1));
    expect(platform.teams.rows[0]!.cells).toEqual(row(wide, team.platform).cells);
  });

  test("checklist: the organisation's lens is Support's twelve plus one rating in Tiny, so Support hides", async () => {
    const view = await load();
    expectAnonymous(view);
    const lens = (id: string) => view.lenses.rows.find((r) => r.id === id)!.cells.overload;
    expect(lens(ORGANISATION_ID)).toMatchObject({ state: "shown", people: 13 });
    // Shown, Support would give Tiny's one rating by subtraction.
    expect(lens(team.support)).toEqual({ state: "suppressed", reason: "complementary" });
    expect(lens(team.tiny)).toEqual({ state: "suppressed", reason: "folded" });
    // The organisation's point 7 would be exactly Support's (hidden) point 7: the lens's points hide together.
    expect(view.points.rows.filter((p) => p.lens === "overload").map((p) => p.cell)).toEqual([
      { state: "suppressed", reason: "complementary" },
      { state: "suppressed", reason: "complementary" },
    ]);
    const support = await load({ team: team.support });
    expect(support.points.rows.filter((p) => p.lens === "overload").map((p) => p.cell)).toEqual([
      { state: "suppressed", reason: "complementary" },
      { state: "suppressed", reason: "complementary" },
    ]);
  });

  test("the CSV has exactly the page's cells, marks included, and no numbers behind a mark", async () => {
    const view = await load({ team: team.platform });
    const csv = hrTrendsCsv(view);
    const lines = csv.trim().split("\r\n");
    expect(lines[0]).toBe("section,team,month,measure,value,people,change_from_previous_month");
    expect(lines.length - 1).toBe(allCells(view).length);
    expect(csv).toContain("suppressed: team of fewer than 5 people, counted in its parent");
    expect(csv).toContain("suppressed: would reveal a smaller group by subtraction");
    expect(hrTrendsCsv(await load({ team: team.solo, from: JUNE, to: JUNE }))).toContain(
      "suppressed: team of fewer than 5 people",
    );
    for (const line of lines.filter((l) => l.includes("suppressed"))) expect(line).toMatch(/,"?suppressed: [^"]+"?,,$/);
  });

  test("eNPS and response rate per team: answered held 1:1s over held 1:1s", async () => {
    const supportPeople = await handle.db.select({ id: people.id }).from(people).where(eq(people.teamId, team.support));
    for (const p of supportPeople) {
      const when = at(JUNE, 22);
      await handle.db
        .insert(meetings)
        .values({ managerId: boss.id, reportId: p.id, scheduledAt: when, status: "held", heldAt: when });
    }
    const view = await load();
    expectAnonymous(view);
    expect(row(view, team.support).cells.response).toMatchObject({
      state: "shown",
      value: 50,
      people: 12,
      change: { state: "delta", value: -50 },
    });
    expect(row(view, team.support).cells.enps).toMatchObject({ state: "shown", value: 0 });
    // Growth's June is hidden: one person joined since May (ADR 012 rule 9).
    expect(row(view, team.growth).cells.enps).toEqual({ state: "suppressed", reason: "changed" });
  });

  test("the threshold is configurable, and 3 is the floor", async () => {
    const three = await getHrTrends(handle.db, hr, filters({ team: team.platform }), { ...options, k: 3 });
    expect(three.teams.rows.find((r) => r.id === team.edge)!.cells.understood).toMatchObject({
      state: "shown",
      people: 4,
    });
    await expect(getHrTrends(handle.db, hr, filters(), { ...options, k: 2 })).rejects.toThrow(/below 3/);
  });

  test("an answer of HR's own does not count towards the five", async () => {
    const insider = await member(team.growth, boss.id, "Ida Insider");
    await handle.db.update(people).set({ active: false }).where(eq(people.id, insider.id));
    const viewer: Viewer = { id: insider.id, name: insider.name, email: insider.email, roles: ["hr"] };
    const before = await getHrTrends(handle.db, viewer, filters({ team: team.growth }), options);
    expect(before.series[0]!.cell.state).toBe("shown");
    await answer(insider, boss.id, team.growth, at(MAY, 25), 5);
    // May: the five of Growth plus the viewer; without the viewer, five others: still shown, and the same people count.
    const after = await getHrTrends(handle.db, viewer, filters({ team: team.growth }), options);
    expect(after.series[0]!.cell).toMatchObject({ state: "shown", people: 6 });
    await handle.db.delete(pulses).where(eq(pulses.respondentId, insider.id));
  });
});

describe("a manager's own line", () => {
  test("one group under the same rule; history follows who was in the line at the time", async () => {
    const view = await getLineTrends(handle.db, boss, filters(), options);
    expect(view.lineSize).toBeGreaterThanOrEqual(30);
    const june = view.table.find((r) => r.month === JUNE)!;
    expect(june.cells.understood).toMatchObject({ state: "shown", people: 4 + 9 + 6 + 1 + 12 });
    expect(june.cells.overload).toMatchObject({ state: "shown", people: 13 });
    const csv = lineTrendsCsv(view);
    for (const n of names) expect(csv).not.toContain(n);
    for (const row of view.table)
      for (const cell of Object.values(row.cells))
        if (cell.state === "shown") expect(cell.people).toBeGreaterThanOrEqual(K);
  });

  test("a small line shows nothing; a newcomer brings no answers from before they joined", async () => {
    const lead = await createPerson(handle.db, { name: "Lee Lead" });
    const leadViewer: Viewer = { id: lead.id, name: lead.name, email: lead.email, roles: ["manager"] };
    const crew = [];
    for (let i = 0; i < 4; i++) crew.push(await member(null, lead.id));
    for (const p of crew) await answer(p, lead.id, null, at(JUNE, 11), 4);
    let view = await getLineTrends(handle.db, leadViewer, filters(), options);
    expect(view.table.find((r) => r.month === JUNE)!.cells.understood).toEqual({
      state: "suppressed",
      reason: "too-few",
    });

    // A fifth joins the line in June, with a May answer given under someone else.
    const joiner = await createPerson(handle.db, { name: "Jo Joiner" });
    await handle.db.insert(reportingLines).values({
      personId: joiner.id,
      managerId: boss.id,
      startedAt: new Date("2026-01-01T00:00:00Z"),
      endedAt: at(JUNE, 1),
    });
    await handle.db.insert(reportingLines).values({ personId: joiner.id, managerId: lead.id, startedAt: at(JUNE, 1) });
    await handle.db.update(people).set({ managerId: lead.id }).where(eq(people.id, joiner.id));
    await answer(joiner, boss.id, null, at(MAY, 12), 1);
    await answer(joiner, lead.id, null, at(JUNE, 12), 4);
    view = await getLineTrends(handle.db, leadViewer, filters(), options);
    expect(view.table.find((r) => r.month === JUNE)!.cells.understood).toMatchObject({
      state: "shown",
      value: 4,
      people: 5,
    });
    expect(view.table.find((r) => r.month === MAY)!.cells.understood).toEqual({ state: "empty" });
  });
});

describe("a page and its CSV read one view", () => {
  test("the URL's filters, read once: the view the service gives for them, null for a team that does not exist", async () => {
    const url = new URL(
      `http://x/trends.csv?team=${team.platform.toUpperCase()}&from=${MAY}&to=${JUNE}&question=overload`,
    );
    expect(await hrTrendsPage(handle.db, hr, url, options)).toEqual(
      await load({ team: team.platform, question: "overload" }),
    );
    // From after To: refused, not swapped; the choice is kept for the form and nothing is read or shown.
    const reversed = await hrTrendsPage(
      handle.db,
      hr,
      new URL(`http://x/trends?team=${team.platform}&from=${JUNE}&to=${MAY}`),
      options,
    );
    expect(reversed).toMatchObject({ filters: { from: JUNE, to: MAY }, series: [], teams: { rows: [] } });
    expect(reversed!.problem).toMatch(/later than/);
    expect(
      await hrTrendsPage(handle.db, hr, new URL("http://x/trends?team=00000000-0000-4000-8000-000000000000"), options),
    ).toBeNull();
    const line = await lineTrendsPage(
      handle.db,
      boss,
      new URL(`http://x/my-team/trends?from=${MAY}&to=${JUNE}`),
      options,
    );
    expect(line).toEqual(await getLineTrends(handle.db, boss, filters(), options));
  });
});

describe("the loader stays a handful of queries", () => {
  test("once its months are stored, HR's view is a few statements (teams, checklist, stored months, the viewer's own), whatever the size", async () => {
    await load();
    const before = handle.queryCount();
    await load({ team: team.platform, question: "overload" });
    expect(handle.queryCount() - before).toBeLessThanOrEqual(4);
  });

  test("a viewer's finished months are remembered for a while: paging filters reads only the team list", async () => {
    const memo = { ...options, memoSeconds: 60 };
    const first = await getHrTrends(handle.db, hr, filters(), memo);
    const before = handle.queryCount();
    const again = await getHrTrends(handle.db, hr, filters({ team: team.platform }), memo);
    expect(handle.queryCount() - before).toBe(1);
    expect(again.teams.rows[0]!.cells).toEqual(first.teams.rows.find((r) => r.id === team.platform)!.cells);
    // Another viewer does not share them: their own answers count differently.
    const other = await createPerson(handle.db, { name: "Olga Other", roles: ["hr"] });
    const mid = handle.queryCount();
    await getHrTrends(
      handle.db,
      { id: other.id, name: other.name, email: other.email, roles: ["hr"] },
      filters(),
      memo,
    );
    expect(handle.queryCount() - mid).toBeGreaterThan(1);
    forgetTrends(handle.db);
    const cold = handle.queryCount();
    await getHrTrends(handle.db, hr, filters(), memo);
    expect(handle.queryCount() - cold).toBeGreaterThan(1);
  });
});
