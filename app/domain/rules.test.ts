import { describe, expect, test } from "vitest";
import { cadenceStatus, planMeetingTimes } from "./cadence";
import {
  checklistHealth,
  lensLabel,
  pointStandings,
  ratingChoiceLabel,
  RATINGS,
  ratingScaleSentence,
} from "./checklist";
import { goalAttentionReasons, type GoalFacts } from "./goals";

const now = new Date("2026-06-15T12:00:00Z");

describe("cadence health", () => {
  test.each([
    { last: "2026-06-10T10:00:00Z", interval: 14, health: "ok" },
    { last: "2026-06-01T12:00:00Z", interval: 14, health: "ok" },
    { last: "2026-05-31T10:00:00Z", interval: 14, health: "late" },
    { last: "2026-05-15T10:00:00Z", interval: 14, health: "overdue" },
  ])("last held $last, every $interval days -> $health", ({ last, interval, health }) => {
    expect(cadenceStatus({ intervalDays: interval, lastHeldAt: last, seriesStartedAt: "2026-01-01", now }).health).toBe(
      health,
    );
  });

  test("yellow past the cadence, red past twice the cadence", () => {
    const at = (daysAgo: number) => new Date(now.getTime() - daysAgo * 86_400_000);
    const health = (daysAgo: number) =>
      cadenceStatus({ intervalDays: 7, lastHeldAt: at(daysAgo), seriesStartedAt: "2026-01-01", now }).health;
    expect([7, 8, 14, 15].map(health)).toEqual(["ok", "late", "late", "overdue"]);
  });

  test("a pair that never met is measured from when its rhythm began", () => {
    const s = cadenceStatus({ intervalDays: 14, lastHeldAt: null, seriesStartedAt: "2026-05-01", now });
    expect(s).toMatchObject({ health: "overdue", daysSince: 45 });
    expect(s.reason).toMatch(/no 1:1 held in the 45 days/);
  });
});

describe("goals needing attention", () => {
  const goal: GoalFacts = {
    status: "active",
    progress: 50,
    targetDate: "2026-09-15",
    createdAt: "2026-03-15T00:00:00Z",
    lastProgressAt: "2026-06-10T00:00:00Z",
  };
  test.each([
    { label: "on track", g: {}, reasons: [] },
    {
      label: "near its target with work left",
      g: { targetDate: "2026-06-25", progress: 60 },
      reasons: ["target in 9 days at 60%"],
    },
    {
      label: "past its target",
      g: { targetDate: "2026-06-05", progress: 90 },
      reasons: ["target date passed 11 days ago at 90%"],
    },
    { label: "behind", g: { progress: 10 }, reasons: ["behind: 10% done, 50% of the time gone"] },
    { label: "quiet", g: { lastProgressAt: "2026-05-01T00:00:00Z" }, reasons: ["not updated for 45 days"] },
    { label: "achieved goals never need attention", g: { status: "achieved" as const, progress: 10 }, reasons: [] },
  ])("$label", ({ g, reasons }) => {
    expect(goalAttentionReasons({ ...goal, ...g }, now)).toEqual(reasons);
  });
});

describe("checklist standings and the perception gap", () => {
  const a = (pointKey: number, perspective: "manager" | "self", rating: number, createdAt: string) => ({
    pointKey,
    perspective,
    rating,
    createdAt,
  });
  const standings = pointStandings(
    [
      a(1, "manager", 2, "2026-01-01"),
      a(1, "manager", 4, "2026-03-01"),
      a(1, "self", 2, "2026-02-01"),
      a(2, "self", 5, "2026-02-01"),
      a(3, "manager", 3, "2026-02-01"),
      a(3, "self", 3, "2026-04-01"),
    ],
    [1, 2, 3, 4],
  );
  test("uses the latest rating per side and subtracts self from manager", () => {
    expect(standings.map(({ pointKey, manager, self, gap }) => ({ pointKey, manager, self, gap }))).toEqual([
      { pointKey: 1, manager: 4, self: 2, gap: 2 },
      { pointKey: 2, manager: null, self: 5, gap: null },
      { pointKey: 3, manager: 3, self: 3, gap: 0 },
      { pointKey: 4, manager: null, self: null, gap: null },
    ]);
    expect(standings[0]!.lastAssessedAt?.toISOString().slice(0, 10)).toBe("2026-03-01");
    expect(standings[3]!.lastAssessedAt).toBeNull();
  });
  test("health averages the latest ratings", () => {
    expect(checklistHealth(standings)).toBe(3.4);
    expect(checklistHealth([])).toBeNull();
  });
});

describe("planning meetings from a rhythm", () => {
  const after = new Date("2026-06-15T12:00:00Z"); // a Monday
  const iso = (ds: Date[]) => ds.map((d) => d.toISOString().slice(0, 16));
  test.each([
    [
      "weekly on Tuesday 10:00",
      { cadence: "weekly", intervalDays: 7, weekday: 2, startTime: "10:00" },
      ["2026-06-16T10:00", "2026-06-23T10:00", "2026-06-30T10:00"],
    ],
    [
      "every two weeks on Monday 09:30, today's slot already gone",
      { cadence: "biweekly", intervalDays: 14, weekday: 1, startTime: "09:30" },
      ["2026-06-22T09:30", "2026-07-06T09:30", "2026-07-20T09:30"],
    ],
    [
      "monthly on Friday",
      { cadence: "monthly", intervalDays: 30, weekday: 5, startTime: "15:00" },
      ["2026-06-19T15:00", "2026-07-24T15:00", "2026-08-21T15:00"],
    ],
    [
      "every 10 days",
      { cadence: "days", intervalDays: 10, weekday: 3, startTime: "08:00" },
      ["2026-06-17T08:00", "2026-06-27T08:00", "2026-07-07T08:00"],
    ],
  ] as const)("%s", (_label, rhythm, expected) => {
    expect(iso(planMeetingTimes(rhythm, after, 3))).toEqual(expected);
  });
});

describe("the rating scale, for each side", () => {
  test("both forms say what 1 and 5 mean", () => {
    expect(ratingScaleSentence("self")).toBe("1 means not at all, 5 means fully.");
    expect(ratingScaleSentence("manager")).toBe("1 means going badly, 5 means going well.");
  });

  test("each choice is named by its number, the ends by their meaning too", () => {
    expect(RATINGS.map((r) => ratingChoiceLabel("self", r))).toEqual(["1, not at all", "2", "3", "4", "5, fully"]);
    expect(ratingChoiceLabel("manager", 1)).toBe("1, going badly");
    expect(ratingChoiceLabel("manager", 5)).toBe("5, going well");
  });

  test("the report reads their success as theirs: 'Your success'", () => {
    expect(lensLabel("success", "self")).toBe("Your success");
    expect(lensLabel("success", "manager")).toBe("Their success");
    expect(lensLabel("overload", "self")).toBe("Overload");
  });
});
