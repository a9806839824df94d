import { describe, expect, test } from "vitest";
import { homeLinks, homePath } from "./navigation";

const paths = (roles: Parameters<typeof homeLinks>[0]) => homeLinks(roles).map((l) => l.to);

describe("the header's links follow the roles", () => {
  test.each([
    // Everyone settles the follow-ups of their own 1:1s.
    [[], ["/me", "/me/history", "/follow-ups"]],
    [["manager"], ["/people", "/follow-ups", "/my-team/trends", "/me", "/me/history"]],
    // HR who also manage read their line inside the trends by team: no second slicing to subtract.
    [
      ["manager", "hr"],
      ["/people", "/follow-ups", "/me", "/me/history", "/trends"],
    ],
    [["hr"], ["/me", "/me/history", "/follow-ups", "/trends"]],
    [["admin"], ["/me", "/me/history", "/follow-ups", "/admin/people"]],
  ] as const)("%j sees %j", (roles, expected) => {
    expect(paths(roles)).toEqual(expected);
  });

  test("everyone lands on the work they most likely came for", () => {
    expect(homePath(["manager", "hr"])).toBe("/people");
    expect(homePath(["hr"])).toBe("/trends");
    expect(homePath(["admin"])).toBe("/admin/people");
    expect(homePath([])).toBe("/me");
  });
});
