import { describe, expect, test } from "vitest";
import { CHECKLIST_POINTS } from "./checklist-points";

describe("the report's own question for each point (ADR 030)", () => {
  test("every one of the fifteen points has one, each different from the manager's", () => {
    expect(CHECKLIST_POINTS).toHaveLength(15);
    for (const p of CHECKLIST_POINTS) {
      expect(p.selfQuestion.trim(), `point ${p.key}`).not.toBe("");
      if (p.key !== 14) expect(p.selfQuestion, `point ${p.key}`).not.toBe(p.question);
    }
  });

  test("it speaks to the report, never about them or about 'our people'", () => {
    for (const p of CHECKLIST_POINTS) {
      expect(p.selfQuestion, `point ${p.key}`).toMatch(/\byou(r)?\b/i);
      expect(p.selfQuestion, `point ${p.key}`).not.toMatch(/\b(they|them|their|people)\b/i);
      expect(p.selfQuestion.endsWith("?"), `point ${p.key}`).toBe(true);
    }
  });

  test("each scored point is asked so that 1 to 5 answers it: how much, how well, how clearly", () => {
    for (const p of CHECKLIST_POINTS.filter((p) => p.key !== 14)) {
      expect(p.selfQuestion, `point ${p.key}`).toMatch(/^How\b/);
    }
  });
});
