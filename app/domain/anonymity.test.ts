import fc from "fast-check";
import { describe, expect, test } from "vitest";
import {
  canCompare,
  checkMinGroup,
  hiddenLabel,
  isLargeEnough,
  publish,
  publishedText,
  steadyEnough,
  suppressOverTime,
  suppressTree,
  type Crowd,
  type TreeCell,
  type Visibility,
} from "./anonymity";

const crowd = (people: number, known = 0, answers = people): Crowd => ({ people, known, answers });
const cell = (id: string, parentId: string | null, people: number, over: Partial<TreeCell> = {}): TreeCell => ({
  id,
  parentId,
  crowds: [crowd(people)],
  ...over,
});
const decide = (cells: TreeCell[], k = 5) => Object.fromEntries(suppressTree(cells, k));

describe("the threshold", () => {
  test.each([3, 5, 10])("%i is accepted", (k) => expect(checkMinGroup(k)).toBe(k));
  test.each([2, 0, -1, 4.5])("%d is refused", (k) => expect(() => checkMinGroup(k)).toThrow(/below 3/));
  test("a tree is never decided with a threshold below 3", () => {
    expect(() => suppressTree([cell("a", null, 10)], 2)).toThrow(/below 3/);
  });
});

describe("a group large enough", () => {
  test.each([
    [crowd(5), true],
    [crowd(4), false],
    [crowd(5, 1), false], // the viewer subtracts their own answer and four are left
    [crowd(6, 1), true],
    [crowd(5, 5), true], // every answer is one the viewer can already read: nothing new
    [crowd(9, 5), false],
    [crowd(10, 5), true],
  ])("%o -> %s", (c, expected) => expect(isLargeEnough(c, 5)).toBe(expected));
});

describe("suppression over a team tree", () => {
  test("a team of 4 is hidden; its parent shows with them counted", () => {
    expect(decide([cell("org", null, 14), cell("a", "org", 10), cell("b", "org", 4)])).toEqual({
      org: "shown",
      a: "complementary",
      b: "too-few",
    });
  });

  test("siblings of 5 and 4 under a parent of 9: the 5 is hidden too, or 9 - 5 would be the 4", () => {
    expect(decide([cell("p", null, 9), cell("a", "p", 5), cell("b", "p", 4)])).toEqual({
      p: "shown",
      a: "complementary",
      b: "too-few",
    });
  });

  test("the next-smallest sibling is the one hidden", () => {
    const v = decide([
      cell("p", null, 26),
      cell("a", "p", 6),
      cell("b", "p", 12),
      cell("c", "p", 5),
      cell("d", "p", 3),
    ]);
    expect(v).toEqual({ p: "shown", a: "shown", b: "shown", c: "complementary", d: "too-few" });
  });

  test("two hidden siblings of 3 together make 6: nothing more to hide", () => {
    expect(decide([cell("p", null, 16), cell("a", "p", 10), cell("b", "p", 3), cell("c", "p", 3)])).toEqual({
      p: "shown",
      a: "shown",
      b: "too-few",
      c: "too-few",
    });
  });

  test("a parent's own member (the head of department) is protected like a small team", () => {
    // 11 = 1 head + 5 + 5: showing both teams would give the head's answer by subtraction.
    expect(decide([cell("dept", null, 11), cell("a", "dept", 5), cell("b", "dept", 5)])).toEqual({
      dept: "shown",
      a: "complementary",
      b: "shown",
    });
  });

  test("shown grandchildren under a hidden child are subtracted too", () => {
    // root 21 = 1 own + P 20 (hidden by force) ; P = 10 + 10. root - A - B = 1 person.
    const v = decide([
      cell("root", null, 21),
      cell("p", "root", 20, { forced: "complementary" }),
      cell("a", "p", 10),
      cell("b", "p", 10),
    ]);
    expect(v.root).toBe("shown");
    expect([v.a, v.b]).toContain("complementary");
  });

  test("a parent made only of one hidden team is hidden too: it would be that team", () => {
    expect(decide([cell("p", null, 8), cell("a", "p", 8, { forced: "folded" })])).toEqual({
      p: "complementary",
      a: "folded",
    });
  });

  test("a folded team stays hidden whatever its numbers", () => {
    // Eight answers in it, but p - a would be exactly the folded team: a is hidden as well.
    expect(decide([cell("p", null, 20), cell("a", "p", 12), cell("b", "p", 8, { forced: "folded" })])).toEqual({
      p: "shown",
      a: "complementary",
      b: "folded",
    });
  });

  test("an empty cell has nothing to hide and protects nothing", () => {
    expect(decide([cell("p", null, 6), cell("a", "p", 6), cell("b", "p", 0)])).toEqual({
      p: "shown",
      a: "shown",
      b: "empty",
    });
  });

  test("a point group shows only when every point in it is large enough", () => {
    const group = (id: string, parentId: string | null, a: number, b: number): TreeCell => ({
      id,
      parentId,
      crowds: [crowd(a), crowd(b)],
    });
    expect(decide([group("org", null, 12, 12), group("x", "org", 7, 4), group("y", "org", 5, 8)])).toEqual({
      org: "shown",
      x: "too-few",
      y: "complementary",
    });
  });

  test("the viewer's own answers do not count towards a safe remainder", () => {
    // p = 12 with the viewer; a = 6; p - a = 6 people, one of them the viewer: 5 others is enough.
    expect(
      decide([
        { ...cell("p", null, 12), crowds: [crowd(12, 1)] },
        cell("a", "p", 6),
        { ...cell("b", "p", 6), crowds: [crowd(6, 1)] },
      ]),
    ).toEqual({ p: "shown", a: "shown", b: "shown" });
    expect(
      decide([
        { ...cell("p", null, 11), crowds: [crowd(11, 1)] },
        cell("a", "p", 6),
        { ...cell("b", "p", 5), crowds: [crowd(5, 1)] },
      ]),
    ).toEqual({ p: "shown", a: "complementary", b: "too-few" });
  });

  test("a tree whose parent holds fewer than its children is refused, not guessed", () => {
    expect(() => suppressTree([cell("p", null, 3), cell("a", "p", 5)], 5)).toThrow(/less than its children/);
  });
});

