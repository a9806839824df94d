import { describe, expect, test } from "vitest";
import { followUpStanding } from "./history";
import { hitLink, MARK_END, MARK_START, parseSearchQuery, snippetParts } from "./search";

describe("parseSearchQuery", () => {
  test.each([
    ["conference spring", { ok: true, text: "conference spring", anyWords: "conference or spring" }],
    ["  conference   in\nspring ", { ok: true, text: "conference in spring", anyWords: "conference or in or spring" }],
    ["conference", { ok: true, text: "conference", anyWords: null }],
    ['"conference in spring"', { ok: true, text: '"conference in spring"', anyWords: null }],
    ["conference -spring", { ok: true, text: "conference -spring", anyWords: null }],
    ["well-being plan", { ok: true, text: "well-being plan", anyWords: "well or being or plan" }],
    ["budget or travel", { ok: true, text: "budget or travel", anyWords: "budget or travel" }],
  ])("%s", (raw, expected) => {
    expect(parseSearchQuery(raw)).toEqual(expected);
  });
});

describe("snippetParts", () => {
  test("matched words become their own runs; the rest stays plain text", () => {
    expect(snippetParts(`at the ${MARK_START}conference${MARK_END} in ${MARK_START}spring${MARK_END}`)).toEqual([
      { text: "at the ", matched: false },
      { text: "conference", matched: true },
      { text: " in ", matched: false },
      { text: "spring", matched: true },
    ]);
  });
  test("markup stays text, and a stray end marker disappears", () => {
    expect(snippetParts(`<b>x</b>${MARK_END} y`)).toEqual([{ text: "<b>x</b> y", matched: false }]);
  });
});

describe("hitLink", () => {
  const base = { id: "g1", personId: "p1", meetingId: null };
  test("anything from a 1:1 opens the 1:1", () => {
    expect(hitLink({ ...base, kind: "note", meetingId: "m1" }, "report")).toBe("/meetings/m1");
  });
  test("a goal opens the report's goal page, or the account's goals for the manager", () => {
    expect(hitLink({ ...base, kind: "goal" }, "report")).toBe("/me/goals/g1");
    expect(hitLink({ ...base, kind: "goal" }, "manager")).toBe("/people/p1#goals");
  });
  test("a commitment opens its page; a follow-up without a 1:1 its list", () => {
    expect(hitLink({ ...base, kind: "commitment" }, "manager")).toBe("/commitments/g1");
    expect(hitLink({ ...base, kind: "action-item" }, "manager")).toBe("/follow-ups");
  });
});

describe("followUpStanding", () => {
  test.each([
    [{ status: "open", dueOn: "2026-05-01" }, "overdue"],
    [{ status: "open", dueOn: "2026-05-02" }, "open"],
    [{ status: "open", dueOn: null }, "open"],
    [{ status: "done", dueOn: "2026-01-01" }, "done"],
    [{ status: "dropped", dueOn: "2026-01-01" }, "dropped"],
  ] as const)("%o on 2 May is %s", (item, standing) => {
    expect(followUpStanding(item, "2026-05-02")).toBe(standing);
  });
});
