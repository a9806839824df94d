import { describe, expect, test } from "vitest";
import { actorWord, auditSentence, quote, type TrailEvent } from "./audit-sentences";

const MANAGER = "00000000-0000-4000-8000-00000000000a";
const SAM = "00000000-0000-4000-8000-00000000000b";
const asManager = { readerId: MANAGER, pointTitles: { 3: "Their goals, not ours" } };
const asSam = { readerId: SAM, pointTitles: { 3: "Their goals, not ours" } };

const bySam = (e: Partial<TrailEvent>): TrailEvent => ({
  actorId: SAM,
  actorName: "Sam Okafor",
  entity: "goal",
  action: "update",
  changes: {},
  label: null,
  ...e,
});
const byManager = (e: Partial<TrailEvent>): TrailEvent => bySam({ actorId: MANAGER, actorName: "Ana Lima", ...e });

describe("who did it", () => {
  test("the reader is You; anyone else by name; nobody is Someone", () => {
    expect(actorWord({ actorId: MANAGER, actorName: "Ana Lima" }, MANAGER)).toBe("You");
    expect(actorWord({ actorId: SAM, actorName: "Sam Okafor" }, MANAGER)).toBe("Sam Okafor");
    expect(actorWord({ actorId: null, actorName: null }, MANAGER)).toBe("Someone");
  });

  test("the same event reads differently to the one who did it", () => {
    const event = bySam({ action: "progress", changes: { progress: [20, 40] }, label: "Speak at the guild" });
    expect(auditSentence(event, asManager)).toBe("Sam Okafor set the progress of the goal “Speak at the guild” to 40%");
    expect(auditSentence(event, asSam)).toBe("You set the progress of the goal “Speak at the guild” to 40%");
  });

  test("long words are cut short and quoted", () => {
    expect(quote("a ".repeat(50))).toMatch(/^“(a ){29}a…”$/);
    expect(quote("two\n lines")).toBe("“two lines”");
  });
});

describe("goals", () => {
  const label = "Speak at the guild";
  test.each<[Partial<TrailEvent>, string]>([
    [
      { action: "create", changes: { title: [null, label], progress: [null, 0] } },
      "Sam Okafor added the goal “Speak at the guild”",
    ],
    [
      { action: "progress", changes: { progress: [20, 40] }, label },
      "Sam Okafor set the progress of the goal “Speak at the guild” to 40%",
    ],
    [{ action: "progress", changes: { progress: [20, 40] } }, "Sam Okafor set the progress of the goal to 40%"],
    [
      { action: "achieved", changes: { status: ["active", "achieved"] }, label },
      "Sam Okafor marked the goal “Speak at the guild” achieved",
    ],
    [{ action: "dropped", label }, "Sam Okafor dropped the goal “Speak at the guild”"],
    [{ action: "reopen", label }, "Sam Okafor reopened the goal “Speak at the guild”"],
    [
      { action: "update", changes: { title: ["Talk", label] }, label },
      "Sam Okafor edited the goal “Speak at the guild”: renamed it from “Talk” to “Speak at the guild”",
    ],
    [
      { action: "update", changes: { targetDate: [null, "2027-03-03"], whyItMatters: ["a", "b"] }, label },
      "Sam Okafor edited the goal “Speak at the guild”: rewrote why it matters and moved its target date to 3 Mar 2027",
    ],
    [
      { action: "update", changes: { targetDate: ["2027-03-03", null], successMeasure: ["a", "b"] }, label },
      "Sam Okafor edited the goal “Speak at the guild”: rewrote how success will be known and removed its target date",
    ],
  ])("%o", (event, sentence) => {
    expect(auditSentence(bySam({ entity: "goal", ...event }), asManager)).toBe(sentence);
  });
});