describe("month over month", () => {
  test.each([
    [5, 5, 5, true], // the same five people
    [5, 6, 5, false], // one joined a team of five: the change is their answer
    [6, 5, 5, false], // one left
    [5, 5, 4, false], // one swapped for another
    [5, 10, 5, true], // five joined
    [8, 8, 3, true], // five left and five joined
  ])("%i then %i people, %i in both -> %s", (before, after, stayed, expected) => {
    expect(canCompare(crowd(before), crowd(after), stayed, 5)).toBe(expected);
  });

  test("publish shows a change only between two shown, comparable months", () => {
    const shown = (people: number, value: number) => ({
      visibility: "shown" as Visibility,
      crowd: crowd(people),
      value: () => value,
    });
    expect(publish(shown(6, 3.84), { ...shown(5, 3.61), stayed: 5 }, 5)).toEqual({
      state: "shown",
      value: 3.8,
      people: 6,
      change: { state: "not-comparable" },
    });
    expect(publish(shown(5, 3.84), { ...shown(5, 3.61), stayed: 5 }, 5)).toEqual({
      state: "shown",
      value: 3.8,
      people: 5,
      change: { state: "delta", value: 0.2 },
    });
    expect(publish(shown(5, 3.84), { ...shown(5, 3.61), visibility: "too-few", stayed: 5 }, 5)).toMatchObject({
      change: { state: "none" },
    });
  });

  test("a hidden cell publishes its mark and never computes its value", () => {
    const value = () => {
      throw new Error("computed a hidden value");
    };
    const hidden = publish({ visibility: "too-few", crowd: crowd(2), value }, null, 5);
    expect(hidden).toEqual({ state: "suppressed", reason: "too-few" });
    expect(publishedText(hidden, 5)).toBe("suppressed: fewer than 5 people");
    expect(hiddenLabel("complementary", 5)).toMatch(/subtraction/);
  });
});

// ---------- property: random organisations ----------

interface Org {
  k: number;
  parents: number[];
  forced: boolean[];
  people: { node: number; answers: number; known: boolean }[];
}

