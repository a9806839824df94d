import { describe, expect, test } from "vitest";
import fc from "fast-check";
import { afterFailure, DEFAULT_RETRY_POLICY, isPermanentFailure, retryDelayMs, type RetryPolicy } from "./mail-retry";

const policy: RetryPolicy = { baseDelayMs: 1_000, maxDelayMs: 60_000, maxAttempts: 5 };
const now = new Date("2026-05-04T09:00:00Z");

describe("retryDelayMs", () => {
  test.each([
    [1, 500, 1_000],
    [2, 1_000, 2_000],
    [3, 2_000, 4_000],
    [6, 16_000, 32_000],
    [7, 30_000, 60_000],
    [40, 30_000, 60_000],
  ])("after %i failed attempts the wait is between %i and %i ms", (attempts, low, high) => {
    expect(retryDelayMs(attempts, policy, () => 0)).toBe(low);
    expect(retryDelayMs(attempts, policy, () => 1)).toBe(high);
  });

  test("is always between half and all of the capped exponential wait", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2_000 }), fc.double({ min: 0, max: 1, noNaN: true }), (attempts, r) => {
        const full = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempts - 1));
        const wait = retryDelayMs(attempts, policy, () => r);
        return Number.isFinite(wait) && wait >= Math.floor(full / 2) && wait <= full;
      }),
    );
  });

  test("the default policy retries for about three hours", () => {
    let total = 0;
    for (let a = 1; a < DEFAULT_RETRY_POLICY.maxAttempts; a++) total += retryDelayMs(a, DEFAULT_RETRY_POLICY, () => 1);
    expect(total / 3_600_000).toBeGreaterThan(2);
    expect(total / 3_600_000).toBeLessThan(4);
  });
});

describe("which failures are worth another attempt", () => {
  test.each([
    [{ code: "ECONNECTION" }, false],
    [{ code: "ETIMEDOUT" }, false],
    [{ code: "EENVELOPE", responseCode: 451 }, false],
    [{ code: "EENVELOPE", responseCode: 550 }, true],
    [{ code: "EMESSAGE", responseCode: 554 }, true],
    [{ code: "EAUTH", responseCode: 535 }, false],
    [{}, false],
  ])("%o is permanent: %s", (failure, permanent) => {
    expect(isPermanentFailure(failure)).toBe(permanent);
  });

  test("a transient failure is retried until the attempts run out", () => {
    expect(afterFailure(1, { code: "ECONNECTION" }, now, policy, null, () => 1)).toEqual({
      retry: true,
      at: new Date(now.getTime() + 1_000),
    });
    expect(afterFailure(5, { code: "ECONNECTION" }, now, policy)).toEqual({ retry: false, reason: "out of attempts" });
  });

  test("a refusal is not retried, and nor is a retry that would come after the message expires", () => {
    expect(afterFailure(1, { responseCode: 550 }, now, policy)).toEqual({ retry: false, reason: "refused" });
    const expiresAt = new Date(now.getTime() + 900);
    expect(afterFailure(1, {}, now, policy, expiresAt, () => 1)).toEqual({ retry: false, reason: "would expire" });
    expect(afterFailure(1, {}, now, policy, new Date(now.getTime() + 5_000), () => 1)).toMatchObject({ retry: true });
  });
});