describe("risks", () => {
  const label = "Quietly interviewing";
  test.each<[Partial<TrailEvent>, string]>([
    [
      { action: "create", changes: { kind: [null, "flight"], description: [null, label] } },
      "You recorded a flight risk “Quietly interviewing”",
    ],
    [
      { action: "create", changes: { kind: [null, "overload"] }, label },
      "You recorded an overload risk “Quietly interviewing”",
    ],
    [{ action: "close", label }, "You closed the risk “Quietly interviewing”"],
    [
      { action: "close", changes: { note: [null, "Stayed"] }, label },
      "You closed the risk “Quietly interviewing”, noting “Stayed”",
    ],
    [{ action: "reopen", label }, "You reopened the risk “Quietly interviewing”"],
    [
      { action: "review", changes: { reviewOn: ["2026-05-01", "2026-06-01"], note: [null, "Calmer"] }, label },
      "You reviewed the risk “Quietly interviewing” (next review 1 Jun 2026), noting “Calmer”",
    ],
    [
      { action: "review", changes: { reviewOn: ["2026-05-01", null] }, label },
      "You reviewed the risk “Quietly interviewing”",
    ],
    [
      { action: "update", changes: { likelihood: [1, 3], impact: [2, 1], kind: ["other", "change"] }, label },
      "You edited the risk “Quietly interviewing”: made it a change risk, set its likelihood to high and set its impact to low",
    ],
    [
      {
        action: "update",
        changes: {
          pointKey: [null, 8],
          mitigation: ["", "Talk"],
          reviewOn: ["2026-05-01", null],
          description: ["a", label],
        },
        label,
      },
      "You edited the risk “Quietly interviewing”: linked it to checklist point 8, reworded it, rewrote its mitigation and removed its review date",
    ],
  ])("%o", (event, sentence) => {
    expect(auditSentence(byManager({ entity: "risk", ...event }), asManager)).toBe(sentence);
  });
});

describe("commitments", () => {
  const label = "Delegate the release checklist";
  test.each<[TrailEvent, string]>([
    [
      bySam({ action: "propose", changes: { change: [null, label] } }),
      "Sam Okafor proposed the change “Delegate the release checklist”",
    ],
    [bySam({ action: "create", label }), "Sam Okafor proposed the change “Delegate the release checklist”"],
    [byManager({ action: "commit", label }), "You marked the change “Delegate the release checklist” committed"],
    [bySam({ action: "start", label }), "Sam Okafor marked the change “Delegate the release checklist” under way"],
    [bySam({ action: "complete", label }), "Sam Okafor marked the change “Delegate the release checklist” done"],
    [byManager({ action: "abandon", label }), "You abandoned the change “Delegate the release checklist”"],
    [
      byManager({ action: "edit", changes: { firstStep: ["a", "b"], checkInEveryDays: [7, 14] }, label }),
      "You edited the change “Delegate the release checklist”: rewrote the first step and set check-ins every 14 days",
    ],
    [
      bySam({ action: "check-in", changes: { checkIn: [null, "Paired once"], firstStepDone: [false, true] }, label }),
      "Sam Okafor checked in on the change “Delegate the release checklist” and did the first step, noting “Paired once”",
    ],
    [
      bySam({ action: "remorse-check", changes: { stillGlad: [null, true] }, label }),
      "Sam Okafor said they are still glad of the change “Delegate the release checklist”",
    ],
    [
      bySam({ action: "remorse-check", changes: { stillGlad: [null, false], remorseNote: [null, "Too slow"] }, label }),
      "Sam Okafor said they are not really glad of the change “Delegate the release checklist”, noting “Too slow”",
    ],
  ])("%s", (event, sentence) => {
    expect(auditSentence({ ...event, entity: "commitment" }, asManager)).toBe(sentence);
  });

  test("the report reads their own answer as you", () => {
    const event = bySam({ entity: "commitment", action: "remorse-check", changes: { stillGlad: [null, true] }, label });
    expect(auditSentence(event, asSam)).toBe(
      "You said you are still glad of the change “Delegate the release checklist”",
    );
  });
});

describe("checklist ratings", () => {
  test("the manager's rating and the report's self-rating, by point title", () => {
    const mine = byManager({ entity: "assessment", action: "assess-manager", changes: { "point 3": [null, 4] } });
    const theirs = bySam({ entity: "assessment", action: "assess-self", changes: { "point 3": [null, 2] } });
    expect(auditSentence(mine, asManager)).toBe("You rated “Their goals, not ours” 4 of 5");
    expect(auditSentence(theirs, asManager)).toBe("Sam Okafor rated themself 2 of 5 on “Their goals, not ours”");
    expect(auditSentence(theirs, asSam)).toBe("You rated yourself 2 of 5 on “Their goals, not ours”");
  });

  test("a point without a known title is named by its number", () => {
    const event = bySam({ entity: "assessment", action: "assess-self", changes: { "point 9": [null, 5] } });
    expect(auditSentence(event, { readerId: MANAGER })).toBe("Sam Okafor rated themself 5 of 5 on point 9");
  });
});

describe("never a field dump", () => {
  test("an unknown action or entity still reads as a sentence without field names", () => {
    expect(auditSentence(bySam({ action: "archive", label: "X" }), asManager)).toBe("Sam Okafor updated the goal “X”");
    expect(
      auditSentence(bySam({ entity: "action_item", action: "x", changes: { status: ["open", "done"] } }), asManager),
    ).toBe("Sam Okafor updated an action item");
  });
});