const orgs: fc.Arbitrary<Org> = fc
  .record({
    k: fc.integer({ min: 3, max: 6 }),
    size: fc.integer({ min: 1, max: 12 }),
  })
  .chain(({ k, size }) =>
    fc.record({
      k: fc.constant(k),
      parents: fc.tuple(
        ...Array.from({ length: size }, (_, i) => (i === 0 ? fc.constant(-1) : fc.integer({ min: 0, max: i - 1 }))),
      ),
      forced: fc.array(
        fc.integer({ min: 0, max: 4 }).map((n) => n === 0),
        { minLength: size, maxLength: size },
      ),
      people: fc.array(
        fc.record({
          node: fc.integer({ min: 0, max: size - 1 }),
          answers: fc.integer({ min: 1, max: 3 }),
          known: fc.integer({ min: 0, max: 9 }).map((n) => n === 0),
        }),
        { maxLength: 45 },
      ),
    }),
  );

function subtreeOf(org: Org, node: number): Set<number> {
  const nodes = new Set([node]);
  for (let i = node + 1; i < org.parents.length; i++) if (nodes.has(org.parents[i]!)) nodes.add(i);
  return nodes;
}

function cellsOf(org: Org): { cells: TreeCell[]; members: Set<number>[] } {
  const members = org.parents.map((_, node) => {
    const nodes = subtreeOf(org, node);
    return new Set(org.people.flatMap((p, i) => (nodes.has(p.node) ? [i] : [])));
  });
  const cells = org.parents.map((parent, node) => {
    const who = [...members[node]!].map((i) => org.people[i]!);
    return {
      id: `n${node}`,
      parentId: parent < 0 ? null : `n${parent}`,
      crowds: [
        crowd(
          who.length,
          who.filter((p) => p.known).length,
          who.reduce((a, p) => a + p.answers, 0),
        ),
      ],
      forced: org.forced[node] && node > 0 ? ("folded" as const) : undefined,
    };
  });
  return { cells, members };
}

/** Whether `target` is a linear combination of `rows` (0/1 vectors over people): exact derivability by adding and subtracting cells. */
function inSpan(rows: number[][], target: number[]): boolean {
  const basis: number[][] = [];
  const reduce = (v: number[]) => {
    const r = [...v];
    for (const b of basis) {
      const pivot = b.findIndex((x) => Math.abs(x) > 1e-9);
      if (Math.abs(r[pivot]!) > 1e-9) {
        const f = r[pivot]! / b[pivot]!;
        for (let i = 0; i < r.length; i++) r[i]! -= f * b[i]!;
      }
    }
    return r;
  };
  for (const row of rows) {
    const r = reduce(row);
    if (r.some((x) => Math.abs(x) > 1e-9)) basis.push(r);
  }
  return reduce(target).every((x) => Math.abs(x) < 1e-9);
}

describe("property: no organisation lets a small group out", () => {
  test("every shown cell has k people, and no hidden cell is a sum or difference of shown ones", () => {
    fc.assert(
      fc.property(orgs, (org) => {
        const { cells, members } = cellsOf(org);
        const visibility = suppressTree(cells, org.k);
        const shown = cells.filter((c) => visibility.get(c.id) === "shown");
        for (const c of shown) expect(isLargeEnough(c.crowds[0]!, org.k)).toBe(true);

        // Whatever a shown cell holds beyond its shown descendants is nobody, or k people (the viewer's own not counting).
        for (const c of shown) {
          const node = Number(c.id.slice(1));
          const rest = new Set(members[node]);
          for (const d of shown) {
            const other = Number(d.id.slice(1));
            if (other !== node && subtreeOf(org, node).has(other)) for (const i of members[other]!) rest.delete(i);
          }
          const who = [...rest].map((i) => org.people[i]!);
          if (who.length) expect(isLargeEnough(crowd(who.length, who.filter((p) => p.known).length), org.k)).toBe(true);
        }

        const vector = (node: number) => org.people.map((_, i) => (members[node]!.has(i) ? 1 : 0));
        const shownRows = shown.map((c) => vector(Number(c.id.slice(1))));
        for (const c of cells) {
          const v = visibility.get(c.id)!;
          if (v === "shown" || v === "empty" || members[Number(c.id.slice(1))]!.size === 0) continue;
          expect(inSpan(shownRows, vector(Number(c.id.slice(1))))).toBe(false);
        }
      }),
      { numRuns: 400 },
    );
  });
});

