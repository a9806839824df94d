import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { count, eq } from "drizzle-orm";
import type { DatabaseHandle } from "#db/client";
import { signInFailures } from "#db/schema";
import { hashPassword } from "~/auth/password.server";
import { createPerson } from "#tests/setup/db-builders";
import { createTestDatabase } from "#tests/setup/test-database";
import { signIn, THROTTLE } from "./sign-in.server";

let handle: DatabaseHandle;
let aliceId: string;

beforeAll(async () => {
  handle = await createTestDatabase();
  const passwordHash = await hashPassword("correct horse battery");
  aliceId = (await createPerson(handle.db, { email: "alice@test.rapport", passwordHash })).id;
  await createPerson(handle.db, { email: "gone@test.rapport", passwordHash, active: false });
});
afterAll(() => handle.close());

const attempt = (email: string, password: string, ip = "10.0.0.1", now = new Date(), device: string | null = null) =>
  signIn(handle.db, { email, password, ip, device }, now);

describe("sign-in", () => {
  test("the right password signs in, whatever the email's case and spacing", async () => {
    expect(await attempt("  Alice@Test.Rapport ", "correct horse battery")).toEqual({ ok: true, personId: aliceId });
  });

  test("a wrong password and an unknown email get the same answer", async () => {
    const wrong = await attempt("alice@test.rapport", "nope", "10.0.0.2");
    const unknown = await attempt("nobody@test.rapport", "nope", "10.0.0.2");
    expect(wrong).toEqual({ ok: false, reason: "invalid" });
    expect(unknown).toEqual(wrong);
  });

  test("a deactivated person cannot sign in", async () => {
    expect(await attempt("gone@test.rapport", "correct horse battery", "10.0.0.3")).toEqual({
      ok: false,
      reason: "invalid",
    });
  });

  test("a success clears the email's failed attempts", async () => {
    await attempt("alice@test.rapport", "bad", "10.0.0.4");
    await attempt("alice@test.rapport", "correct horse battery", "10.0.0.4");
    const [left] = await handle.db
      .select({ n: count() })
      .from(signInFailures)
      .where(eq(signInFailures.emailKey, "alice@test.rapport"));
    expect(left?.n).toBe(0);
  });
});

describe("throttle", () => {
  test(`after ${THROTTLE.perEmail} failures for one email, even the right password is refused until the window passes`, async () => {
    const now = new Date("2026-06-01T10:00:00Z");
    for (let i = 0; i < THROTTLE.perEmail; i++) {
      expect(await attempt("alice@test.rapport", `guess ${i}`, `10.1.0.${i}`, now)).toMatchObject({
        reason: "invalid",
      });
    }
    const blocked = await attempt("alice@test.rapport", "correct horse battery", "10.1.1.1", now);
    expect(blocked).toMatchObject({ ok: false, reason: "throttled" });
    if (blocked.ok || blocked.reason !== "throttled") throw new Error("unreachable");
    expect(blocked.retryAfterSeconds).toBeGreaterThan(0);

    const later = new Date(now.getTime() + (THROTTLE.windowMinutes + 1) * 60_000);
    expect(await attempt("alice@test.rapport", "correct horse battery", "10.1.1.1", later)).toMatchObject({ ok: true });
  });

  test("unknown emails are throttled exactly like known ones, so the throttle does not reveal who exists", async () => {
    const now = new Date("2026-07-01T10:00:00Z");
    const results = [];
    for (let i = 0; i <= THROTTLE.perEmail; i++)
      results.push(await attempt("ghost@test.rapport", "x", `10.2.0.${i}`, now));
    expect(results.at(-1)).toMatchObject({ reason: "throttled" });
  });

  test("20 parallel wrong guesses for one email: at most 5 reach the password check, and the right password is refused after", async () => {
    const now = new Date("2026-08-01T10:00:00Z");
    const guesses = 20;
    const results = await Promise.all(
      Array.from({ length: guesses }, (_, i) => attempt("alice@test.rapport", `p${i}`, `10.3.0.${i}`, now)),
    );
    // Only a checked password answers "invalid"; a throttled attempt stops before the hash. Each
    // attempt counts every attempt recorded before its own count, so none may be checked at all.
    const checked = results.filter((r) => !r.ok && r.reason === "invalid").length;
    const throttled = results.filter((r) => !r.ok && r.reason === "throttled").length;
    expect(checked).toBeLessThanOrEqual(THROTTLE.perEmail);
    expect(checked + throttled).toBe(guesses);
    expect(await attempt("alice@test.rapport", "correct horse battery", "10.3.1.1", now)).toMatchObject({
      reason: "throttled",
    });

    const [recorded] = await handle.db
      .select({ n: count() })
      .from(signInFailures)
      .where(eq(signInFailures.emailKey, "alice@test.rapport"));
    expect(recorded?.n).toBe(guesses + 1);
  });

  test(`${THROTTLE.perIp + 10} parallel attempts from one address on as many emails: at most ${THROTTLE.perIp} are checked`, async () => {
    const now = new Date("2026-10-01T10:00:00Z");
    const results = await Promise.all(
      Array.from({ length: THROTTLE.perIp + 10 }, (_, i) => attempt(`crowd${i}@test.rapport`, "x", "10.8.8.8", now)),
    );
    const checked = results.filter((r) => !r.ok && r.reason === "invalid").length;
    expect(checked).toBeLessThanOrEqual(THROTTLE.perIp);
    expect(results.filter((r) => !r.ok && r.reason === "throttled").length).toBe(THROTTLE.perIp + 10 - checked);
  });

  test(`one address trying many emails is stopped after ${THROTTLE.perIp}`, async () => {
    const now = new Date("2026-09-01T10:00:00Z");
    let last;
    for (let i = 0; i <= THROTTLE.perIp; i++) last = await attempt(`spray${i}@test.rapport`, "x", "10.9.9.9", now);
    expect(last).toMatchObject({ reason: "throttled" });
  });
});

