import { describe, expect, test } from "vitest";
import { ATTENTION_LEGEND, cadenceWords, reportHealth, sortReports, type ReportFacts } from "./health";

const now = new Date("2026-06-15T12:00:00Z");
const facts = (over: Partial<ReportFacts> = {}): ReportFacts => ({
  id: "r1",
  name: "Ana",
  team: "Payments",
  intervalDays: 14,
  seriesStartedAt: "2026-01-01T00:00:00Z",
  lastHeldAt: "2026-06-10T10:00:00Z",
  nextMeetingId: null,
  nextMeetingAt: null,
  openActions: 0,
  overdueActions: 0,
  openRisks: 0,
  highestRisk: null,
  checklistHealth: null,
  ...over,
});
const commitment = (over = {}) => ({
  state: "in_progress" as const,
  checkInEveryDays: 14,
  createdAt: "2026-05-01T00:00:00Z",
  committedAt: "2026-05-01T00:00:00Z",
  lastCheckInAt: "2026-06-12T00:00:00Z",
  finishedAt: null,
  remorseCheckDueOn: null,
  remorseAnsweredAt: null,
  ...over,
});

describe("a report's health row", () => {
  test("a calm account needs nothing", () => {
    expect(reportHealth(facts(), [], [commitment()], now)).toMatchObject({
      attention: 0,
      openCommitments: 1,
      stalledCommitments: 0,
      cadence: { health: "ok" },
    });
  });

  test("every signal counts: late 1:1, stalled commitment, remorse check, overdue follow-up, high risk, goal behind", () => {
    const row = reportHealth(
      facts({
        lastHeldAt: "2026-05-20T10:00:00Z",
        overdueActions: 2,
        openActions: 3,
        openRisks: 1,
        highestRisk: 9,
        checklistHealth: "3.4",
      }),
      [
        {
          status: "active",
          progress: 0,
          targetDate: "2026-06-20",
          createdAt: "2026-01-01T00:00:00Z",
          lastProgressAt: "2026-06-01T00:00:00Z",
        },
      ],
      [
        commitment({ lastCheckInAt: "2026-05-01T00:00:00Z" }),
        commitment({ state: "done", finishedAt: "2026-05-01T00:00:00Z", remorseCheckDueOn: "2026-05-31" }),
      ],
      now,
    );
    expect(row).toMatchObject({
      cadence: { health: "late", daysSince: 26 },
      stalledCommitments: 1,
      openCommitments: 1,
      remorseChecksDue: 1,
      goalsNeedingAttention: 1,
      highestRisk: "high",
      checklistHealth: 3.4,
    });
    // goal 1 + stalled 1 + remorse 1 + overdue 2 + high risk 2 + late 1
    expect(row.attention).toBe(8);
  });

  test("red past twice the cadence", () => {
    expect(reportHealth(facts({ lastHeldAt: "2026-05-10T10:00:00Z" }), [], [], now).cadence?.health).toBe("overdue");
  });
});

describe("the Last 1:1 cell in words", () => {
  test("a pair that met says how long ago, and its rhythm", () => {
    const row = reportHealth(facts({ lastHeldAt: "2026-04-15T10:00:00Z" }), [], [], now);
    expect(row.cadence).toMatchObject({ neverMet: false, daysSince: 61 });
    expect(cadenceWords(row.cadence!)).toEqual({ headline: "61 days ago", detail: "every 14 days" });
  });

  test("a pair that never met says so, not '25 days / 7' as if it had", () => {
    const row = reportHealth(
      facts({ lastHeldAt: null, intervalDays: 7, seriesStartedAt: "2026-05-21T12:00:00Z" }),
      [],
      [],
      now,
    );
    expect(row.cadence).toMatchObject({ neverMet: true, daysSince: 25, health: "overdue" });
    expect(cadenceWords(row.cadence!)).toEqual({
      headline: "No 1:1 yet",
      detail: "rhythm every 7 days, set 25 days ago",
    });
  });

  test("met today reads today", () => {
    const row = reportHealth(facts({ lastHeldAt: "2026-06-15T09:00:00Z" }), [], [], now);
    expect(cadenceWords(row.cadence!).headline).toBe("today");
  });
});

describe("the Needs attention legend", () => {
  test("says each weight reportHealth counts", () => {
    // Held to the weights in "every signal counts" above: 1 per goal, stalled, still-glad, overdue; risk 1/2; 1:1 1/2.
    for (const words of [
      "1 for each goal",
      "stalled",
      "still-glad",
      "overdue follow-up",
      "2 for a high",
      "late",
      "2 when it is overdue",
    ]) {
      expect(ATTENTION_LEGEND).toContain(words);
    }
  });
});

describe("sorting", () => {
  const rows = [
    reportHealth(facts({ id: "a", name: "Ana", overdueActions: 1, checklistHealth: "4" }), [], [], now),
    reportHealth(
      facts({ id: "b", name: "Ben", highestRisk: 6, openRisks: 1, lastHeldAt: "2026-05-01T00:00:00Z" }),
      [],
      [],
      now,
    ),
    reportHealth(facts({ id: "c", name: "Cy", checklistHealth: "2.5" }), [], [], now),
  ];
  test.each([
    ["attention", ["b", "a", "c"]],
    ["name", ["a", "b", "c"]],
    ["risk", ["b", "a", "c"]],
    ["last-1on1", ["b", "a", "c"]],
    ["health", ["c", "a", "b"]],
    ["follow-ups", ["a", "b", "c"]],
  ] as const)("by %s", (sort, order) => {
    expect(sortReports(rows, sort).map((r) => r.id)).toEqual(order);
  });
});