test("a folded team's whole subtree stays hidden", () => {
  expect(
    decide([cell("org", null, 30), cell("a", "org", 20, { forced: "folded" }), cell("b", "a", 20), cell("c", "b", 20)]),
  ).toEqual({
    org: "shown",
    a: "folded",
    b: "folded",
    c: "folded",
  });
});

// ---------- property: random organisations over months, values and all ----------

/**
 * The attacker of ADR 012 rule 9: they read every shown cell of every month
 * and team (value and head count, so its sum) and assume the worst case, which
 * the data here makes true: each person gives the same answer every month, so
 * a stayer's answers cancel between two months. Every withheld quantity that
 * is a combination of shown sums (a hidden cell by subtraction, a leaver's or
 * joiner's answer from two months' sums, or any mix across teams and months)
 * is then known exactly.
 */
interface Timeline {
  k: number;
  parents: number[];
  forced: boolean[];
  /** Per person: their one answer, and per month the node they answered in (-1: did not answer). */
  people: { value: number; nodes: number[] }[];
  months: number;
}

const timelines: fc.Arbitrary<Timeline> = fc
  .record({
    k: fc.integer({ min: 3, max: 5 }),
    size: fc.integer({ min: 1, max: 6 }),
    months: fc.integer({ min: 2, max: 4 }),
  })
  .chain(({ k, size, months }) =>
    fc.record({
      k: fc.constant(k),
      months: fc.constant(months),
      parents: fc.tuple(
        ...Array.from({ length: size }, (_, i) => (i === 0 ? fc.constant(-1) : fc.integer({ min: 0, max: i - 1 }))),
      ),
      forced: fc.array(
        fc.integer({ min: 0, max: 5 }).map((n) => n === 0),
        { minLength: size, maxLength: size },
      ),
      people: fc.array(
        fc
          .record({
            value: fc.integer({ min: 1, max: 5 }),
            home: fc.integer({ min: 0, max: size - 1 }),
            // Per month: answers in their team (most often), skips the month, or answers from another team.
            steps: fc.array(fc.integer({ min: 0, max: 9 }), { minLength: months, maxLength: months }),
            other: fc.integer({ min: 0, max: size - 1 }),
          })
          .map(({ value, home, steps, other }) => ({
            value,
            nodes: steps.map((s) => (s <= 6 ? home : s === 7 ? -1 : s === 8 ? other : -1)),
          })),
        { maxLength: 28 },
      ),
    }),
  );

function timelineCells(t: Timeline): {
  months: TreeCell[][];
  members: Set<number>[][];
} {
  const subtrees = t.parents.map((_, node) => {
    const nodes = new Set([node]);
    for (let i = node + 1; i < t.parents.length; i++) if (nodes.has(t.parents[i]!)) nodes.add(i);
    return nodes;
  });
  const members = Array.from({ length: t.months }, (_, m) =>
    t.parents.map(
      (_, node) =>
        new Set(t.people.flatMap((p, i) => (p.nodes[m]! >= 0 && subtrees[node]!.has(p.nodes[m]!) ? [i] : []))),
    ),
  );
  const months = members.map((month) =>
    t.parents.map((parent, node) => {
      const who = [...month[node]!].map((i) => t.people[i]!);
      return {
        id: `n${node}`,
        parentId: parent < 0 ? null : `n${parent}`,
        crowds: [{ ...crowd(who.length), uniform: who.length > 0 && who.every((p) => p.value === who[0]!.value) }],
        forced: t.forced[node] && node > 0 ? ("folded" as const) : undefined,
      };
    }),
  );
  return { months, members };
}

/** Solves what a set of 0/1 rows over people pins down: for a target row, its exact sum when it is a combination of the rows. */
function implied(rows: { row: number[]; sum: number }[], target: number[]): number | null {
  const basis: { row: number[]; sum: number; pivot: number }[] = [];
  const reduce = (row: number[], sum: number) => {
    const r = [...row];
    let s = sum;
    for (const b of basis) {
      if (Math.abs(r[b.pivot]!) > 1e-9) {
        const f = r[b.pivot]! / b.row[b.pivot]!;
        for (let i = 0; i < r.length; i++) r[i]! -= f * b.row[i]!;
        s -= f * b.sum;
      }
    }
    return { r, s };
  };
  for (const { row, sum } of rows) {
    const { r, s } = reduce(row, sum);
    const pivot = r.findIndex((x) => Math.abs(x) > 1e-9);
    if (pivot >= 0) basis.push({ row: r, sum: s, pivot });
  }
  const { r, s } = reduce(target, 0);
  return r.every((x) => Math.abs(x) < 1e-9) ? -s : null;
}

