import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { eq } from "drizzle-orm";
import type { DatabaseHandle } from "#db/client";
import { people, sessions } from "#db/schema";
import type { Viewer } from "~/auth/policies";
import { hashPassword } from "~/auth/password.server";
import { createPerson, pendingPasswordToken } from "#tests/setup/db-builders";
import { createTestDatabase } from "#tests/setup/test-database";
import { getPersonForAdmin, setPersonActive, updatePersonAsAdmin } from "./org.server";
import { changePassword, sendPasswordLinkAsAdmin, usePasswordToken } from "./passwords.server";
import {
  SESSION_DAYS,
  TOUCH_EVERY_MS,
  createSession,
  findSession,
  listActiveSessions,
  revokeAllSessions,
  revokeOtherSessions,
  revokeSession,
  revokeSessionByToken,
} from "./sessions.server";

let handle: DatabaseHandle;
let admin: Viewer;
const T0 = new Date("2026-03-02T09:00:00Z");
const minutes = (n: number) => new Date(T0.getTime() + n * 60_000);
const days = (n: number) => new Date(T0.getTime() + n * 24 * 60 * 60_000);

beforeAll(async () => {
  handle = await createTestDatabase();
  const a = await createPerson(handle.db, { email: "admin@sessions.test", name: "Ada", roles: ["admin"] });
  admin = { id: a.id, name: a.name, email: a.email, roles: ["admin"] };
});
afterAll(() => handle.close());

const person = async (values: Parameters<typeof createPerson>[1] = {}) => (await createPerson(handle.db, values)).id;
const start = (personId: string, now = T0, extra: { userAgent?: string; clientAddress?: string } = {}) =>
  createSession(handle.db, { personId, ...extra }, now);
const rowOf = async (id: string) => (await handle.db.select().from(sessions).where(eq(sessions.id, id)))[0];

