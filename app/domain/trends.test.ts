import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { LENSES } from "./enums";
import {
  addMonths,
  buildTeamTree,
  BETTER_WHEN,
  changeMeaning,
  chooseRange,
  fileSlug,
  labelledMonths,
  monthLabelStep,
  teamChoices,
  monthsBetween,
  offeredMonths,
  QUESTIONS,
  shortMonthLabel,
  ORGANISATION_ID,
  TrendCells,
  type MoveRow,
  type PointInfo,
  type PulseRow,
  type RatingRow,
  type TeamFact,
  type TrendRows,
} from "./trends";

const K = 5;
const team = (id: string, parentId: string | null, headcount: number): TeamFact => ({
  id,
  name: id.toUpperCase(),
  parentId,
  headcount,
});
const pulse = (team: string | null, month: string, people: number, over: Partial<PulseRow> = {}): PulseRow => ({
  team,
  month,
  people,
  known: 0,
  stayed: 0,
  answers: people,
  understood: 4 * people,
  progressing: 3 * people,
  overloaded: 2 * people,
  // One passive among promoters: a cell of all promoters would say what each person answered (ADR 012 rule 10).
  promoters: people - 1,
  detractors: 0,
  ...over,
});
const rating = (
  team: string | null,
  month: string,
  key: string,
  people: number,
  over: Partial<RatingRow> = {},
): RatingRow => ({
  team,
  month,
  key,
  people,
  known: 0,
  stayed: 0,
  ratings: people,
  total: 3 * people,
  ...over,
});
const rows = (over: Partial<TrendRows> = {}): TrendRows => ({
  pulses: [],
  meetings: [],
  lenses: [],
  points: [],
  moves: { pulses: [], meetings: [], lenses: [], points: [] },
  ...over,
});
const POINTS: PointInfo[] = [
  { key: 6, lens: "overload", title: "Help with their process" },
  { key: 7, lens: "overload", title: "Too much information" },
  { key: 9, lens: "uniqueness", title: "Every situation is different" },
];

describe("months", () => {
  test("arithmetic across years", () => {
    expect(addMonths("2026-01", -1)).toBe("2025-12");
    expect(addMonths("2025-12", 13)).toBe("2027-01");
    expect(monthsBetween("2025-11", "2026-02")).toEqual(["2025-11", "2025-12", "2026-01", "2026-02"]);
    expect(monthsBetween("2026-02", "2026-01")).toEqual([]);
  });
});

describe("the team tree", () => {
  test("teams under one root, depth first by name; a team smaller than k folds, with everything below it", () => {
    const tree = buildTeamTree(
      [team("b", null, 2), team("a", null, 6), team("a1", "a", 3), team("a2", "a", 5), team("b1", "b", 1)],
      K,
      "Org",
      1,
    );
    expect(tree.order.map((n) => [n.id, n.depth, n.headcount, n.folded])).toEqual([
      [ORGANISATION_ID, 0, 18, false],
      ["a", 1, 14, false],
      ["a1", 2, 3, true],
      ["a2", 2, 5, false],
      ["b", 1, 3, true],
      ["b1", 2, 1, true],
    ]);
  });

  test("teams caught in a parent cycle are left out (their rows count at the root)", () => {
    const tree = buildTeamTree([team("a", null, 6), team("x", "y", 5), team("y", "x", 5)], K);
    expect(tree.order.map((n) => n.id)).toEqual([ORGANISATION_ID, "a"]);
    const cells = new TrendCells(
      tree,
      rows({ pulses: [pulse("a", "2026-05", 6), pulse("x", "2026-05", 5)] }),
      POINTS,
      K,
    );
    expect(cells.cell("understood", ORGANISATION_ID, "2026-05")).toMatchObject({ state: "shown", people: 11 });
  });
});

