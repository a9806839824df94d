import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { RISK_KINDS } from "../enums";
import { buildAgenda, DO_OR_DROP_AFTER } from "./build";
import type { AgendaInput, AgendaItem, AgendaSection } from "./types";

const REPORT = "r0000000-0000-4000-8000-000000000001";
const MANAGER = "m0000000-0000-4000-8000-000000000001";
const OTHER = "x0000000-0000-4000-8000-000000000009";
const now = new Date("2026-06-15T09:00:00Z");

function emptyInput(over: Partial<AgendaInput> = {}): AgendaInput {
  return {
    meeting: {
      id: "meet-1",
      reportId: REPORT,
      managerId: MANAGER,
      scheduledAt: "2026-06-16T10:00:00Z",
      lengthMinutes: 30,
    },
    people: { reportName: "Ana", managerName: "Mo" },
    topics: [],
    goals: [],
    commitments: [],
    actionItems: [],
    risks: [],
    checklist: { points: [], standings: [] },
    ...over,
  };
}

const topic = (id: string, source: "report" | "manager", extra: Partial<AgendaInput["topics"][number]> = {}) => ({
  id,
  authorId: source === "report" ? REPORT : MANAGER,
  source,
  title: `Topic ${id}`,
  private: false,
  position: 0,
  carriedCount: 0,
  ...extra,
});

