import { describe, expect, test } from "vitest";
import {
  chartErrors,
  descendantsOf,
  lineChangeConsequence,
  lineChangeSentence,
  managerLineChangeSentences,
  nonEmptyTeamMessage,
  teamMoveProblem,
  wouldCreateCycle,
} from "./org-chart";

// ceo <- vp <- lead <- dev ; other reports to ceo
const chart = new Map<string, string | null>([
  ["ceo", null],
  ["vp", "ceo"],
  ["lead", "vp"],
  ["dev", "lead"],
  ["other", "ceo"],
]);

describe("reporting lines never loop", () => {
  test.each([
    ["dev", "other", false, "a move across the tree"],
    ["other", "dev", false, "under someone in another branch"],
    ["vp", "dev", true, "under one's own report's report"],
    ["ceo", "dev", true, "the top under the bottom"],
    ["lead", "lead", true, "oneself"],
    ["dev", null, false, "no manager at all"],
  ] as const)("%s under %s -> loop %s (%s)", (person, manager, loop, _why) => {
    expect(wouldCreateCycle(chart, person, manager)).toBe(loop);
  });
});

describe("an org-chart file is checked across rows and against what is stored", () => {
  const active = new Set(chart.keys());
  test("a valid file has no errors", () => {
    expect(
      chartErrors(
        [
          { row: 2, email: "new", managerEmail: "lead" },
          { row: 3, email: "newer", managerEmail: "new" },
        ],
        chart,
        active,
      ),
    ).toEqual([]);
  });
  test("duplicates, unknown managers, self-management and loops are each reported with their row", () => {
    expect(
      chartErrors(
        [
          { row: 2, email: "a", managerEmail: "ghost" },
          { row: 3, email: "b", managerEmail: "b" },
          { row: 4, email: "a", managerEmail: null },
          { row: 5, email: "vp", managerEmail: "dev" },
        ],
        chart,
        active,
      ),
    ).toEqual([
      "Row 4: a already appears on row 2.",
      "Row 2: manager_email ghost is not in the file or an active person in Rapport.",
      "Row 3: b cannot be their own manager.",
      "Row 5: reporting to dev makes a loop: vp → dev → lead → vp.",
    ]);
  });
  test("a loop formed only by two rows of the file together", () => {
    expect(
      chartErrors(
        [
          { row: 2, email: "x", managerEmail: "y" },
          { row: 3, email: "y", managerEmail: "x" },
        ],
        chart,
        active,
      ),
    ).toEqual(["Row 2: reporting to y makes a loop: x → y → x."]);
  });
});

describe("telling a person their reporting line changed", () => {
  const base = {
    on: "3 Jun 2026",
    fromName: "Fay Former",
    toName: "Mo Manager",
    byName: "Ada Admin",
    byThemselves: false,
  };

  test("says who changed it, from whom to whom, and when", () => {
    expect(lineChangeSentence(base)).toBe(
      "On 3 Jun 2026, Ada Admin changed your manager from Fay Former to Mo Manager.",
    );
    expect(lineChangeSentence({ ...base, fromName: null })).toBe(
      "On 3 Jun 2026, Ada Admin changed your manager to Mo Manager.",
    );
    expect(lineChangeSentence({ ...base, byName: null })).toBe(
      "On 3 Jun 2026, your manager was changed from Fay Former to Mo Manager.",
    );
    expect(lineChangeSentence({ ...base, toName: null })).toBe(
      "On 3 Jun 2026, Ada Admin ended your reporting line to Fay Former: nobody is your manager in Rapport now.",
    );
  });

  test("names an admin who made themselves the manager for what it is", () => {
    expect(lineChangeSentence({ ...base, toName: "Ada Admin", byThemselves: true })).toBe(
      "On 3 Jun 2026, Ada Admin made themselves your manager in place of Fay Former.",
    );
  });

  test("says what passes to the new manager and what stays with the earlier line", () => {
    expect(lineChangeConsequence("Mo Manager")).toMatch(
      /^Mo Manager can now read .* What earlier managers wrote about you stays with them\.$/,
    );
    expect(lineChangeConsequence(null)).toBe("What earlier managers wrote about you stays with them.");
  });
});

