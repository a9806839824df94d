import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { DatabaseHandle } from "#db/client";
import { meetings, pulses, reportingLines } from "#db/schema";
import { addMonths, monthOf } from "~/domain/trends";
import { useDatabaseForTests } from "~/services/db.server";
import { createPerson, createTeam } from "#tests/setup/db-builders";
import { loaderArgs, statusOf } from "#tests/setup/requests";
import { createTestDatabase } from "#tests/setup/test-database";
import * as lineCsv from "./my-team.trends[.]csv";
import * as linePage from "./my-team.trends";
import * as trendsCsv from "./trends[.]csv";
import * as trendsPage from "./trends";

let handle: DatabaseHandle;
const id: Record<string, string> = {};
const names: string[] = [];
const lastMonth = addMonths(monthOf(new Date()), -1);

async function person(name: string, values: Parameters<typeof createPerson>[1] = {}) {
  const p = await createPerson(handle.db, { name, ...values });
  names.push(p.name, p.email);
  return p.id;
}

async function answer(reportId: string, managerId: string, teamId: string | null, understood: number) {
  const when = new Date(`${lastMonth}-10T10:00:00Z`);
  const [m] = await handle.db
    .insert(meetings)
    .values({ managerId, reportId, scheduledAt: when, status: "held", heldAt: when })
    .returning({ id: meetings.id });
  await handle.db.insert(pulses).values({
    meetingId: m!.id,
    respondentId: reportId,
    teamId,
    understood,
    progressing: 3,
    overloaded: 3,
    enps: 7,
    answeredAt: when,
  });
}

beforeAll(async () => {
  handle = await createTestDatabase();
  useDatabaseForTests(handle);
  const db = handle.db;
  id.hr = await person("Hana Hr", { roles: ["hr"] });
  id.admin = await person("Adam Admin", { roles: ["admin"] });
  id.manager = await person("Mo Manager");
  id.hrManager = await person("Hal HrLead", { roles: ["hr"] });
  id.alpha = (await createTeam(db, { name: "Alpha" })).id;
  id.duo = (await createTeam(db, { name: "Duo" })).id;
  for (let i = 0; i < 6; i++) {
    const r = await person(`Alpha Person ${i}`, { teamId: id.alpha, managerId: id.manager });
    if (i === 0) id.report = r;
    await answer(r, id.manager, id.alpha, 4);
  }
  for (let i = 0; i < 2; i++) {
    const r = await person(`Duo Person ${i}`, { teamId: id.duo, managerId: id.hrManager });
    await answer(r, id.hrManager, id.duo, 1);
  }
  // A nested team big enough to show, with nobody answering: HR can pick it from the start.
  id.group = (await createTeam(db, { name: "Group" })).id;
  id.nested = (await createTeam(db, { name: "Nested Crew", parentTeamId: id.group })).id;
  for (let i = 0; i < 5; i++) await person(`Nested Person ${i}`, { teamId: id.nested });
  // The lines began long before the answers (the builder starts them today).
  await db.update(reportingLines).set({ startedAt: new Date("2020-01-01T00:00:00Z") });
});
afterAll(() => handle.close());

const who = (key: string | null) => (key ? id[key]! : null);

describe("the HR page and its CSV: HR only", () => {
  test.each([
    ["hr", 200],
    ["hrManager", 200],
    ["manager", 403],
    ["report", 403],
    ["admin", 403],
    [null, 302],
  ])("/trends for %s -> %i", async (viewer, status) => {
    expect(await statusOf(async () => trendsPage.loader(await loaderArgs(who(viewer), "/trends")))).toBe(status);
    expect(await statusOf(async () => trendsCsv.loader(await loaderArgs(who(viewer), "/trends.csv")))).toBe(status);
  });

  test("the loader's data: the organisation shows, the team of two is folded and its sibling hidden, nobody is named", async () => {
    const { view } = await trendsPage.loader(await loaderArgs(id.hr!, "/trends"));
    expect(view.filters.to).toBe(lastMonth);
    const alpha = view.teams.rows.find((r) => r.id === id.alpha)!;
    const duo = view.teams.rows.find((r) => r.id === id.duo)!;
    // The organisation is Alpha plus Duo: shown, Alpha would give Duo by subtraction, so Alpha hides.
    expect(view.teams.rows[0]!.cells.understood).toMatchObject({ state: "shown", value: 3.3, people: 8 });
    expect(alpha.cells.understood).toEqual({ state: "suppressed", reason: "complementary" });
    expect(duo).toMatchObject({ folded: true, cells: { understood: { state: "suppressed", reason: "folded" } } });
    const json = JSON.stringify(view);
    for (const n of names) expect(json).not.toContain(n);
  });

  test("a filter on the team of two, or an unknown team, gives nothing away", async () => {
    const { view } = await trendsPage.loader(
      await loaderArgs(id.hr!, `/trends?team=${id.duo}&from=${lastMonth}&to=${lastMonth}`),
    );
    expect(view.series).toEqual([{ month: lastMonth, cell: { state: "suppressed", reason: "folded" } }]);
    expect(
      await statusOf(async () =>
        trendsPage.loader(await loaderArgs(id.hr!, "/trends?team=00000000-0000-4000-8000-000000000000")),
      ),
    ).toBe(404);
    // Nonsense parameters fall back to the defaults rather than failing.
    expect(
      await statusOf(async () =>
        trendsPage.loader(await loaderArgs(id.hr!, "/trends?team=x&from=13&to=2026-99&question=salary")),
      ),
    ).toBe(200);
  });

  test("the CSV is a download of the same cells, with the marks", async () => {
    const response = (await trendsCsv.loader(await loaderArgs(id.hr!, "/trends"))) as Response;
    expect(response.headers.get("Content-Type")).toMatch(/^text\/csv/);
    expect(response.headers.get("Content-Disposition")).toMatch(
      /^attachment; filename="engagement-trends-whole-organisation-\d{4}-\d{2}-to-\d{4}-\d{2}\.csv"$/,
    );
    const csv = await response.text();
    expect(csv).toContain("teams,Duo");
    expect(csv).toContain("suppressed: team of fewer than 5 people, counted in its parent");
    for (const n of names) expect(csv).not.toContain(n);
  });
});

