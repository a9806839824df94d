import { createHash } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { eq } from "drizzle-orm";
import type { DatabaseHandle } from "#db/client";
import { mailOutbox, passwordTokens, people, securityEvents } from "#db/schema";
import { hashPassword, verifyPassword } from "~/auth/password.server";
import type { Viewer } from "~/auth/policies";
import { isCommonPassword } from "~/domain/common-passwords";
import { ChangePasswordSchema, SetPasswordSchema } from "~/schemas/passwords";
import { createPerson, pendingPasswordToken } from "#tests/setup/db-builders";
import { createTestDatabase } from "#tests/setup/test-database";
import { RecordNotFound, RuleViolation } from "./errors.server";
import {
  RESETS_PER_EMAIL,
  changePassword,
  countUninvited,
  findPasswordToken,
  inviteEveryoneNew,
  requestPasswordReset,
  sendPasswordLinkAsAdmin,
  usePasswordToken,
} from "./passwords.server";
import { createSession, findSession } from "./sessions.server";

let handle: DatabaseHandle;
let admin: Viewer;
const T0 = new Date("2026-06-01T09:00:00Z");
const minutes = (n: number) => new Date(T0.getTime() + n * 60_000);
const days = (n: number) => new Date(T0.getTime() + n * 24 * 60 * 60_000);
const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");
const GOOD = "seven purple lanterns hum";

beforeAll(async () => {
  handle = await createTestDatabase();
  const a = await createPerson(handle.db, { name: "Ada Admin", email: "ada@pw.test", roles: ["admin"] });
  admin = { id: a.id, name: a.name, email: a.email, roles: ["admin"] };
});
afterAll(() => handle.close());
beforeEach(async () => {
  await handle.db.delete(mailOutbox);
});

const tokensOf = (personId: string) =>
  handle.db.select().from(passwordTokens).where(eq(passwordTokens.personId, personId));
const outboxTo = (to: string) => handle.db.select().from(mailOutbox).where(eq(mailOutbox.toAddress, to));

describe("the password rules", () => {
  test("at least 12 characters, not a common one, typed twice the same", () => {
    const errors = (password: string, confirmPassword = password) =>
      SetPasswordSchema.safeParse({ password, confirmPassword }).error?.issues.map((i) => i.message) ?? [];
    expect(errors(GOOD)).toEqual([]);
    expect(errors("short one")).toEqual(["A password needs at least 12 characters."]);
    expect(errors("password1234")[0]).toMatch(/most common/);
    expect(errors(GOOD, "something else")).toEqual(["The two passwords differ."]);
    expect(
      ChangePasswordSchema.safeParse({ currentPassword: "x", password: GOOD, confirmPassword: GOOD }).success,
    ).toBe(true);
  });

  test("common passwords stretched to the length rule are still common", () => {
    for (const p of [
      "Password1234",
      "qwertyuiop123",
      "monkey!!!!!!!",
      "aaaaaaaaaaaa",
      "abcabcabcabc",
      "passwordpassword",
      "2026summer2026",
      "12345678901234",
    ]) {
      expect(isCommonPassword(p), p).toBe(true);
    }
    for (const p of [GOOD, "correct-horse-violet-kettle", "Rq8!vZ2#pL0m"]) expect(isCommonPassword(p), p).toBe(false);
  });
});