describe("a session", () => {
  test("stores the token's SHA-256, never the token", async () => {
    const s = await start(await person(), T0, { userAgent: "Firefox/128.0", clientAddress: "203.0.113.7" });
    expect(s.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const row = await rowOf(s.id);
    expect(row!.tokenHash).toBe(createHash("sha256").update(s.token).digest("hex"));
    expect(JSON.stringify(row)).not.toContain(s.token);
    expect(row).toMatchObject({
      userAgent: "Firefox/128.0",
      clientAddress: "203.0.113.7",
      createdAt: T0,
      lastSeenAt: T0,
      revokedAt: null,
    });
  });

  test("tokens are fresh every time, even for the same person at the same instant", async () => {
    const id = await person();
    const [a, b] = await Promise.all([start(id), start(id)]);
    expect(a.token).not.toBe(b.token);
  });

  test("names its person as a viewer, roles and earned manager role included", async () => {
    const boss = await person({ roles: ["hr"] });
    await person({ managerId: boss });
    const s = await start(boss);
    const found = await findSession(handle.db, s.token, minutes(1));
    expect(found).toEqual({
      id: s.id,
      viewer: expect.objectContaining({ id: boss, roles: ["hr", "manager"] }),
      timeZone: "UTC",
    });
  });

  test("an unknown, malformed or non-string token finds nothing", async () => {
    await start(await person());
    for (const token of ["A".repeat(43), "short", "", "' or 1=1 --", null, undefined, 42, { personId: admin.id }]) {
      expect(await findSession(handle.db, token, minutes(1))).toBeNull();
    }
  });

  test(`lasts ${SESSION_DAYS} days from sign-in, then signs nobody in`, async () => {
    const s = await start(await person());
    expect(s.expiresAt).toEqual(days(SESSION_DAYS));
    expect(await findSession(handle.db, s.token, new Date(days(SESSION_DAYS).getTime() - 1))).not.toBeNull();
    expect(await findSession(handle.db, s.token, days(SESSION_DAYS))).toBeNull();
  });

  test("a deactivated person's session signs nobody in, whoever set the flag", async () => {
    const id = await person();
    const s = await start(id);
    await handle.db.update(people).set({ active: false }).where(eq(people.id, id));
    expect(await findSession(handle.db, s.token, minutes(1))).toBeNull();
  });

  test("last seen is written at most once every few minutes, not on every request", async () => {
    const s = await start(await person());
    let before = handle.queryCount();
    for (const n of [1, 2, 4]) expect(await findSession(handle.db, s.token, minutes(n))).not.toBeNull();
    expect(handle.queryCount() - before, "one read per request, no write").toBe(3);
    expect((await rowOf(s.id))!.lastSeenAt).toEqual(T0);

    const later = new Date(T0.getTime() + TOUCH_EVERY_MS + 60_000);
    before = handle.queryCount();
    await findSession(handle.db, s.token, later);
    expect(handle.queryCount() - before, "a read and the touch").toBe(2);
    expect((await rowOf(s.id))!.lastSeenAt).toEqual(later);
    await findSession(handle.db, s.token, new Date(later.getTime() + 60_000));
    expect((await rowOf(s.id))!.lastSeenAt).toEqual(later);
  });

  test("a long user agent is clipped, never split inside a character", async () => {
    const s = await start(await person(), T0, {
      userAgent: "é".repeat(100) + "😀".repeat(300),
      clientAddress: "x".repeat(100),
    });
    const row = await rowOf(s.id);
    expect(Array.from(row!.userAgent!)).toHaveLength(256);
    expect(row!.userAgent!.endsWith("😀")).toBe(true);
    expect(row!.clientAddress).toHaveLength(64);
  });

  test("starting a session deletes the ones that have expired, revoked or not", async () => {
    const id = await person();
    const old = await start(id, T0);
    const oldRevoked = await start(id, T0);
    await revokeSessionByToken(handle.db, oldRevoked.token, minutes(1));
    const recent = await start(id, days(10));
    await start(id, days(SESSION_DAYS + 1));
    expect(await rowOf(old.id)).toBeUndefined();
    expect(await rowOf(oldRevoked.id)).toBeUndefined();
    expect(await rowOf(recent.id)).toBeDefined();
  });
});

describe("ending sessions", () => {
  test("signing out ends the session for good: the same token, from anywhere, finds nothing", async () => {
    const id = await person();
    const s = await start(id);
    const other = await start(id);
    await revokeSessionByToken(handle.db, s.token, minutes(5));
    expect(await findSession(handle.db, s.token, minutes(6))).toBeNull();
    expect((await rowOf(s.id))!.revokedAt).toEqual(minutes(5));
    expect(
      await findSession(handle.db, other.token, minutes(6)),
      "the person's other browser stays signed in",
    ).not.toBeNull();
  });

  test("revoking the others keeps the current one and touches nobody else's", async () => {
    const id = await person();
    const current = await start(id);
    const laptop = await start(id);
    const phone = await start(id);
    const stranger = await start(await person());
    expect(await revokeOtherSessions(handle.db, id, current.id, minutes(1))).toBe(2);
    expect(await findSession(handle.db, current.token, minutes(2))).not.toBeNull();
    expect(await findSession(handle.db, laptop.token, minutes(2))).toBeNull();
    expect(await findSession(handle.db, phone.token, minutes(2))).toBeNull();
    expect(await findSession(handle.db, stranger.token, minutes(2))).not.toBeNull();
    expect(await revokeOtherSessions(handle.db, id, current.id, minutes(3)), "ended sessions are not ended twice").toBe(
      0,
    );
  });

  test("revoking the others with a malformed current id keeps none", async () => {
    const id = await person();
    const s = await start(id);
    expect(await revokeOtherSessions(handle.db, id, "not-a-uuid", minutes(1))).toBe(1);
    expect(await findSession(handle.db, s.token, minutes(2))).toBeNull();
  });

  test("revoking all ends every session of the person and no one else's", async () => {
    const id = await person();
    const mine = [await start(id), await start(id)];
    const stranger = await start(await person());
    expect(await revokeAllSessions(handle.db, id, minutes(1))).toBe(2);
    for (const s of mine) expect(await findSession(handle.db, s.token, minutes(2))).toBeNull();
    expect(await findSession(handle.db, stranger.token, minutes(2))).not.toBeNull();
  });

  test("one session ends by its id only for its own person", async () => {
    const id = await person();
    const s = await start(id);
    expect(await revokeSession(handle.db, await person(), s.id, minutes(1))).toBe(false);
    expect(await revokeSession(handle.db, id, "not-a-uuid", minutes(1))).toBe(false);
    expect(await findSession(handle.db, s.token, minutes(2))).not.toBeNull();
    expect(await revokeSession(handle.db, id, s.id, minutes(3))).toBe(true);
    expect(await findSession(handle.db, s.token, minutes(4))).toBeNull();
  });
});

describe("the list of one's sessions", () => {
  test("shows the live ones, most recently seen first, with browser, address and last seen", async () => {
    const id = await person();
    const firefox = await start(id, T0, {
      userAgent: "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0",
      clientAddress: "198.51.100.1",
    });
    const safari = await start(id, minutes(1), {
      userAgent:
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1",
      clientAddress: "198.51.100.2",
    });
    const ended = await start(id, minutes(2));
    await revokeSessionByToken(handle.db, ended.token, minutes(3));
    await findSession(handle.db, firefox.token, minutes(20));
    await start(await person(), minutes(4));

    const list = await listActiveSessions(handle.db, id, minutes(30));
    expect(list).toEqual([
      expect.objectContaining({
        id: firefox.id,
        browser: "Firefox on Linux",
        clientAddress: "198.51.100.1",
        lastSeenAt: minutes(20),
        createdAt: T0,
      }),
      expect.objectContaining({
        id: safari.id,
        browser: "Safari on iPhone",
        clientAddress: "198.51.100.2",
        lastSeenAt: minutes(1),
      }),
    ]);
    expect(await listActiveSessions(handle.db, id, days(SESSION_DAYS + 1)), "expired ones are not listed").toEqual([]);
  });
});

describe("what ends sessions elsewhere", () => {
  test("deactivating a person ends all their sessions, and reactivating brings none back", async () => {
    const id = await person();
    const tokens = [(await start(id, new Date())).token, (await start(id, new Date())).token];
    await setPersonActive(handle.db, admin, id, { version: 1, active: false }, new Date());
    expect(await listActiveSessions(handle.db, id)).toEqual([]);
    await setPersonActive(handle.db, admin, id, { version: 2, active: true }, new Date());
    for (const token of tokens) expect(await findSession(handle.db, token)).toBeNull();
    expect(await findSession(handle.db, (await start(id, new Date())).token), "signing in again works").not.toBeNull();
  });

  test("a refused deactivation ends nothing", async () => {
    const boss = await person();
    await person({ managerId: boss });
    const s = await start(boss, new Date());
    await expect(setPersonActive(handle.db, admin, boss, { version: 1, active: false }, new Date())).rejects.toThrow(
      /Move their/,
    );
    expect(await findSession(handle.db, s.token)).not.toBeNull();
  });

  const editAs = async (viewer: Viewer, personId: string) => {
    const p = (await getPersonForAdmin(handle.db, admin, personId))!;
    return updatePersonAsAdmin(
      handle.db,
      viewer,
      personId,
      { name: p.name, email: p.email, roles: p.roles, version: p.version },
      new Date(),
    );
  };

  // An admin no longer sets passwords (ADR 025): a new one comes through a mailed link or the settings page.
  test("a password set through a reset link ends all that person's sessions; an admin's edits end none", async () => {
    const id = await person();
    const s = await start(id, new Date());
    await editAs(admin, id);
    expect(await findSession(handle.db, s.token)).not.toBeNull();
    const email = (await getPersonForAdmin(handle.db, admin, id))!.email;
    await sendPasswordLinkAsAdmin(handle.db, admin, id, new Date());
    await usePasswordToken(
      handle.db,
      "invite",
      await pendingPasswordToken(handle.db, email),
      "a brand new password",
      new Date(),
    );
    expect(await findSession(handle.db, s.token), "another person's session is never kept").toBeNull();
  });

  test("changing one's own password keeps the session in use and ends the others", async () => {
    const a = await createPerson(handle.db, {
      roles: ["admin"],
      passwordHash: await hashPassword("the old password here"),
    });
    const self: Viewer = { id: a.id, name: a.name, email: a.email, roles: ["admin"] };
    const here = await start(self.id, new Date());
    const elsewhere = await start(self.id, new Date());
    await changePassword(
      handle.db,
      self.id,
      { currentPassword: "the old password here", password: "a brand new password" },
      here.id,
      new Date(),
    );
    expect(await findSession(handle.db, here.token)).not.toBeNull();
    expect(await findSession(handle.db, elsewhere.token)).toBeNull();
  });
});