describe("cells", () => {
  const tree = buildTeamTree([team("p", null, 9), team("a", "p", 5), team("b", "p", 4)], K);

  test("siblings of 5 and 4 under a parent of 9: only the parent shows", () => {
    const cells = new TrendCells(
      tree,
      rows({ pulses: [pulse("a", "2026-05", 5), pulse("b", "2026-05", 4)] }),
      POINTS,
      K,
    );
    expect(cells.cell("understood", "p", "2026-05")).toMatchObject({ state: "shown", value: 4, people: 9 });
    expect(cells.cell("understood", "a", "2026-05")).toEqual({ state: "suppressed", reason: "complementary" });
    expect(cells.cell("understood", "b", "2026-05")).toEqual({ state: "suppressed", reason: "folded" });
  });

  test("a person joining a team of five: the month is hidden (rule 9), and the organisation's with it", () => {
    const big = buildTeamTree([team("t", null, 6), team("u", null, 12)], K);
    const data = rows({
      pulses: [
        pulse("t", "2026-04", 5),
        pulse("t", "2026-05", 6, { stayed: 5, understood: 5 * 4 + 1 }),
        pulse("u", "2026-04", 10),
        pulse("u", "2026-05", 10, { stayed: 10 }),
      ],
    });
    const cells = new TrendCells(big, data, POINTS, K);
    expect(cells.cell("understood", "t", "2026-05")).toEqual({ state: "suppressed", reason: "changed" });
    expect(cells.cell("understood", "t", "2026-04")).toMatchObject({ state: "shown", people: 5 });
    // The organisation gained one person too; u, the same ten, shows with its change (organisation minus u is t: hidden).
    expect(cells.cell("understood", ORGANISATION_ID, "2026-05")).toEqual({ state: "suppressed", reason: "changed" });
    expect(cells.cell("understood", "u", "2026-05")).toMatchObject({
      state: "shown",
      change: { state: "delta", value: 0 },
    });
  });

  test("someone moving between two teams of one parent stayed in the parent", () => {
    const t = buildTeamTree([team("p", null, 20), team("a", "p", 10), team("b", "p", 10)], K);
    const moves: MoveRow[] = [{ from: "a", to: "b", month: "2026-05", key: "", people: 1 }];
    const data = rows({
      pulses: [
        pulse("a", "2026-04", 10),
        pulse("b", "2026-04", 10),
        pulse("a", "2026-05", 9, { stayed: 9 }),
        pulse("b", "2026-05", 11, { stayed: 10 }),
      ],
      moves: { pulses: moves, meetings: [], lenses: [], points: [] },
    });
    const cells = new TrendCells(t, data, POINTS, K);
    expect(cells.cell("understood", "p", "2026-05")).toMatchObject({ change: { state: "delta" } });
    expect(cells.cell("understood", "a", "2026-05")).toEqual({ state: "suppressed", reason: "changed" });
  });

  test("eNPS and response rate", () => {
    const t = buildTeamTree([team("t", null, 10)], K);
    const data = rows({
      pulses: [pulse("t", "2026-05", 10, { answers: 20, promoters: 8, detractors: 5, overloaded: 50 })],
      meetings: [{ team: "t", month: "2026-05", people: 10, known: 0, stayed: 0, held: 25, answered: 20 }],
    });
    const cells = new TrendCells(t, data, POINTS, K);
    expect(cells.cell("enps", "t", "2026-05")).toMatchObject({ value: 15 });
    expect(cells.cell("response", "t", "2026-05")).toMatchObject({ value: 80 });
  });

  test("the points of a lens show together, only where the lens shows", () => {
    const t = buildTeamTree([team("d", null, 20), team("e", null, 20)], K);
    const data = rows({
      lenses: [rating("d", "2026-05", "overload", 8), rating("e", "2026-05", "overload", 9)],
      points: [
        rating("d", "2026-05", "6", 6),
        rating("d", "2026-05", "7", 3),
        rating("e", "2026-05", "6", 9),
        rating("e", "2026-05", "7", 6),
      ],
    });
    const cells = new TrendCells(t, data, POINTS, K);
    expect(cells.cell("overload", "d", "2026-05")).toMatchObject({ state: "shown" });
    // d's point 7 has 3 people, so point 6 hides with it: d's lens minus point 6 would be point 7.
    expect(cells.pointCell(6, "d", "2026-05")).toEqual({ state: "suppressed", reason: "too-few" });
    expect(cells.pointCell(7, "d", "2026-05")).toEqual({ state: "suppressed", reason: "too-few" });
    // And the organisation minus e would be d's points: e's hide too.
    expect(cells.pointCell(6, "e", "2026-05")).toEqual({ state: "suppressed", reason: "complementary" });
    expect(cells.pointCell(6, ORGANISATION_ID, "2026-05")).toMatchObject({ state: "shown", people: 15 });
  });

  test("points are broken down for the two top levels only", () => {
    const t = buildTeamTree([team("d", null, 20), team("d1", "d", 10)], K);
    expect(() => new TrendCells(t, rows(), POINTS, K).pointCell(6, "d1", "2026-05")).toThrow(/top-level/);
  });
});

