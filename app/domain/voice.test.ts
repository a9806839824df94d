import { describe, expect, test } from "vitest";
import { managerWords, personWord } from "./voice";

const SAM = { id: "sam", name: "Sam Okafor" };

describe("speaking to the reader", () => {
  test("the reader is you; anyone else by name", () => {
    expect(personWord("sam", SAM)).toBe("you");
    expect(personWord("sam", SAM, { capital: true })).toBe("You");
    expect(personWord("ana", SAM)).toBe("Sam Okafor");
  });

  test("no person is someone, or what the caller says", () => {
    expect(personWord("ana", { id: null, name: null })).toBe("someone");
    expect(personWord("ana", { id: null, name: null }, { capital: true })).toBe("Someone");
    expect(personWord("ana", { id: "x", name: null }, { nobody: "a removed account" })).toBe("a removed account");
  });

  test("the manager's side of a commitment", () => {
    expect(managerWords("report")).toBe("your manager");
    expect(managerWords("manager")).toBe("you");
    expect(managerWords("skip-level")).toBe("the manager");
  });
});
