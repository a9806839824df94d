import { describe, expect, test } from "vitest";
import type { CommitmentState } from "./enums";
import { COMMITMENT_STATES } from "./enums";
import {
  checkCheckIn,
  checkRemorseAnswer,
  checkTransition,
  commitmentStatus,
  describeCommitment,
  isRemorseCheckDue,
  isStalled,
  remorseCheckDate,
  REMORSE_CHECK_AFTER_DAYS,
  stateAfterCheckIn,
  type CommitmentTiming,
} from "./commitments";

const now = new Date("2026-05-20T12:00:00Z");
const base: CommitmentTiming = {
  state: "in_progress",
  checkInEveryDays: 14,
  createdAt: "2026-04-01T09:00:00Z",
  committedAt: "2026-04-02T09:00:00Z",
  lastCheckInAt: null,
  finishedAt: null,
  remorseCheckDueOn: null,
  remorseAnsweredAt: null,
};

describe("state machine", () => {
  const allowed = new Set([
    "proposed->committed",
    "proposed->abandoned",
    "committed->in_progress",
    "committed->abandoned",
    "in_progress->done",
    "in_progress->abandoned",
  ]);
  const pairs = COMMITMENT_STATES.flatMap((from) =>
    COMMITMENT_STATES.map((to) => [from, to] as [CommitmentState, CommitmentState]),
  );
  test.each(pairs)("%s -> %s", (from, to) => {
    const result = checkTransition(from, to);
    expect(result.ok).toBe(allowed.has(`${from}->${to}`));
    if (!result.ok) expect(result.message.length).toBeGreaterThan(20);
  });

  test("the refusal says what is possible instead", () => {
    expect(checkTransition("proposed", "done")).toEqual({
      ok: false,
      message: "A proposed commitment cannot become done. From proposed it can become committed or abandoned.",
    });
    expect(checkTransition("done", "in_progress")).toMatchObject({ message: expect.stringContaining("Done is final") });
  });
});

describe("stalled is derived from missed check-ins", () => {
  test.each([
    { label: "no check-in, 48 days after committing every 14", c: {}, stalled: true },
    { label: "checked in 10 days ago", c: { lastCheckInAt: "2026-05-10T12:00:00Z" }, stalled: false },
    { label: "checked in exactly 14 days ago", c: { lastCheckInAt: "2026-05-06T12:00:00Z" }, stalled: false },
    { label: "checked in 15 days ago", c: { lastCheckInAt: "2026-05-05T12:00:00Z" }, stalled: true },
    { label: "committed, never started, past its check-in", c: { state: "committed" as const }, stalled: true },
    { label: "proposed is never stalled", c: { state: "proposed" as const }, stalled: false },
    {
      label: "done is never stalled",
      c: { state: "done" as const, finishedAt: "2026-05-01T00:00:00Z" },
      stalled: false,
    },
    {
      label: "abandoned is never stalled",
      c: { state: "abandoned" as const, finishedAt: "2026-05-01T00:00:00Z" },
      stalled: false,
    },
    { label: "a longer cadence gives more room", c: { checkInEveryDays: 60 }, stalled: false },
  ])("$label -> $stalled", ({ c, stalled }) => {
    expect(isStalled({ ...base, ...c }, now)).toBe(stalled);
  });

  test("the description says by how much", () => {
    expect(describeCommitment(base, now)).toBe("stalled: check-in overdue by 34 days");
    expect(describeCommitment({ ...base, lastCheckInAt: "2026-05-18T12:00:00Z" }, now)).toBe(
      "next check-in in 12 days",
    );
  });
});

describe("remorse check after done", () => {
  const done = {
    ...base,
    state: "done" as const,
    finishedAt: "2026-04-10T12:00:00Z",
    remorseCheckDueOn: remorseCheckDate(new Date("2026-04-10T12:00:00Z")),
  };
  test(`comes due ${REMORSE_CHECK_AFTER_DAYS} days after done`, () => {
    expect(done.remorseCheckDueOn).toBe("2026-05-10");
    expect(isRemorseCheckDue(done, new Date("2026-05-09T23:00:00Z"))).toBe(false);
    expect(isRemorseCheckDue(done, new Date("2026-05-10T00:00:00Z"))).toBe(true);
    expect(isRemorseCheckDue(done, now)).toBe(true);
  });
  test("is no longer due once answered, nor for abandoned changes", () => {
    expect(isRemorseCheckDue({ ...done, remorseAnsweredAt: "2026-05-12T10:00:00Z" }, now)).toBe(false);
    expect(isRemorseCheckDue({ ...done, state: "abandoned" }, now)).toBe(false);
  });
});

describe("check-ins", () => {
  test.each([
    ["proposed", false],
    ["committed", true],
    ["in_progress", true],
    ["done", false],
    ["abandoned", false],
  ] as [CommitmentState, boolean][])("a check-in on %s is allowed: %s", (state, ok) => {
    const result = checkCheckIn(state);
    expect(result.ok).toBe(ok);
    if (!result.ok) expect(result.message).toMatch(/commit|nothing left/);
  });

  test("doing the first step puts a committed change under way; nothing else moves the state", () => {
    expect(stateAfterCheckIn("committed", true)).toBe("in_progress");
    expect(stateAfterCheckIn("committed", false)).toBe("committed");
    expect(stateAfterCheckIn("in_progress", true)).toBe("in_progress");
    expect(stateAfterCheckIn("in_progress", false)).toBe("in_progress");
  });
});

describe("answering the remorse check", () => {
  const done = { ...base, state: "done" as const, finishedAt: "2026-04-10T12:00:00Z", remorseCheckDueOn: "2026-05-10" };
  test("only when due, once", () => {
    expect(checkRemorseAnswer(done, now)).toEqual({ ok: true });
    expect(checkRemorseAnswer(done, new Date("2026-05-01T00:00:00Z"))).toEqual({
      ok: false,
      message: expect.stringContaining("too early"),
    });
    expect(checkRemorseAnswer({ ...done, remorseAnsweredAt: "2026-05-12T10:00:00Z" }, now)).toEqual({
      ok: false,
      message: expect.stringContaining("already"),
    });
    expect(checkRemorseAnswer(base, now)).toEqual({
      ok: false,
      message: expect.stringContaining("once the change is done"),
    });
  });
});

describe("commitmentStatus", () => {
  test("a stalled one says by how much", () => {
    expect(commitmentStatus(base, now)).toEqual({
      open: true,
      stalled: true,
      daysOverdue: 34,
      checkInDueAt: new Date("2026-04-16T09:00:00Z"),
      remorseDue: false,
      description: "stalled: check-in overdue by 34 days",
    });
  });
  test("a proposal has no check-in due and is never stalled, however old", () => {
    expect(commitmentStatus({ ...base, state: "proposed", committedAt: null }, now)).toMatchObject({
      open: true,
      stalled: false,
      checkInDueAt: null,
      description: "proposed: not agreed yet",
    });
  });
  test("a finished one is closed; a done one asks the remorse question when due", () => {
    const done = {
      ...base,
      state: "done" as const,
      finishedAt: "2026-04-10T12:00:00Z",
      remorseCheckDueOn: "2026-05-10",
    };
    expect(commitmentStatus(done, now)).toMatchObject({
      open: false,
      stalled: false,
      remorseDue: true,
      checkInDueAt: null,
    });
    expect(commitmentStatus({ ...done, state: "abandoned", remorseCheckDueOn: null }, now)).toMatchObject({
      open: false,
      remorseDue: false,
      description: "abandoned",
    });
  });
});
