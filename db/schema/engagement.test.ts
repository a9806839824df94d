import { describe, expect, test } from "vitest";
import { decodeRollupRow, encodeRollupRow, type RollupRow } from "./engagement";

const TEAM = "7d1f8a52-0a4e-4c3e-9a8e-0d6f4b1c2e3a";
const FROM = "0b2c4d6e-8f10-4a12-b314-151617181920";

/** Rows as the column already holds them: the decoder names them, the encoder writes them back byte for byte. */
const stored: RollupRow[] = [
  ["pulse", TEAM, null, "", 9, 7, 12, 40, 35, 22, 5, 2],
  ["meeting", null, null, "", 6, 6, 11, 9, 0, 0, 0, 0],
  ["lens", TEAM, null, "overload", 13, 10, 26, 81, 0, 0, 0, 0],
  ["point", TEAM, null, "6", 5, 5, 5, 17, 0, 0, 0, 0],
  ["lens-move", TEAM, FROM, "overload", 2, 0, 0, 0, 0, 0, 0, 0],
];

describe("trend roll-up rows", () => {
  test("a stored row reads by name", () => {
    expect(stored.map(decodeRollupRow)).toEqual([
      {
        kind: "pulse",
        team: TEAM,
        key: "",
        people: 9,
        stayed: 7,
        answers: 12,
        understood: 40,
        progressing: 35,
        overloaded: 22,
        promoters: 5,
        detractors: 2,
      },
      { kind: "meeting", team: null, key: "", people: 6, stayed: 6, held: 11, answered: 9 },
      { kind: "lens", team: TEAM, key: "overload", people: 13, stayed: 10, ratings: 26, total: 81 },
      { kind: "point", team: TEAM, key: "6", people: 5, stayed: 5, ratings: 5, total: 17 },
      { kind: "lens-move", team: TEAM, fromTeam: FROM, key: "overload", people: 2 },
    ]);
  });

  test("encoding a decoded row gives the stored row back", () => {
    for (const row of stored) expect(encodeRollupRow(decodeRollupRow(row))).toEqual(row);
  });
});