describe("the rules, one at a time", () => {
  test("order: their topics, goals, commitments, follow-ups, risks, checklist, our topics", () => {
    const agenda = buildAgenda(
      emptyInput({
        topics: [topic("t-m", "manager"), topic("t-r", "report")],
        goals: [
          {
            id: "g1",
            ownerId: REPORT,
            title: "Lead the migration",
            status: "active",
            progress: 10,
            targetDate: "2026-06-20",
            createdAt: "2026-01-01",
            lastProgressAt: "2026-06-01",
          },
        ],
        commitments: [
          {
            id: "c1",
            personId: REPORT,
            change: "Delegate reviews",
            state: "in_progress",
            checkInEveryDays: 14,
            createdAt: "2026-04-01",
            committedAt: "2026-04-01",
            lastCheckInAt: null,
            finishedAt: null,
            remorseCheckDueOn: null,
            remorseAnsweredAt: null,
          },
        ],
        actionItems: [
          {
            id: "a1",
            reportId: REPORT,
            ownerId: REPORT,
            title: "Send draft",
            dueOn: "2026-06-10",
            carriedCount: 2,
            status: "open",
          },
        ],
        risks: [
          {
            id: "k1",
            subjectId: REPORT,
            kind: "flight",
            description: "Interviewing elsewhere",
            reviewOn: "2026-06-14",
            status: "open",
            likelihood: 2,
            impact: 3,
          },
        ],
        checklist: {
          points: [{ key: 2, title: "Their own success", question: "What would success look like?" }],
          standings: [{ pointKey: 2, manager: 4, self: 2, gap: 2, lastAssessedAt: new Date("2026-03-01") }],
        },
      }),
      now,
    );
    expect(agenda.manager.map((i) => i.section)).toEqual([
      "report-topic",
      "goal",
      "commitment",
      "action-item",
      "risk",
      "checklist",
      "manager-topic",
    ]);
    expect(agenda.report.map((i) => i.section)).toEqual([
      "report-topic",
      "goal",
      "commitment",
      "action-item",
      "checklist",
      "manager-topic",
    ]);
  });

  test("reasons a person understands", () => {
    const agenda = buildAgenda(
      emptyInput({
        topics: [topic("t1", "report", { carriedCount: 2 })],
        actionItems: [
          {
            id: "a1",
            reportId: REPORT,
            ownerId: REPORT,
            title: "Send draft",
            dueOn: "2026-06-10",
            carriedCount: 2,
            status: "open",
          },
          {
            id: "a2",
            reportId: REPORT,
            ownerId: MANAGER,
            title: "Book the training",
            dueOn: "2026-06-20",
            carriedCount: 0,
            status: "open",
          },
          {
            id: "a3",
            reportId: REPORT,
            ownerId: MANAGER,
            title: "Ask finance",
            dueOn: "2026-06-01",
            carriedCount: DO_OR_DROP_AFTER,
            status: "open",
          },
        ],
      }),
      now,
    );
    const reasons = Object.fromEntries(agenda.manager.map((i) => [i.refId, i.reason]));
    expect(reasons).toEqual({
      t1: "added by Ana, carried over twice",
      a3: "yours, overdue by 14 days, carried over 3 times, do it or drop it?",
      a1: "Ana's, overdue by 5 days, carried over twice",
      a2: "yours, due in 5 days",
    });
    expect(agenda.manager.find((i) => i.refId === "a3")?.doOrDrop).toBe(true);
    // The report reads the same items as theirs and their manager's, never their own name.
    const theirs = Object.fromEntries(agenda.report.map((i) => [i.refId, i.reason]));
    expect(theirs).toEqual({
      t1: "added by you, carried over twice",
      a3: "Mo's, overdue by 14 days, carried over 3 times, do it or drop it?",
      a1: "yours, overdue by 5 days, carried over twice",
      a2: "Mo's, due in 5 days",
    });
  });

  test("each view speaks to its reader: nobody reads their own name in the third person", () => {
    const agenda = buildAgenda(
      emptyInput({
        topics: [
          topic("t1", "report", { private: true }),
          topic("m1", "manager"),
          topic("m2", "manager", { private: true }),
        ],
      }),
      now,
    );
    const manager = Object.fromEntries(agenda.manager.map((i) => [i.refId, i.reason]));
    const report = Object.fromEntries(agenda.report.map((i) => [i.refId, i.reason]));
    expect(manager).toMatchObject({ m1: "added by you", m2: "added by you, private to you" });
    expect(report).toEqual({ t1: "added by you, private to you", m1: "added by Mo" });
    for (const i of agenda.manager) expect(i.reason).not.toMatch(/\bMo\b/);
    for (const i of agenda.report) expect(i.reason).not.toMatch(/\bAna\b/);

    const empty = buildAgenda(emptyInput({}), now);
    expect(empty.manager[0]!.reason).toBe("Ana added nothing yet: their time comes first");
    expect(empty.report[0]!.reason).toBe("You added nothing yet: your time comes first");
  });

  test("private topics reach only their author's view", () => {
    const agenda = buildAgenda(
      emptyInput({ topics: [topic("mine", "report", { private: true }), topic("ours", "manager", { private: true })] }),
      now,
    );
    expect(agenda.report.map((i) => i.refId)).toContain("mine");
    expect(agenda.report.map((i) => i.refId)).not.toContain("ours");
    expect(agenda.manager.map((i) => i.refId)).toContain("ours");
    expect(agenda.manager.map((i) => i.refId)).not.toContain("mine");
  });

  test("a stalled commitment and a remorse check come up; a healthy one does not", () => {
    const base = {
      personId: REPORT,
      checkInEveryDays: 14,
      createdAt: "2026-04-01",
      committedAt: "2026-04-01",
      finishedAt: null,
      remorseCheckDueOn: null,
      remorseAnsweredAt: null,
    };
    const agenda = buildAgenda(
      emptyInput({
        commitments: [
          {
            ...base,
            id: "stalled",
            change: "Say no to ad-hoc asks",
            state: "in_progress",
            lastCheckInAt: "2026-05-01",
          },
          { ...base, id: "healthy", change: "Write weekly notes", state: "in_progress", lastCheckInAt: "2026-06-12" },
          {
            ...base,
            id: "glad",
            change: "Moved to the platform team",
            state: "done",
            lastCheckInAt: null,
            finishedAt: "2026-05-01",
            remorseCheckDueOn: "2026-05-31",
          },
        ],
      }),
      now,
    );
    const commitments = agenda.manager.filter((i) => i.section === "commitment");
    expect(commitments.map((i) => [i.refId, i.reason])).toEqual([
      ["stalled", "stalled: check-in overdue by 31 days"],
      ["glad", "done a while ago: are they still glad of the change?"],
    ]);
  });

  test("checklist prompts: the widest gap and the least recently assessed, never point 14", () => {
    const points = [1, 2, 3, 14].map((key) => ({ key, title: `P${key}`, question: `Q${key}?` }));
    const agenda = buildAgenda(
      emptyInput({
        checklist: {
          points,
          standings: [
            { pointKey: 1, manager: 4, self: 4, gap: 0, lastAssessedAt: new Date("2026-06-01") },
            { pointKey: 2, manager: 5, self: 2, gap: 3, lastAssessedAt: new Date("2026-06-10") },
            { pointKey: 3, manager: null, self: null, gap: null, lastAssessedAt: null },
            { pointKey: 14, manager: null, self: null, gap: null, lastAssessedAt: null },
          ],
        },
      }),
      now,
    );
    expect(agenda.manager.filter((i) => i.section === "checklist").map((i) => [i.refId, i.reason])).toEqual([
      ["2", "widest gap: you rated 5, Ana rated 2"],
      ["3", "never assessed"],
    ]);
    expect(agenda.report.filter((i) => i.section === "checklist").map((i) => i.reason)).toEqual([
      "widest gap: Mo rated 5, you rated 2",
      "never assessed",
    ]);
  });

  test("with nothing from the report, their open time still comes first and gets at least half", () => {
    const agenda = buildAgenda(emptyInput({ topics: [topic("m1", "manager"), topic("m2", "manager")] }), now);
    expect(agenda.manager[0]).toMatchObject({ section: "open-time", reportsOwn: true });
    expect(agenda.manager[0]!.minutes).toBeGreaterThanOrEqual(15);
    expect(agenda.manager.reduce((a, i) => a + i.minutes, 0)).toBe(30);
  });
});

