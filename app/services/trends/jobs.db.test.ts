import { afterAll, beforeAll, expect, test } from "vitest";
import type { DatabaseHandle } from "#db/client";
import { meetings, pulses, trendRollups } from "#db/schema";
import type { Viewer } from "~/auth/policies";
import { createPerson, createTeam } from "#tests/setup/db-builders";
import { createTestDatabase, testEngine } from "#tests/setup/test-database";
import { getHrTrends } from "./hr-trends.server";
import { buildMissingTrendMonths, trendMonthsJob } from "./jobs.server";
import { readTrendsFilters } from "./filters.server";

/**
 * HR's finished trend months are built in the background: the job's first run after a month closes builds
 * it, so HR's first visit reads it instead of building it, and a run with nothing missing builds nothing.
 */

const JUNE = "2026-06";
const JULY = "2026-07";
/** Five past midnight on 1 August, UTC: July has just closed. */
const AUGUST_FIRST = new Date("2026-08-01T00:05:00Z");

let handle: DatabaseHandle;
let hr: Viewer;

beforeAll(async () => {
  handle = await createTestDatabase();
  const db = handle.db;
  const h = await createPerson(db, { name: "Hal Hr", roles: ["hr"] });
  hr = { id: h.id, name: h.name, email: h.email, roles: ["hr"] };
  const boss = await createPerson(db, { name: "Bo Boss" });
  const team = await createTeam(db, { name: "Squad" });
  for (let i = 0; i < 6; i++) {
    const p = await createPerson(db, { teamId: team.id, name: `Member ${i}` });
    for (const month of [JUNE, JULY]) {
      const when = new Date(`${month}-10T10:00:00Z`);
      const [m] = await db
        .insert(meetings)
        .values({ managerId: boss.id, reportId: p.id, scheduledAt: when, status: "held", heldAt: when })
        .returning({ id: meetings.id });
      await db.insert(pulses).values({
        meetingId: m!.id,
        respondentId: p.id,
        teamId: team.id,
        understood: 4,
        progressing: 3,
        overloaded: 2,
        enps: 8,
        answeredAt: when,
      });
    }
  }
});
afterAll(() => handle.close());

const storedMonths = async () =>
  [...new Set((await handle.db.select({ month: trendRollups.month }).from(trendRollups)).map((r) => r.month))].sort();

const visit = () =>
  getHrTrends(handle.db, hr, readTrendsFilters(new URL(`http://x/trends?from=${JUNE}&to=${JULY}`)), {
    k: 5,
    skipLevelRead: true,
    now: AUGUST_FIRST,
  });

test(`the job builds the month that just closed, and HR's first visit then builds nothing (${testEngine()})`, async () => {
  // During July, June was built (by a visit or the job); July was still open.
  await buildMissingTrendMonths(handle.db, new Date("2026-07-20T12:00:00Z"));
  expect(await storedMonths()).toEqual(["2026-04", "2026-05", JUNE]);

  await trendMonthsJob.run(handle.db, AUGUST_FIRST);
  expect(await storedMonths()).toEqual(["2026-04", "2026-05", JUNE, JULY]);

  const stored = await handle.db.select().from(trendRollups);
  const before = handle.queryCount();
  const view = await visit();
  // Teams, the checklist, the stored months and the viewer's own: no pass over every answer, nothing written.
  expect(handle.queryCount() - before).toBeLessThanOrEqual(5);
  expect(await handle.db.select().from(trendRollups)).toEqual(stored);
  expect(view.series.find((s) => s.month === JULY)?.cell).toMatchObject({ state: "shown", people: 6 });
});

test(`with nothing missing a run builds nothing, in two statements (${testEngine()})`, async () => {
  const before = handle.queryCount();
  expect(await buildMissingTrendMonths(handle.db, new Date("2026-08-01T01:05:00Z"))).toEqual([]);
  expect(handle.queryCount() - before).toBe(2);
});

test(`a month a write dropped is built again by the next run (${testEngine()})`, async () => {
  await handle.db.delete(trendRollups);
  expect(await buildMissingTrendMonths(handle.db, AUGUST_FIRST)).toEqual([JULY, JUNE, "2026-05", "2026-04"]);
  expect(await storedMonths()).toEqual(["2026-04", "2026-05", JUNE, JULY]);
});

test(`a run builds at most the eight newest missing months; the next run goes on (${testEngine()})`, async () => {
  // One 1:1 held in January 2025 makes nineteen finished months, and the two months before, worth building.
  const [held] = await handle.db.select().from(meetings).limit(1);
  const when = new Date("2025-01-10T10:00:00Z");
  await handle.db.insert(meetings).values({
    managerId: held!.managerId,
    reportId: held!.reportId,
    scheduledAt: when,
    status: "held",
    heldAt: when,
  });
  await handle.db.delete(trendRollups);
  expect(await buildMissingTrendMonths(handle.db, AUGUST_FIRST)).toEqual([
    JULY,
    JUNE,
    "2026-05",
    "2026-04",
    "2026-03",
    "2026-02",
    "2026-01",
    "2025-12",
  ]);
  expect((await buildMissingTrendMonths(handle.db, AUGUST_FIRST))[0]).toBe("2025-11");
});

test("the job runs hourly, five minutes past: the first run after midnight on the 1st builds the closed month", () => {
  expect(trendMonthsJob.cron).toBe("5 * * * *");
});