describe("property: no organisation lets a withheld value out over the months", () => {
  // (With k = 4 the cells are compared with every earlier month, as the trends do.)
  test("no hidden cell and no one person's answer is within 0.5 of what the shown cells imply", () => {
    fc.assert(
      fc.property(timelines, (t) => {
        const { months, members } = timelineCells(t);
        const common = (id: string, _column: number, later: number, earlier: number) => {
          const node = Number(id.slice(1));
          return [...members[later]![node]!].filter((i) => members[earlier]![node]!.has(i)).length;
        };
        const decided = suppressOverTime(months, common, t.k, { everyEarlierMonth: t.k === 4 });
        const vector = (set: Set<number>) => t.people.map((_, i) => (set.has(i) ? 1 : 0));
        const sumOf = (set: Set<number>) => [...set].reduce((a, i) => a + t.people[i]!.value, 0);
        const key = (set: Set<number>) => [...set].sort((a, b) => a - b).join(",");

        // What the attacker combines: every shown cell of one month (subtraction), and a team's two shown months
        // (a leaver's or joiner's answer from two months' sums). Combinations of three or more months are the
        // limit of a rule decided from counts: ADR 012, "Not done".
        const views = new Map<string, { row: number[]; sum: number }[]>();
        const shownSets = new Set<string>();
        const withheld: { what: string; row: number[]; mean: number; size: number; set: string }[] = [];
        months.forEach((cells, m) =>
          cells.forEach((c, node) => {
            const set = members[m]![node]!;
            const v = decided[m]!.get(c.id)!;
            if (v === "shown") {
              expect(set.size).toBeGreaterThanOrEqual(t.k);
              expect(c.crowds[0]!.uniform).toBe(false);
              shownSets.add(key(set));
              views.set(`month ${m}`, [...(views.get(`month ${m}`) ?? []), { row: vector(set), sum: sumOf(set) }]);
            } else if (set.size > 0 && set.size < t.k)
              // Withheld: a group of fewer than k. (Rule 9 lets a change of k people or more be worked out, as rule 1
              // lets a group of k show; that such a worked-out group may have answered all alike is in "Not done".)
              withheld.push({
                what: `${c.id} in month ${m} (${v})`,
                row: vector(set),
                mean: sumOf(set) / set.size,
                size: set.size,
                set: key(set),
              });
          }),
        );
        // A team's two months, each shown or worked out from its month's shown cells.
        const known = (m: number, node: number) =>
          decided[m]!.get(`n${node}`) === "shown" ||
          (members[m]![node]!.size > 0 && implied(views.get(`month ${m}`) ?? [], vector(members[m]![node]!)) !== null);
        t.parents.forEach((_, node) => {
          for (let m = 1; m < t.months; m++)
            for (let j = 0; j < m; j++) {
              if (!known(j, node) || !known(m, node)) continue;
              views.set(`team n${node} in months ${j} and ${m}`, [
                { row: vector(members[j]![node]!), sum: sumOf(members[j]![node]!) },
                { row: vector(members[m]![node]!), sum: sumOf(members[m]![node]!) },
              ]);
            }
        });
        t.people.forEach((p, i) => {
          if (p.nodes.some((n) => n >= 0))
            withheld.push({ what: `person ${i}'s answer`, row: vector(new Set([i])), mean: p.value, size: 1, set: "" });
        });
        for (const w of withheld) {
          // A hidden cell holding exactly the people of a cell shown in another month says nothing new.
          if (shownSets.has(w.set)) continue;
          for (const [view, rows] of views) {
            const sum = implied(rows, w.row);
            if (sum !== null && Math.abs(sum / w.size - w.mean) < 0.5)
              expect.fail(`${w.what} is ${w.mean}, and ${view} implies ${sum / w.size}`);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  test("a shown month never changes when later months arrive", () => {
    fc.assert(
      fc.property(timelines, (t) => {
        const { months, members } = timelineCells(t);
        const common = (id: string, _c: number, later: number, earlier: number) => {
          const node = Number(id.slice(1));
          return [...members[later]![node]!].filter((i) => members[earlier]![node]!.has(i)).length;
        };
        const all = suppressOverTime(months, common, t.k);
        const fewer = suppressOverTime(months.slice(0, -1), common, t.k);
        fewer.forEach((v, m) => expect(all[m]).toEqual(v));
      }),
      { numRuns: 100 },
    );
  });
});

describe("differencing over time", () => {
  const team = (people: number, over: Partial<Crowd> = {}): TreeCell[] => [
    { id: "t", parentId: null, crowds: [{ ...crowd(people), ...over }] },
  ];
  test.each([
    [7, 6, 6, true, false], // the example: one left a team of seven, the later month is hidden
    [7, 7, 7, true, true], // the same seven
    [5, 10, 5, true, true], // five joined
    [6, 6, 5, true, false], // one swapped for another
  ])("%i then %i people, %i in both: first shown %s, second shown %s", (before, after, both, first, second) => {
    const decided = suppressOverTime([team(before), team(after)], () => both, 5);
    expect(decided.map((d) => d.get("t") === "shown")).toEqual([first, second]);
  });

  test("a month is compared with every earlier month shown, not only the one before", () => {
    // Jan: 7 people; Feb: the same 6 of them (hidden: one left); Mar: those 6 again. Jan minus Mar would be the leaver.
    const common = (_id: string, _c: number, later: number, earlier: number) => (earlier === 0 ? 6 : 6);
    const decided = suppressOverTime([team(7), team(6), team(6)], common, 5);
    expect(decided.map((d) => d.get("t"))).toEqual(["shown", "changed", "changed"]);
  });

  test("compared with every earlier month, a team hidden before is compared too", () => {
    // A team of 4 (too few) becomes 5: by default nothing shown before, so it shows; with every earlier month, one
    // joined since the month before and it hides.
    expect(suppressOverTime([team(4), team(5)], () => 4, 5).map((d) => d.get("t"))).toEqual(["too-few", "shown"]);
    expect(
      suppressOverTime([team(4), team(5)], () => 4, 5, { everyEarlierMonth: true }).map((d) => d.get("t")),
    ).toEqual(["too-few", "changed"]);
  });

  test("unknown overlap is proved only by head counts k or more apart", () => {
    expect(steadyEnough(7, 6, null, 5)).toBe(false);
    expect(steadyEnough(7, 12, null, 5)).toBe(true);
    expect(steadyEnough(7, 7, 7, 5)).toBe(true);
    expect(steadyEnough(7, 7, 5, 5)).toBe(false);
  });

  test("a team hidden for a change is protected from its parent like any hidden cell", () => {
    const month = (a: number, b: number): TreeCell[] => [cell("p", null, a + b), cell("a", "p", a), cell("b", "p", b)];
    // a grows from 6 to 7 and p from 12 to 13: both hidden; b, the same six, shows: p minus b is a, hidden too.
    const common = (id: string) => (id === "a" ? 6 : id === "b" ? 6 : 12);
    const [, second] = suppressOverTime([month(6, 6), month(7, 6)], common, 5);
    expect(Object.fromEntries(second!)).toEqual({ p: "changed", a: "changed", b: "shown" });
  });

  test("a team hidden for a change is not left as the sum of its shown teams", () => {
    const month = (own: number, a: number, b: number): TreeCell[] => [
      cell("p", null, own + a + b),
      cell("a", "p", a),
      cell("b", "p", b),
    ];
    // Six move from b to a (a 6 -> 12, b 12 -> 6: both changed by six and show) and p's own member leaves: p
    // changed by one and is hidden, and p = a + b would give it away, so the smaller of a and b hides too.
    const common = (id: string) => (id === "p" ? 18 : 6);
    const [, second] = suppressOverTime([month(1, 6, 12), month(0, 12, 6)], common, 5);
    expect(Object.fromEntries(second!)).toEqual({ p: "changed", a: "shown", b: "complementary" });
  });

  test("a cell in which every answer is the same is hidden as too few", () => {
    expect(decide([{ id: "t", parentId: null, crowds: [{ ...crowd(9), uniform: true }] }])).toEqual({ t: "too-few" });
    expect(hiddenLabel("changed", 5)).toBe("suppressed: fewer than 5 people joined or left since an earlier month");
  });
});