// ---------- properties over random accounts ----------

const ORDER: AgendaSection[] = [
  "open-time",
  "report-topic",
  "goal",
  "commitment",
  "action-item",
  "risk",
  "checklist",
  "manager-topic",
];
const isoDay = fc
  .integer({ min: -200, max: 200 })
  .map((d) => new Date(now.getTime() + d * 86_400_000).toISOString().slice(0, 10));
const person = fc.constantFrom(REPORT, OTHER);
const id = fc.uuid();

const accountArb: fc.Arbitrary<AgendaInput> = fc.record({
  meeting: fc.record({
    id,
    reportId: fc.constant(REPORT),
    managerId: fc.constant(MANAGER),
    scheduledAt: isoDay.map((d) => `${d}T10:00:00Z`),
    lengthMinutes: fc.integer({ min: 10, max: 240 }),
  }),
  people: fc.constant({ reportName: "Ana", managerName: "Mo" }),
  topics: fc.array(
    fc.record({
      id,
      authorId: fc.constantFrom(REPORT, MANAGER, OTHER),
      source: fc.constantFrom("report" as const, "manager" as const),
      title: fc.string({ minLength: 1, maxLength: 20 }),
      private: fc.boolean(),
      position: fc.integer({ min: 0, max: 5 }),
      carriedCount: fc.integer({ min: 0, max: 5 }),
      discussed: fc.boolean(),
    }),
    { maxLength: 6 },
  ),
  goals: fc.array(
    fc.record({
      id,
      ownerId: person,
      title: fc.string({ minLength: 1, maxLength: 20 }),
      status: fc.constantFrom("active" as const, "achieved" as const, "dropped" as const),
      progress: fc.integer({ min: 0, max: 100 }),
      targetDate: fc.option(isoDay, { nil: null }),
      createdAt: isoDay,
      lastProgressAt: isoDay,
    }),
    { maxLength: 5 },
  ),
  commitments: fc.array(
    fc.record({
      id,
      personId: person,
      change: fc.string({ minLength: 1, maxLength: 20 }),
      state: fc.constantFrom(
        "proposed" as const,
        "committed" as const,
        "in_progress" as const,
        "done" as const,
        "abandoned" as const,
      ),
      checkInEveryDays: fc.integer({ min: 1, max: 60 }),
      createdAt: isoDay,
      committedAt: fc.option(isoDay, { nil: null }),
      lastCheckInAt: fc.option(isoDay, { nil: null }),
      finishedAt: fc.option(isoDay, { nil: null }),
      remorseCheckDueOn: fc.option(isoDay, { nil: null }),
      remorseAnsweredAt: fc.option(isoDay, { nil: null }),
    }),
    { maxLength: 5 },
  ),
  actionItems: fc.array(
    fc.record({
      id,
      reportId: person,
      ownerId: fc.constantFrom(REPORT, MANAGER),
      title: fc.string({ minLength: 1, maxLength: 20 }),
      dueOn: fc.option(isoDay, { nil: null }),
      carriedCount: fc.integer({ min: 0, max: 6 }),
      status: fc.constantFrom("open" as const, "done" as const, "dropped" as const),
    }),
    { maxLength: 6 },
  ),
  risks: fc.array(
    fc.record({
      id,
      subjectId: person,
      kind: fc.constantFrom(...RISK_KINDS),
      description: fc.string({ minLength: 1, maxLength: 20 }),
      reviewOn: fc.option(isoDay, { nil: null }),
      status: fc.constantFrom("open" as const, "closed" as const),
      likelihood: fc.integer({ min: 1, max: 3 }),
      impact: fc.integer({ min: 1, max: 3 }),
    }),
    { maxLength: 4 },
  ),
  checklist: fc.constant({
    points: [1, 2, 3, 14].map((key) => ({ key, title: `P${key}`, question: `Q${key}?` })),
    standings: [
      { pointKey: 1, manager: 3, self: 5, gap: -2, lastAssessedAt: new Date("2026-05-01") },
      { pointKey: 2, manager: null, self: 4, gap: null, lastAssessedAt: new Date("2026-02-01") },
      { pointKey: 3, manager: null, self: null, gap: null, lastAssessedAt: null },
    ],
  }),
});