describe("invitations", () => {
  test("stores only the token's hash, mails the link (sensitive, expiring with it) to the person alone", async () => {
    const p = await createPerson(handle.db, { name: "Ivy New", email: "ivy@pw.test" });
    expect(await sendPasswordLinkAsAdmin(handle.db, admin, p.id, T0)).toBe("invite");
    const token = await pendingPasswordToken(handle.db, "ivy@pw.test");
    const [row] = await tokensOf(p.id);
    expect(row).toMatchObject({
      purpose: "invite",
      tokenHash: sha256(token),
      createdBy: admin.id,
      expiresAt: days(7),
      usedAt: null,
      revokedAt: null,
    });
    expect(JSON.stringify(row)).not.toContain(token);
    const [mail] = await outboxTo("ivy@pw.test");
    expect(mail).toMatchObject({
      kind: "invitation",
      sensitive: true,
      expiresAt: days(7),
      subject: "You are invited to Rapport",
    });
    expect(mail!.textBody).toContain("Ada Admin invited you");
    expect(mail!.textBody).toContain("7 days");
    expect(mail!.subject).not.toContain(token);
  });

  test("single use: the second use of one link sets nothing", async () => {
    const p = await createPerson(handle.db, { email: "una@pw.test" });
    await sendPasswordLinkAsAdmin(handle.db, admin, p.id, T0);
    const token = await pendingPasswordToken(handle.db, "una@pw.test");
    expect(await usePasswordToken(handle.db, "invite", token, GOOD, minutes(1))).toEqual({ ok: true, personId: p.id });
    const [after] = await handle.db.select().from(people).where(eq(people.id, p.id));
    expect(await verifyPassword(GOOD, after!.passwordHash!)).toBe(true);
    expect(await usePasswordToken(handle.db, "invite", token, "another fine password", minutes(2))).toEqual({
      ok: false,
    });
    expect(await findPasswordToken(handle.db, "invite", token, minutes(2))).toBeNull();
    const [again] = await handle.db.select().from(people).where(eq(people.id, p.id));
    expect(again!.passwordHash).toBe(after!.passwordHash);
  });

  test("two submits at once set the password once", async () => {
    const p = await createPerson(handle.db, { email: "duo@pw.test" });
    await sendPasswordLinkAsAdmin(handle.db, admin, p.id, T0);
    const token = await pendingPasswordToken(handle.db, "duo@pw.test");
    const results = await Promise.all([
      usePasswordToken(handle.db, "invite", token, GOOD, minutes(1)),
      usePasswordToken(handle.db, "invite", token, GOOD, minutes(1)),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
  });

  test("expires after 7 days; a link of the wrong purpose or a made-up one does nothing", async () => {
    const p = await createPerson(handle.db, { email: "old@pw.test" });
    await sendPasswordLinkAsAdmin(handle.db, admin, p.id, T0);
    const token = await pendingPasswordToken(handle.db, "old@pw.test");
    expect(await findPasswordToken(handle.db, "reset", token, minutes(1))).toBeNull();
    expect(await findPasswordToken(handle.db, "invite", "x".repeat(43), minutes(1))).toBeNull();
    expect(await findPasswordToken(handle.db, "invite", token, days(7))).toBeNull();
    expect(await usePasswordToken(handle.db, "invite", token, GOOD, days(7))).toEqual({ ok: false });
  });

  test("a new invitation revokes the older one", async () => {
    const p = await createPerson(handle.db, { email: "twice@pw.test" });
    await sendPasswordLinkAsAdmin(handle.db, admin, p.id, T0);
    const first = await pendingPasswordToken(handle.db, "twice@pw.test");
    await sendPasswordLinkAsAdmin(handle.db, admin, p.id, minutes(1));
    const second = await pendingPasswordToken(handle.db, "twice@pw.test");
    expect(second).not.toBe(first);
    expect(await findPasswordToken(handle.db, "invite", first, minutes(2))).toBeNull();
    expect(await findPasswordToken(handle.db, "invite", second, minutes(2))).not.toBeNull();
  });

  test("refuses the person's email as their password; a deactivated person's link does nothing", async () => {
    const p = await createPerson(handle.db, { email: "same-as-mail@pw.test" });
    await sendPasswordLinkAsAdmin(handle.db, admin, p.id, T0);
    const token = await pendingPasswordToken(handle.db, "same-as-mail@pw.test");
    await expect(
      usePasswordToken(handle.db, "invite", token, "Same-As-Mail@pw.test", minutes(1)),
    ).rejects.toBeInstanceOf(RuleViolation);
    await handle.db.update(people).set({ active: false }).where(eq(people.id, p.id));
    expect(await usePasswordToken(handle.db, "invite", token, GOOD, minutes(1))).toEqual({ ok: false });
  });

  test("for someone with a password, the admin's button sends a reset link to them, and only an admin may", async () => {
    const p = await createPerson(handle.db, { email: "has@pw.test", passwordHash: await hashPassword(GOOD) });
    expect(await sendPasswordLinkAsAdmin(handle.db, admin, p.id, T0)).toBe("reset");
    expect((await outboxTo("has@pw.test")).map((m) => m.kind)).toEqual(["password-reset"]);
    const notAdmin: Viewer = { id: p.id, name: p.name, email: p.email, roles: ["manager", "hr"] };
    await expect(sendPasswordLinkAsAdmin(handle.db, notAdmin, p.id, T0)).rejects.toBeInstanceOf(RecordNotFound);
    await expect(inviteEveryoneNew(handle.db, notAdmin, T0)).rejects.toBeInstanceOf(RecordNotFound);
  });

  test("invite everyone new reaches people with no password and no open invitation, once", async () => {
    await handle.db.update(people).set({ passwordHash: "scrypt$x" }).where(eq(people.active, true));
    const a = await createPerson(handle.db, { email: "new-a@pw.test" });
    await createPerson(handle.db, { email: "new-b@pw.test" });
    await createPerson(handle.db, { email: "gone@pw.test", active: false });
    await sendPasswordLinkAsAdmin(handle.db, admin, a.id, T0);
    expect(await countUninvited(handle.db, admin, T0)).toBe(1);
    expect(await inviteEveryoneNew(handle.db, admin, T0)).toBe(1);
    expect((await outboxTo("new-b@pw.test")).map((m) => m.kind)).toEqual(["invitation"]);
    expect(await inviteEveryoneNew(handle.db, admin, minutes(1))).toBe(0);
    expect(await outboxTo("gone@pw.test")).toEqual([]);
    // An invitation that ran out leaves them new again.
    expect(await countUninvited(handle.db, admin, days(8))).toBe(2);
  });
});

describe("forgot password", () => {
  test("the same nothing-returned answer for a known and an unknown address; mail only for the known one, 1 hour", async () => {
    const p = await createPerson(handle.db, { email: "forgot@pw.test", passwordHash: await hashPassword(GOOD) });
    expect(await requestPasswordReset(handle.db, { email: " Forgot@PW.test ", ip: "10.0.0.1" }, T0)).toBeUndefined();
    expect(await requestPasswordReset(handle.db, { email: "nobody@pw.test", ip: "10.0.0.1" }, T0)).toBeUndefined();
    expect(await outboxTo("nobody@pw.test")).toEqual([]);
    const [mail] = await outboxTo("forgot@pw.test");
    expect(mail).toMatchObject({ kind: "password-reset", sensitive: true, expiresAt: minutes(60) });
    const [row] = await tokensOf(p.id);
    expect(row).toMatchObject({ purpose: "reset", createdBy: null, expiresAt: minutes(60) });
  });

  test("throttled per address: past the limit nothing more is sent, and the answer is the same", async () => {
    await createPerson(handle.db, { email: "many@pw.test" });
    for (let i = 0; i < RESETS_PER_EMAIL + 2; i++)
      await requestPasswordReset(handle.db, { email: "many@pw.test", ip: `10.1.0.${i}` }, minutes(i));
    expect(await outboxTo("many@pw.test")).toHaveLength(RESETS_PER_EMAIL);
  });

  test("a reset ends every session of the person", async () => {
    const p = await createPerson(handle.db, { email: "reset-all@pw.test", passwordHash: await hashPassword(GOOD) });
    const sessions = [
      await createSession(handle.db, { personId: p.id }, T0),
      await createSession(handle.db, { personId: p.id }, T0),
    ];
    await requestPasswordReset(handle.db, { email: "reset-all@pw.test", ip: "10.2.0.1" }, T0);
    const token = await pendingPasswordToken(handle.db, "reset-all@pw.test");
    expect(await usePasswordToken(handle.db, "reset", token, "a different fine password", minutes(5))).toMatchObject({
      ok: true,
    });
    for (const s of sessions) expect(await findSession(handle.db, s.token, minutes(6))).toBeNull();
  });

  test("a reset link runs out after an hour", async () => {
    await createPerson(handle.db, { email: "slow@pw.test" });
    await requestPasswordReset(handle.db, { email: "slow@pw.test", ip: "10.3.0.1" }, T0);
    const token = await pendingPasswordToken(handle.db, "slow@pw.test");
    expect(await findPasswordToken(handle.db, "reset", token, minutes(59))).not.toBeNull();
    expect(await usePasswordToken(handle.db, "reset", token, GOOD, minutes(60))).toEqual({ ok: false });
  });
});

describe("changing one's password", () => {
  test("needs the current one; ends the other sessions, keeps this one, spends open links", async () => {
    const p = await createPerson(handle.db, { email: "change@pw.test", passwordHash: await hashPassword(GOOD) });
    const here = await createSession(handle.db, { personId: p.id }, T0);
    const there = await createSession(handle.db, { personId: p.id }, T0);
    await requestPasswordReset(handle.db, { email: "change@pw.test", ip: "10.4.0.1" }, T0);
    const token = await pendingPasswordToken(handle.db, "change@pw.test");
    const wrong = await changePassword(
      handle.db,
      p.id,
      { currentPassword: "not it at all", password: "a newer fine password" },
      here.id,
      T0,
    ).catch((e: unknown) => e);
    expect(wrong).toMatchObject({ field: "currentPassword" });
    await expect(
      changePassword(handle.db, p.id, { currentPassword: GOOD, password: "change@pw.test" }, here.id, T0),
    ).rejects.toMatchObject({ field: "password" });
    await changePassword(
      handle.db,
      p.id,
      { currentPassword: GOOD, password: "a newer fine password" },
      here.id,
      minutes(1),
    );
    expect(await findSession(handle.db, here.token, minutes(2))).not.toBeNull();
    expect(await findSession(handle.db, there.token, minutes(2))).toBeNull();
    expect(await findPasswordToken(handle.db, "reset", token, minutes(2))).toBeNull();
    const [after] = await handle.db.select().from(people).where(eq(people.id, p.id));
    expect(await verifyPassword("a newer fine password", after!.passwordHash!)).toBe(true);
  });
});

describe("the security log", () => {
  test("records each link sent, each used, and each change, with who and from where, never the link or password", async () => {
    const p = await createPerson(handle.db, { name: "Lou Logged", email: "lou@pw.test" });
    const from = { address: "10.9.0.1", userAgent: "Test browser" };
    await sendPasswordLinkAsAdmin(handle.db, admin, p.id, T0, from);
    const invite = await pendingPasswordToken(handle.db, "lou@pw.test");
    await usePasswordToken(handle.db, "invite", invite, GOOD, minutes(1), from);
    await requestPasswordReset(handle.db, { email: "lou@pw.test", ip: "10.9.0.2", userAgent: "Other" }, minutes(2));
    const reset = await pendingPasswordToken(handle.db, "lou@pw.test");
    await usePasswordToken(handle.db, "reset", reset, "a second fine password", minutes(3), from);
    const here = await createSession(handle.db, { personId: p.id }, minutes(4));
    await changePassword(
      handle.db,
      p.id,
      { currentPassword: "a second fine password", password: "a third fine password" },
      here.id,
      minutes(5),
      from,
    );

    const events = await handle.db
      .select()
      .from(securityEvents)
      .where(eq(securityEvents.subjectId, p.id))
      .orderBy(securityEvents.at);
    expect(events.map((e) => [e.kind, e.actorId, e.clientAddress])).toEqual([
      ["invitation.sent", admin.id, "10.9.0.1"],
      ["invitation.accepted", p.id, "10.9.0.1"],
      ["password.reset-requested", p.id, "10.9.0.2"],
      ["password.reset", p.id, "10.9.0.1"],
      ["password.changed", p.id, "10.9.0.1"],
    ]);
    const text = JSON.stringify(events);
    for (const secret of [invite, reset, GOOD, "a second fine password", "a third fine password"])
      expect(text).not.toContain(secret);
  });
});
