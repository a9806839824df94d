import { afterEach, describe, expect, test, vi } from "vitest";
import { Memo } from "./cache.server";

describe("the trends memo", () => {
  afterEach(() => vi.useRealTimers());

  const counter = () => {
    let calls = 0;
    return { load: () => ++calls, calls: () => calls };
  };

  test("one load per owner and key, for as long as it is kept", () => {
    vi.useFakeTimers({ now: new Date("2026-07-15T12:00:00Z") });
    const memo = new Memo<object, number>(10);
    const owner = {};
    const c = counter();
    expect(memo.get(owner, ["teams", "viewer", true], 60, c.load)).toBe(1);
    expect(memo.get(owner, ["teams", "viewer", true], 60, c.load)).toBe(1);
    expect(memo.get(owner, ["teams", "viewer", false], 60, c.load)).toBe(2);
    expect(memo.get({}, ["teams", "viewer", true], 60, c.load)).toBe(3);
    vi.advanceTimersByTime(61_000);
    expect(memo.get(owner, ["teams", "viewer", true], 60, c.load)).toBe(4);
  });

  test("keys are told apart whatever their parts hold", () => {
    const memo = new Memo<object, number>(10);
    const owner = {};
    const c = counter();
    memo.get(owner, ["a|b", "c"], 60, c.load);
    memo.get(owner, ["a", "b|c"], 60, c.load);
    memo.get(owner, [["2026-05", "2026-06"], []], 60, c.load);
    memo.get(owner, [["2026-05"], ["2026-06"]], 60, c.load);
    expect(c.calls()).toBe(4);
  });

  test("0 seconds keeps nothing; Infinity keeps until pushed out", () => {
    const memo = new Memo<object, number>(2);
    const owner = {};
    const c = counter();
    memo.get(owner, ["x"], 0, c.load);
    memo.get(owner, ["x"], 0, c.load);
    expect(c.calls()).toBe(2);
    memo.get(owner, ["a"], Infinity, c.load);
    memo.get(owner, ["b"], Infinity, c.load);
    memo.get(owner, ["a"], Infinity, c.load);
    expect(c.calls()).toBe(4);
    memo.get(owner, ["c"], Infinity, c.load); // the third pushes out the oldest stored
    memo.get(owner, ["b"], Infinity, c.load);
    expect(c.calls()).toBe(5);
    memo.get(owner, ["a"], Infinity, c.load);
    expect(c.calls()).toBe(6);
  });

  test("a failed load is not kept, and forget drops an owner's entries", async () => {
    const memo = new Memo<object, Promise<number>>(10);
    const owner = {};
    await expect(memo.get(owner, ["k"], 60, () => Promise.reject(new Error("database away")))).rejects.toThrow(
      "database away",
    );
    await expect(memo.get(owner, ["k"], 60, () => Promise.resolve(1))).resolves.toBe(1);
    await expect(memo.get(owner, ["k"], 60, () => Promise.resolve(2))).resolves.toBe(1);
    memo.forget(owner);
    await expect(memo.get(owner, ["k"], 60, () => Promise.resolve(3))).resolves.toBe(3);
  });
});