/** Which person each record in the input belongs to, so an item can be traced back. */
function ownerOf(input: AgendaInput, item: AgendaItem): string | null {
  const find = <T extends { id: string }>(list: T[]) => list.find((x) => x.id === item.refId);
  switch (item.section) {
    case "report-topic":
    case "manager-topic":
      return find(input.topics) ? input.meeting.reportId : null;
    case "goal":
      return find(input.goals)?.ownerId ?? null;
    case "commitment":
      return find(input.commitments)?.personId ?? null;
    case "action-item":
      return find(input.actionItems)?.reportId ?? null;
    case "risk":
      return find(input.risks)?.subjectId ?? null;
    default:
      return input.meeting.reportId;
  }
}

const views = (input: AgendaInput) => {
  const agenda = buildAgenda(input, now);
  return [
    ["manager", agenda.manager],
    ["report", agenda.report],
  ] as const;
};

describe("properties over random accounts", () => {
  test("the report's items come first, and every section keeps its order", () => {
    fc.assert(
      fc.property(accountArb, (input) => {
        for (const [, items] of views(input)) {
          const ranks = items.map((i) => ORDER.indexOf(i.section));
          expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
          // The meeting opens with the report: their topics, or open time for them.
          expect(["report-topic", "open-time"]).toContain(items[0]?.section);
          const lastOfTheirs = items.findLastIndex((i) => i.section === "report-topic" || i.section === "open-time");
          expect(items.slice(0, lastOfTheirs + 1).every((i) => i.reportsOwn)).toBe(true);
        }
      }),
    );
  });

  test("no item belongs to another report", () => {
    fc.assert(
      fc.property(accountArb, (input) => {
        for (const [, items] of views(input)) for (const i of items) expect(ownerOf(input, i)).toBe(REPORT);
      }),
    );
  });

  test("the report's view never holds a risk or someone else's private item; the manager's never the report's private topic", () => {
    fc.assert(
      fc.property(accountArb, (input) => {
        const agenda = buildAgenda(input, now);
        for (const i of agenda.report) {
          expect(i.section).not.toBe("risk");
          expect(i.managerOnly).toBe(false);
          if (i.privateTo) expect(i.privateTo).toBe(REPORT);
        }
        for (const i of agenda.manager) if (i.privateTo) expect(i.privateTo).toBe(MANAGER);
        const privateIds = new Set(input.topics.filter((t) => t.private).map((t) => t.id));
        for (const i of agenda.report)
          if (privateIds.has(i.refId)) expect(input.topics.find((t) => t.id === i.refId)?.authorId).toBe(REPORT);
      }),
    );
  });

  test("every item has a reason", () => {
    fc.assert(
      fc.property(accountArb, (input) =>
        views(input).forEach(([, items]) => items.forEach((i) => expect(i.reason.trim()).not.toBe(""))),
      ),
    );
  });

  test("minutes add up to the meeting's length, at least half of them the report's", () => {
    fc.assert(
      fc.property(accountArb, (input) => {
        for (const [, items] of views(input)) {
          const total = items.reduce((a, i) => a + i.minutes, 0);
          const theirs = items.filter((i) => i.reportsOwn).reduce((a, i) => a + i.minutes, 0);
          expect(total).toBe(input.meeting.lengthMinutes);
          expect(theirs * 2).toBeGreaterThanOrEqual(input.meeting.lengthMinutes);
          for (const i of items) expect(i.minutes).toBeGreaterThanOrEqual(0);
        }
      }),
    );
  });

  test("building twice, or from the same data in another order, gives the same agenda", () => {
    fc.assert(
      fc.property(accountArb, fc.integer(), (input, seed) => {
        const shuffle = <T>(list: T[]) =>
          list
            .map((x, i) => ({ x, k: (i * 7919 + seed) % 104729 }))
            .sort((a, b) => a.k - b.k)
            .map(({ x }) => x);
        const again = {
          ...input,
          topics: shuffle(input.topics),
          goals: shuffle(input.goals),
          commitments: shuffle(input.commitments),
          actionItems: shuffle(input.actionItems),
          risks: shuffle(input.risks),
        };
        expect(buildAgenda(input, now)).toEqual(buildAgenda(input, now));
        expect(buildAgenda(again, now)).toEqual(buildAgenda(input, now));
      }),
    );
  });
});