describe("property: random trends", () => {
  const months = ["2026-04", "2026-05"];
  const arb = fc.record({
    parents: fc.array(fc.nat(), { minLength: 1, maxLength: 8 }),
    headcounts: fc.array(fc.integer({ min: 0, max: 12 }), { minLength: 8, maxLength: 8 }),
    lens: fc.array(
      fc.tuple(
        fc.nat(8),
        fc.constantFrom(...months),
        fc.integer({ min: 1, max: 9 }),
        fc.integer({ min: 0, max: 9 }),
        fc.integer({ min: 0, max: 9 }),
      ),
      {
        maxLength: 20,
      },
    ),
  });

  test("a shown point always has its lens and its sibling points shown or empty at that team, and k people", () => {
    fc.assert(
      fc.property(arb, ({ parents, headcounts, lens }) => {
        const teams = parents.map((p, i) => team(`t${i}`, i === 0 ? null : `t${p % i}`, headcounts[i]!));
        const tree = buildTeamTree(teams, K);
        // People rating point 6 and point 7 are a subset of those rating the lens; one row per team and month.
        const seen = new Set<string>();
        const lenses: RatingRow[] = [];
        const points: RatingRow[] = [];
        for (const [i, month, extra, p6, p7] of lens) {
          const id = `t${i % teams.length}`;
          if (seen.has(id + month)) continue;
          seen.add(id + month);
          lenses.push(rating(id, month, "overload", Math.max(p6, p7) + extra));
          if (p6) points.push(rating(id, month, "6", p6));
          if (p7) points.push(rating(id, month, "7", p7));
        }
        const cells = new TrendCells(tree, rows({ lenses, points }), POINTS, K);
        for (const node of cells.pointTree.order) {
          for (const month of months) {
            const p6 = cells.pointCell(6, node.id, month);
            const p7 = cells.pointCell(7, node.id, month);
            for (const p of [p6, p7]) {
              if (p.state !== "shown") continue;
              expect(p.people).toBeGreaterThanOrEqual(K);
              expect(cells.cell("overload", node.id, month).state).toBe("shown");
              expect([p6.state, p7.state].every((s) => s === "shown" || s === "empty")).toBe(true);
            }
          }
        }
        for (const node of tree.order)
          for (const month of months)
            for (const l of LENSES) {
              const c = cells.cell(l, node.id, month);
              if (c.state === "shown") expect(c.people).toBeGreaterThanOrEqual(K);
              if (node.folded) expect(c.state === "suppressed" || c.state === "empty").toBe(true);
            }
      }),
      { numRuns: 300 },
    );
  });
});

describe("the team filter's choices", () => {
  // a > b > c > d > e, a deep chain, plus a wide second level under a; every team of 5.
  const chain = ["a", "b", "c", "d", "e"].map((id, i, all) => ({
    id,
    name: id.toUpperCase(),
    parentId: i === 0 ? null : all[i - 1]!,
    headcount: 5,
  }));
  const wide = ["w1", "w2", "w3"].map((id) => ({ id, name: id, parentId: "a", headcount: 5 }));
  const small = { id: "s", name: "S", parentId: "c", headcount: 1 };
  const tree = buildTeamTree([...chain, ...wide, small], 5);
  const choices = teamChoices(tree);

  test("the whole tree from the start, in the tree's order, whatever is looked at", () => {
    // Headcounts roll up, so the chain's deepest team (5) still shows; S (1) is folded into C.
    expect(choices.map((n) => n.id)).toEqual(["all", "a", "b", "c", "d", "e", "w1", "w2", "w3"]);
  });
  test("each nested team is labelled with its path; never a folded team", () => {
    expect(choices.find((n) => n.id === "all")!.label).toBe("Whole organisation");
    expect(choices.find((n) => n.id === "a")!).toEqual({ id: "a", label: "A", depth: 1 });
    expect(choices.find((n) => n.id === "d")!).toEqual({ id: "d", label: "A › B › C › D", depth: 4 });
    expect(choices.find((n) => n.id === "w2")!.label).toBe("A › w2");
    expect(choices.map((n) => n.id)).not.toContain("s");
  });
});