describe("who is below someone", () => {
  test("a person's reports and theirs, nearest first; nobody below the bottom", () => {
    expect(descendantsOf(chart, "vp")).toEqual(["lead", "dev"]);
    expect(descendantsOf(chart, "ceo")).toEqual(["vp", "other", "lead", "dev"]);
    expect(descendantsOf(chart, "dev")).toEqual([]);
  });
  test("an existing loop ends the walk", () => {
    const loop = new Map<string, string | null>([
      ["a", "b"],
      ["b", "a"],
    ]);
    expect(descendantsOf(loop, "a")).toEqual(["b"]);
  });
});

describe("a team is never part of itself", () => {
  // platform <- squad <- pod ; sales
  const tree = new Map<string, string | null>([
    ["platform", null],
    ["squad", "platform"],
    ["pod", "squad"],
    ["sales", null],
  ]);
  const name = (id: string) => id[0]!.toUpperCase() + id.slice(1);
  test.each([
    ["squad", "sales", "across the tree"],
    ["pod", null, "to the top level"],
    ["sales", "pod", "under a leaf of another branch"],
    ["pod", "platform", "up the same branch"],
  ] as const)("%s under %s is allowed (%s)", (team, parent, _why) => {
    expect(teamMoveProblem(tree, name, team, parent)).toBeNull();
  });
  test("under itself", () => {
    expect(teamMoveProblem(tree, name, "squad", "squad")).toBe("Squad cannot be part of itself.");
  });
  test("under its own sub-team, naming the chain", () => {
    expect(teamMoveProblem(tree, name, "platform", "pod")).toBe(
      "Platform cannot be part of Pod: Pod is already inside Platform (Pod → Squad → Platform). Choose a team outside Platform, or the top level.",
    );
  });
});

describe("only an empty team is removed", () => {
  test("an empty team has nothing to say", () => {
    expect(nonEmptyTeamMessage("Sales", { active: 0, inactive: 0, children: [] })).toBeNull();
  });
  test.each([
    [
      { active: 1, inactive: 0, children: [] },
      "Sales still has 1 person in it. Move the people to another team first: only an empty team can be removed.",
    ],
    [
      { active: 2, inactive: 1, children: [] },
      "Sales still has 3 people (1 of them deactivated) in it. Move the people to another team first: only an empty team can be removed.",
    ],
    [
      { active: 0, inactive: 0, children: ["Inbound"] },
      "Sales still has 1 team (Inbound) in it. Move the teams elsewhere first: only an empty team can be removed.",
    ],
    [
      { active: 0, inactive: 1, children: ["A", "B"] },
      "Sales still has 1 person (deactivated) and 2 teams (A, B) in it. Move the people to another team and the teams elsewhere first: only an empty team can be removed.",
    ],
  ])("%o", (contents, message) => {
    expect(nonEmptyTeamMessage("Sales", contents)).toBe(message);
  });
});

describe("what each manager of a change is told (ADR 043)", () => {
  const facts = { on: "3 Jun 2026", fromName: "Fay Former", toName: "Mo Manager", byName: "Adam Admin" };
  test("the one who had the person: where they went, and that the 1:1s pass only if shared", () => {
    expect(managerLineChangeSentences("from", "Alice", facts)).toEqual([
      "On 3 Jun 2026, Adam Admin moved Alice to Mo Manager.",
      "Your 1:1s with Alice stay between the two of you: Mo Manager reads them only if Alice shares them. What you wrote about them stays with you.",
    ]);
    expect(managerLineChangeSentences("from", "Alice", { ...facts, toName: null, byName: null })[0]).toBe(
      "On 3 Jun 2026, A directory sync moved Alice out of your line: nobody is their manager in Rapport now.",
    );
  });
  test("the one who has them now: what they read, and what they do not unless shared", () => {
    expect(managerLineChangeSentences("to", "Alice", facts)).toEqual([
      "On 3 Jun 2026, Adam Admin made you Alice's manager in place of Fay Former.",
      "You can read their goals and change commitments now. Their 1:1s with earlier managers stay between them, unless Alice shares them with you.",
    ]);
  });
});