describe("nobody can lock a person out of the browser they use", () => {
  const OWNER_DEVICE = "ownerDeviceId-000000000";

  test("a stranger's 50 wrong guesses from other addresses leave the owner's browser alone; the stranger is refused", async () => {
    const now = new Date("2026-11-01T10:00:00Z");
    const results = [];
    for (let i = 0; i < 50; i++) results.push(await attempt("alice@test.rapport", `guess ${i}`, `10.4.${i}.1`, now));
    expect(results.filter((r) => !r.ok && r.reason === "invalid")).toHaveLength(THROTTLE.perEmail);
    const last = results.at(-1)!;
    expect(last).toMatchObject({ ok: false, reason: "throttled" });
    if (last.ok || last.reason !== "throttled") throw new Error("unreachable");
    expect(last.retryAfterSeconds).toBeGreaterThanOrEqual(60);
    // Even the right password, from a browser that never signed in as alice.
    expect(await attempt("alice@test.rapport", "correct horse battery", "10.4.99.1", now)).toMatchObject({
      reason: "throttled",
    });

    expect(await attempt("alice@test.rapport", "correct horse battery", "10.4.200.1", now, OWNER_DEVICE)).toEqual({
      ok: true,
      personId: aliceId,
    });
    // The owner's success clears only the browser's own count: the stranger is still refused.
    expect(await attempt("alice@test.rapport", "guess 51", "10.4.51.1", now)).toMatchObject({ reason: "throttled" });
  });

  test("nor does a stranger spraying from the owner's own address (one office, one NAT)", async () => {
    const now = new Date("2026-11-02T10:00:00Z");
    const office = "10.5.0.1";
    for (let i = 0; i <= THROTTLE.perIp; i++)
      await attempt(i % 2 ? "alice@test.rapport" : `colleague${i}@test.rapport`, "x", office, now);
    expect(await attempt("bob@test.rapport", "x", office, now)).toMatchObject({ reason: "throttled" });
    expect(await attempt("alice@test.rapport", "correct horse battery", office, now, OWNER_DEVICE)).toMatchObject({
      ok: true,
    });
  });

  test(`the owner's browser is still slowed: after ${THROTTLE.perDevice} wrong guesses from it, even the right password waits`, async () => {
    const now = new Date("2026-11-03T10:00:00Z");
    for (let i = 0; i < THROTTLE.perDevice; i++) {
      expect(await attempt("alice@test.rapport", `typo ${i}`, "10.6.0.1", now, OWNER_DEVICE)).toMatchObject({
        reason: "invalid",
      });
    }
    const blocked = await attempt("alice@test.rapport", "correct horse battery", "10.6.0.1", now, OWNER_DEVICE);
    expect(blocked).toMatchObject({ ok: false, reason: "throttled" });
    // Another browser she signed in from is a lane of its own.
    expect(
      await attempt("alice@test.rapport", "correct horse battery", "10.6.0.2", now, "otherDeviceId-111111111"),
    ).toMatchObject({ ok: true });
    const later = new Date(now.getTime() + (THROTTLE.windowMinutes + 1) * 60_000);
    expect(await attempt("alice@test.rapport", "correct horse battery", "10.6.0.1", later, OWNER_DEVICE)).toMatchObject(
      { ok: true },
    );
  });

  test(`20 parallel wrong guesses from one trusted browser: at most ${THROTTLE.perDevice} reach the password check`, async () => {
    const now = new Date("2026-11-04T10:00:00Z");
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => attempt("alice@test.rapport", `p${i}`, "10.7.0.1", now, OWNER_DEVICE)),
    );
    expect(results.filter((r) => !r.ok && r.reason === "invalid").length).toBeLessThanOrEqual(THROTTLE.perDevice);
    expect(results.filter((r) => !r.ok && r.reason === "throttled").length).toBeGreaterThanOrEqual(
      20 - THROTTLE.perDevice,
    );
  });
});