describe("reading the trends: filters, range and download", () => {
  test("the team filter offers the whole tree from the start, nested teams labelled with their path", async () => {
    const { view } = await trendsPage.loader(await loaderArgs(id.hr!, "/trends"));
    expect(view.teamOptions).toContainEqual({ id: id.nested, label: "Group › Nested Crew", depth: 2 });
    expect(view.teamOptions.map((t) => t.label)).toEqual([
      "Whole organisation",
      "Alpha",
      "Group",
      "Group › Nested Crew",
    ]);
  });

  test("months are offered from the first month with data: every answer is last month's", async () => {
    const { view } = await trendsPage.loader(await loaderArgs(id.hr!, "/trends"));
    expect(view.months).toEqual([lastMonth]);
    expect(view.filters).toMatchObject({ from: lastMonth, to: lastMonth });
    const line = await linePage.loader(await loaderArgs(id.manager!, "/my-team/trends"));
    expect(line.view.months).toEqual([lastMonth]);
  });

  test("From later than To is refused with the choice kept; its CSV goes back to the page, which says why", async () => {
    // Two months with data, so the two can be chosen the wrong way round.
    const earlier = addMonths(lastMonth, -1);
    const when = new Date(`${earlier}-10T10:00:00Z`);
    const [m] = await handle.db
      .insert(meetings)
      .values({ managerId: id.manager!, reportId: id.report!, scheduledAt: when, status: "held", heldAt: when })
      .returning({ id: meetings.id });
    const query = `?team=all&from=${lastMonth}&to=${earlier}&question=understood`;
    const { view } = await trendsPage.loader(await loaderArgs(id.hr!, `/trends${query}`));
    expect(view.filters).toMatchObject({ from: lastMonth, to: earlier });
    expect(view.problem).toMatch(/“From” \(\w{3} \d{4}\) is later than “To”/);
    expect(view.series).toEqual([]);
    const csv = (await trendsCsv.loader(await loaderArgs(id.hr!, `/trends.csv${query}`))) as Response;
    expect(csv.status).toBe(302);
    expect(csv.headers.get("Location")).toBe(`/trends${query}`);
    const lineCsvReply = (await lineCsv.loader(
      await loaderArgs(id.manager!, `/my-team/trends.csv${query}`),
    )) as Response;
    expect(lineCsvReply.headers.get("Location")).toBe(`/my-team/trends${query}`);
    await handle.db.delete(meetings).where(eq(meetings.id, m!.id));
  });

  test("the CSV holds the filters it is sent, its name carries the team and range, and hidden stays hidden", async () => {
    const response = (await trendsCsv.loader(
      await loaderArgs(id.hr!, `/trends.csv?team=${id.alpha}&from=${lastMonth}&to=${lastMonth}&question=enps`),
    )) as Response;
    expect(response.headers.get("Content-Disposition")).toBe(
      `attachment; filename="engagement-trends-alpha-${lastMonth}-to-${lastMonth}.csv"`,
    );
    const csv = await response.text();
    // Alpha would give Duo away by subtraction: hidden in the file as on the page, never its number.
    expect(csv).toContain(`trend,Alpha,${lastMonth},eNPS,suppressed: would reveal a smaller group by subtraction,,`);
    expect(csv).not.toMatch(/^trend,Alpha,[^,]+,eNPS,-?\d/m);
    const nested = (await trendsCsv.loader(
      await loaderArgs(id.hr!, `/trends.csv?team=${id.nested}&question=overloaded`),
    )) as Response;
    expect(nested.headers.get("Content-Disposition")).toMatch(/filename="engagement-trends-nested-crew-/);
    expect(await nested.text()).toContain("trend,Nested Crew,");
  });
});

describe("a manager's own line", () => {
  test.each([
    ["manager", 200],
    ["report", 403],
    ["hr", 403],
    ["hrManager", 403],
    [null, 302],
  ])("/my-team/trends for %s -> %i", async (viewer, status) => {
    expect(await statusOf(async () => linePage.loader(await loaderArgs(who(viewer), "/my-team/trends")))).toBe(status);
    expect(await statusOf(async () => lineCsv.loader(await loaderArgs(who(viewer), "/my-team/trends.csv")))).toBe(
      status,
    );
  });

  test("six reports in aggregate, never one answer", async () => {
    const { view } = await linePage.loader(await loaderArgs(id.manager!, "/my-team/trends"));
    expect(view.lineSize).toBe(6);
    expect(view.table[0]).toMatchObject({
      month: lastMonth,
      cells: { understood: { state: "shown", value: 4, people: 6 } },
    });
    const json = JSON.stringify(view);
    for (const n of names) expect(json).not.toContain(n);
  });
});
