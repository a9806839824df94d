import { describe, expect, test } from "vitest";
import {
  compareRisks,
  isReviewDue,
  isValidNextReview,
  reviewDueReason,
  riskLevelOf,
  riskScore,
  sortRisks,
  suggestedNextReview,
  summarizeOpenRisks,
  type OrderableRisk,
} from "./risks";

const now = new Date("2026-03-10T15:30:00Z");

describe("risk level is likelihood x impact in words", () => {
  test.each([
    [1, 1, 1, "low"],
    [1, 2, 2, "low"],
    [2, 1, 2, "low"],
    [1, 3, 3, "medium"],
    [3, 1, 3, "medium"],
    [2, 2, 4, "medium"],
    [2, 3, 6, "high"],
    [3, 2, 6, "high"],
    [3, 3, 9, "high"],
  ] as const)("likelihood %i x impact %i = %i, %s", (likelihood, impact, score, level) => {
    expect(riskScore({ likelihood, impact })).toBe(score);
    expect(riskLevelOf({ likelihood, impact })).toBe(level);
  });
});

describe("review due", () => {
  test.each([
    ["open, due yesterday", "open", "2026-03-09", true, "review was due 1 day ago"],
    ["open, due a week ago", "open", "2026-03-03", true, "review was due 7 days ago"],
    ["open, due today", "open", "2026-03-10", true, "review due today"],
    ["open, due tomorrow", "open", "2026-03-11", false, null],
    ["open, no review planned", "open", null, false, null],
    ["closed, date passed", "closed", "2026-03-01", false, null],
  ] as const)("%s", (_label, status, reviewOn, due, reason) => {
    expect(isReviewDue({ status, reviewOn }, now)).toBe(due);
    expect(reviewDueReason({ status, reviewOn }, now)).toBe(reason);
  });

  test("today is the UTC calendar date, whatever the hour", () => {
    expect(isReviewDue({ status: "open", reviewOn: "2026-03-10" }, new Date("2026-03-10T00:00:00Z"))).toBe(true);
    expect(isReviewDue({ status: "open", reviewOn: "2026-03-11" }, new Date("2026-03-10T23:59:59Z"))).toBe(false);
  });

  test.each([
    ["2026-03-11", true],
    ["2026-04-07", true],
    ["2026-03-10", false],
    ["2026-03-01", false],
  ])("a next review on %s is valid: %s", (date, valid) => {
    expect(isValidNextReview(date, now)).toBe(valid);
  });

  test("the suggested next review is four weeks out, and valid", () => {
    expect(suggestedNextReview(now)).toBe("2026-04-07");
    expect(isValidNextReview(suggestedNextReview(now), now)).toBe(true);
  });
});

const risk = (id: string, over: Partial<OrderableRisk> = {}): OrderableRisk => ({
  id,
  status: "open",
  likelihood: 2,
  impact: 2,
  reviewOn: null,
  createdAt: "2026-01-01T00:00:00Z",
  ...over,
});

describe("the order a manager reads risks in", () => {
  test.each([
    [
      "open before closed, whatever the level",
      risk("a", { status: "closed", likelihood: 3, impact: 3 }),
      risk("b", { likelihood: 1, impact: 1 }),
    ],
    ["more serious first", risk("a", { likelihood: 2, impact: 2 }), risk("b", { likelihood: 3, impact: 2 })],
    ["same score: sooner review first", risk("a", { reviewOn: "2026-05-01" }), risk("b", { reviewOn: "2026-04-01" })],
    ["a planned review before none", risk("a"), risk("b", { reviewOn: "2026-09-01" })],
    [
      "otherwise newest first",
      risk("a", { createdAt: "2026-01-01T00:00:00Z" }),
      risk("b", { createdAt: "2026-02-01T00:00:00Z" }),
    ],
  ])("%s", (_label, later, first) => {
    expect(sortRisks([later, first]).map((r) => r.id)).toEqual([first.id, later.id]);
    expect(sortRisks([first, later]).map((r) => r.id)).toEqual([first.id, later.id]);
  });

  test("a full list", () => {
    const list = [
      risk("closed-high", { status: "closed", likelihood: 3, impact: 3 }),
      risk("low", { likelihood: 1, impact: 1 }),
      risk("high-later", { likelihood: 3, impact: 3, reviewOn: "2026-06-01" }),
      risk("high-sooner", { likelihood: 3, impact: 3, reviewOn: "2026-04-01" }),
      risk("medium", { likelihood: 1, impact: 3 }),
    ];
    expect(sortRisks(list).map((r) => r.id)).toEqual(["high-sooner", "high-later", "medium", "low", "closed-high"]);
  });

  test("is a total order: ties broken by id, never by input order", () => {
    const a = risk("a");
    const b = risk("b");
    expect(compareRisks(a, b)).toBeLessThan(0);
    expect(compareRisks(b, a)).toBeGreaterThan(0);
    expect(compareRisks(a, a)).toBe(0);
  });

  test("does not change the list it is given", () => {
    const list = [risk("b"), risk("a")];
    sortRisks(list);
    expect(list.map((r) => r.id)).toEqual(["b", "a"]);
  });
});

describe("open risk summary for the manager's home", () => {
  test.each([
    ["nothing recorded", [], { open: 0, highest: null, reviewsDue: 0 }],
    [
      "only closed risks",
      [risk("a", { status: "closed", likelihood: 3, impact: 3, reviewOn: "2026-01-01" })],
      { open: 0, highest: null, reviewsDue: 0 },
    ],
    [
      "the highest open level, closed ones ignored",
      [
        risk("a", { likelihood: 1, impact: 3 }),
        risk("b", { likelihood: 1, impact: 1 }),
        risk("c", { status: "closed", likelihood: 3, impact: 3 }),
      ],
      { open: 2, highest: "medium", reviewsDue: 0 },
    ],
    [
      "reviews due counted",
      [
        risk("a", { likelihood: 3, impact: 2, reviewOn: "2026-03-10" }),
        risk("b", { reviewOn: "2026-03-01" }),
        risk("c", { reviewOn: "2026-03-20" }),
      ],
      { open: 3, highest: "high", reviewsDue: 2 },
    ],
  ] as const)("%s", (_label, risks, summary) => {
    expect(summarizeOpenRisks(risks, now)).toEqual(summary);
  });
});