describe("a discussed item stays", () => {
  const goal = {
    id: "g1",
    ownerId: REPORT,
    title: "Lead the migration",
    status: "active" as const,
    progress: 10,
    targetDate: "2026-06-20",
    createdAt: "2026-01-01",
    lastProgressAt: "2026-06-01",
  };
  const followUp = {
    id: "a1",
    reportId: REPORT,
    ownerId: REPORT,
    title: "Send draft",
    dueOn: "2026-06-10",
    carriedCount: 3,
    status: "open" as const,
  };

  test("a ticked topic keeps its place and is marked; unticked, it is as before", () => {
    const topics = [
      topic("t1", "report", { position: 0 }),
      topic("t2", "report", { position: 1 }),
      topic("t3", "manager"),
    ];
    const before = buildAgenda(emptyInput({ topics }), now);
    const ticked = buildAgenda(
      emptyInput({ topics: topics.map((t) => (t.id === "t1" ? { ...t, discussed: true } : t)) }),
      now,
    );
    for (const view of ["manager", "report"] as const) {
      expect(ticked[view].map((i) => i.key)).toEqual(before[view].map((i) => i.key));
      expect(ticked[view].map((i) => i.minutes)).toEqual(before[view].map((i) => i.minutes));
      expect(ticked[view].filter((i) => i.discussed).map((i) => i.refId)).toEqual(["t1"]);
    }
    expect(before.manager.every((i) => !i.discussed)).toBe(true);
  });

  test("a ticked goal, commitment or follow-up is marked by its key, and stays once it no longer needs attention", () => {
    const keys = ["goal:g1", "action-item:a1", "checklist:2"];
    const ticked = buildAgenda(
      emptyInput({
        goals: [goal],
        actionItems: [followUp],
        checklist: {
          points: [{ key: 2, title: "Their own success", question: "What would success look like?" }],
          standings: [{ pointKey: 2, manager: 4, self: 2, gap: 2, lastAssessedAt: new Date("2026-03-01") }],
        },
        checked: keys,
      }),
      now,
    );
    expect(ticked.manager.filter((i) => i.discussed).map((i) => i.key)).toEqual(keys);

    // Progress saved and the follow-up done during the talk: both stay, marked, the follow-up settled.
    const after = buildAgenda(
      emptyInput({
        goals: [{ ...goal, progress: 60, targetDate: "2026-12-01", lastProgressAt: "2026-06-15" }],
        actionItems: [{ ...followUp, status: "done" }],
        checked: ["goal:g1", "action-item:a1"],
      }),
      now,
    );
    const byKey = Object.fromEntries(after.manager.map((i) => [i.key, i]));
    expect(byKey["goal:g1"]).toMatchObject({ discussed: true, reason: "talked through in this 1:1" });
    expect(byKey["action-item:a1"]).toMatchObject({ discussed: true, reason: "Ana's, done, carried over 3 times" });
    expect(byKey["action-item:a1"]!.doOrDrop).toBe(false);

    // Not ticked, a settled follow-up or a goal on track is not on the agenda at all.
    const untouched = buildAgenda(
      emptyInput({
        goals: [{ ...goal, progress: 60, targetDate: "2026-12-01", lastProgressAt: "2026-06-15" }],
        actionItems: [{ ...followUp, status: "done" }],
      }),
      now,
    );
    expect(untouched.manager.map((i) => i.section)).toEqual(["open-time"]);
  });

  test("a tick on one view's item never shows someone else's private topic", () => {
    const agenda = buildAgenda(
      emptyInput({
        topics: [topic("mine", "report", { private: true, discussed: true })],
        checked: ["report-topic:mine"],
      }),
      now,
    );
    expect(agenda.manager.map((i) => i.refId)).not.toContain("mine");
    expect(agenda.report.find((i) => i.refId === "mine")?.discussed).toBe(true);
  });
});
