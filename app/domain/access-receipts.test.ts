import { describe, expect, test } from "vitest";
import { countSentence, isoWeekStart, traceOfRead } from "./access-receipts";

describe("what a read about a person leaves", () => {
  test("their own read leaves nothing, even on the admin pages", () => {
    expect(traceOfRead("alice", "alice", "self")).toEqual({ kind: "none" });
    expect(traceOfRead("alice", "alice", "self", true)).toEqual({ kind: "none" });
  });
  test("their direct manager's is counted, not listed", () => {
    expect(traceOfRead("maya", "alice", "direct-manager")).toEqual({ kind: "count" });
  });
  test("a skip-level manager's is a receipt", () => {
    expect(traceOfRead("ceo", "alice", "skip-level-manager")).toEqual({ kind: "receipt", role: "skip-level-manager" });
  });
  test("a read on the admin pages is an admin's, even by their own manager", () => {
    expect(traceOfRead("maya", "alice", "direct-manager", true)).toEqual({ kind: "receipt", role: "admin" });
    expect(traceOfRead("root", "alice", "none", true)).toEqual({ kind: "receipt", role: "admin" });
  });
  test("anyone else is never left out", () => {
    expect(traceOfRead("bob", "alice", "none")).toEqual({ kind: "receipt", role: "other" });
  });
});

describe("the ISO week a count goes in", () => {
  test.each([
    ["2026-11-09T00:00:00Z", "2026-11-09"], // a Monday
    ["2026-11-15T23:59:59Z", "2026-11-09"], // its Sunday
    ["2026-11-16T00:00:00Z", "2026-11-16"],
    ["2027-01-01T12:00:00Z", "2026-12-28"], // across the year
  ])("%s -> %s", (at, week) => {
    expect(isoWeekStart(new Date(at))).toBe(week);
  });
});

test("a week's count in plain words", () => {
  expect(countSentence("Maya", 3)).toBe("Maya opened pages about you 3 times");
  expect(countSentence("Maya", 1)).toBe("Maya opened pages about you 1 time");
});
