import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { safeRedirect } from "./session.server";

const OURS = "http://rapport.test";

describe("safeRedirect", () => {
  test.each([
    ["/me", "/me"],
    ["/people/1?tab=risks#open", "/people/1?tab=risks#open"],
    ["/a/../b", "/b"],
    ["/ü", "/%C3%BC"],
  ])("keeps a path of ours: %j -> %j", (to, expected) => {
    expect(safeRedirect(to)).toBe(expected);
  });

  test.each([
    "/\t/evil.example/",
    "/\t\\evil.example/",
    "/%09/evil.example/",
    "//evil.example",
    "/\\evil.example",
    "/.//evil.example",
    "/%2e//evil.example",
    "/%2e//",
    "/me\n",
    "/me\r",
    "/me\v",
    "/me\0",
    "/me%0A",
    "https://evil.example/",
    "javascript:alert(1)",
    "me",
    "",
    "/%E0%A4%A",
    `/${"a".repeat(2001)}`,
  ])("sends %j to the fallback", (to) => {
    expect(safeRedirect(to, "/home")).toBe("/home");
  });

  test("whatever it is given, the answer is the fallback or a same-origin path a header can carry", () => {
    const pieces = fc.constantFrom(
      "/",
      "\\",
      "\t",
      "\n",
      "\r",
      "\v",
      "\0",
      ".",
      "..",
      "%",
      "%2e",
      "%09",
      "%5c",
      "?",
      "#",
      "evil.example",
      "@",
      ":",
      "ü",
      " ",
    );
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.array(pieces).map((p) => `/${p.join("")}`),
        ),
        (to) => {
          const result = safeRedirect(to, "/fallback");
          if (result === "/fallback") return;
          expect(result).toMatch(/^\/(?![/\\])[\x21-\x7e]*$/);
          expect(new URL(result, OURS).origin).toBe(OURS);
          expect(() => new Headers({ Location: result })).not.toThrow();
        },
      ),
      { numRuns: 2000 },
    );
  });
});