describe("which way is good news", () => {
  test.each([
    ["understood", 0.4, "better"],
    ["understood", -0.4, "worse"],
    ["overloaded", 0.4, "worse"],
    ["overloaded", -0.4, "better"],
    ["enps", 12, "better"],
    ["response", -10, "worse"],
    // The checklist's overload lens is a health rating: 5 is healthiest.
    ["overload", 0.5, "better"],
    ["point", -0.3, "worse"],
    ["overloaded", 0, "same"],
  ] as const)("%s changing by %d is %s", (measure, delta, meaning) => {
    expect(changeMeaning(measure, delta)).toBe(meaning);
  });
  test("every measure has a direction, and only feeling overloaded is better lower", () => {
    for (const q of QUESTIONS) expect(BETTER_WHEN[q]).toMatch(/^(higher|lower)$/);
    expect(Object.entries(BETTER_WHEN).filter(([, d]) => d === "lower")).toEqual([["overloaded", "lower"]]);
  });
});

describe("the months a range is chosen from", () => {
  const finished = monthsBetween("2024-07", "2026-06");

  test("from the first month with data, not before", () => {
    expect(offeredMonths(finished, "2025-12")).toEqual(monthsBetween("2025-12", "2026-06"));
    expect(offeredMonths(finished, "2020-01")).toEqual(finished);
  });
  test("with no data yet, or only this month's, the last finished month alone", () => {
    expect(offeredMonths(finished, null)).toEqual(["2026-06"]);
    expect(offeredMonths(finished, "2026-07")).toEqual(["2026-06"]);
  });
});

describe("the range chosen", () => {
  const offered = monthsBetween("2025-12", "2026-06");

  test("by default the last six months offered, or fewer when data starts later", () => {
    expect(chooseRange({}, monthsBetween("2024-07", "2026-06"))).toEqual({
      from: "2026-01",
      to: "2026-06",
      problem: null,
    });
    expect(chooseRange({}, monthsBetween("2026-04", "2026-06"))).toEqual({
      from: "2026-04",
      to: "2026-06",
      problem: null,
    });
  });
  test("months outside the offered ones are brought inside", () => {
    expect(chooseRange({ from: "2023-01", to: "2027-01" }, offered)).toEqual({
      from: "2025-12",
      to: "2026-06",
      problem: null,
    });
  });
  test("From later than To is refused with a message for the field, and the choice kept, not swapped", () => {
    const range = chooseRange({ from: "2026-05", to: "2026-02" }, offered);
    expect(range.from).toBe("2026-05");
    expect(range.to).toBe("2026-02");
    expect(range.problem).toBe(
      "“From” (May 2026) is later than “To” (Feb 2026): choose a From month up to Feb 2026, or a later To month.",
    );
    expect(chooseRange({ from: "2026-03", to: "2026-03" }, offered).problem).toBeNull();
  });
});

describe("month labels on a chart axis", () => {
  test("every month up to 9, then every 2nd, 3rd, 6th", () => {
    expect([1, 6, 9, 10, 16, 17, 24, 30, 31].map(monthLabelStep)).toEqual([1, 1, 1, 2, 2, 3, 3, 3, 6]);
  });
  test("short ranges label every month", () => {
    const six = monthsBetween("2026-01", "2026-06");
    expect([...labelledMonths(six)]).toEqual(six);
  });
  test("24 months label the quarters' first months: 8 labels, never two neighbours", () => {
    const months = monthsBetween("2024-07", "2026-06");
    const labelled = [...labelledMonths(months)];
    expect(labelled).toEqual(["2024-07", "2024-10", "2025-01", "2025-04", "2025-07", "2025-10", "2026-01", "2026-04"]);
    expect(labelled.map(shortMonthLabel)).toContain("Jan ’25");
  });
  test("12 months label every other month, aligned to the calendar whatever the first month", () => {
    expect([...labelledMonths(monthsBetween("2025-02", "2026-01"))]).toEqual([
      "2025-03",
      "2025-05",
      "2025-07",
      "2025-09",
      "2025-11",
      "2026-01",
    ]);
  });
});

describe("file names", () => {
  test.each([
    ["Whole organisation", "whole-organisation"],
    ["Sales & Marketing (EU)", "sales-marketing-eu"],
    ["Équipe Café", "equipe-cafe"],
    ["../../etc/passwd", "etc-passwd"],
    ['"; rm -rf', "rm-rf"],
    ["日本", "team"],
  ])("%s -> %s", (name, slug) => {
    expect(fileSlug(name)).toBe(slug);
  });
});
