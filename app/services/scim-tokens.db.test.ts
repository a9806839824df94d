import { createHash } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { DatabaseHandle } from "#db/client";
import { auditEvents, people, personRoles, scimTokens } from "#db/schema";
import type { Viewer } from "~/auth/policies";
import { createPerson } from "#tests/setup/db-builders";
import { createTestDatabase } from "#tests/setup/test-database";
import { RecordNotFound } from "./errors.server";
import {
  authenticateScimToken,
  createScimToken,
  listScimTokens,
  revokeScimToken,
  TOUCH_EVERY_MS,
} from "./scim-tokens.server";

let handle: DatabaseHandle;
let admin: Viewer;
const T0 = new Date("2026-03-02T09:00:00Z");
const minutes = (n: number) => new Date(T0.getTime() + n * 60_000);
const CONFIGURED = "a-configured-token-of-at-least-32-characters";

beforeAll(async () => {
  handle = await createTestDatabase();
  const a = await createPerson(handle.db, { name: "Ada", roles: ["admin"] });
  admin = { id: a.id, name: a.name, email: a.email, roles: ["admin"] };
});
afterAll(() => handle.close());

const rowOf = async (id: string) => (await handle.db.select().from(scimTokens).where(eq(scimTokens.id, id)))[0]!;
const newAdmin = async () => {
  const p = await createPerson(handle.db, { roles: ["admin"] });
  return { id: p.id, name: p.name, email: p.email, roles: ["admin"] } satisfies Viewer;
};

describe("a SCIM token", () => {
  test("is random and prefixed, shown once, and stored only as its SHA-256", async () => {
    const a = await createScimToken(handle.db, admin, { name: "Okta" }, T0);
    const b = await createScimToken(handle.db, admin, { name: "Okta" }, T0);
    expect(a.token).toMatch(/^rapport_scim_[A-Za-z0-9_-]{43}$/);
    expect(a.token).not.toBe(b.token);
    const row = await rowOf(a.id);
    expect(row.tokenHash).toBe(createHash("sha256").update(a.token).digest("hex"));
    expect(JSON.stringify(row)).not.toContain(a.token.slice("rapport_scim_".length));
    expect(row).toMatchObject({ name: "Okta", createdBy: admin.id, createdAt: T0, lastUsedAt: null, revokedAt: null });
    expect(JSON.stringify(await listScimTokens(handle.db, admin))).not.toContain(a.token);
  });

  test("signs in as a client acting for its creator, and stamps last used at most every few minutes", async () => {
    const { id, token } = await createScimToken(handle.db, admin, { name: "Entra" }, T0);
    expect(await authenticateScimToken(handle.db, token, { now: minutes(1) })).toEqual({
      tokenId: id,
      name: "Entra",
      actorId: admin.id,
    });
    expect((await rowOf(id)).lastUsedAt).toEqual(minutes(1));
    await authenticateScimToken(handle.db, token, { now: minutes(3) });
    expect((await rowOf(id)).lastUsedAt).toEqual(minutes(1));
    await authenticateScimToken(handle.db, token, { now: new Date(minutes(1).getTime() + TOUCH_EVERY_MS + 1) });
    expect((await rowOf(id)).lastUsedAt).toEqual(new Date(minutes(1).getTime() + TOUCH_EVERY_MS + 1));
  });

  test("unknown, malformed and look-alike tokens name nobody", async () => {
    const { token } = await createScimToken(handle.db, admin, { name: "x" });
    for (const presented of [
      "",
      "rapport_scim_",
      `${token}x`,
      token.slice(0, -1),
      token.toUpperCase(),
      "x".repeat(600),
    ]) {
      expect(await authenticateScimToken(handle.db, presented), presented).toBeNull();
    }
  });

  test("revoked, it names nobody at once; revoking again changes nothing; each revocation is audited once", async () => {
    const { id, token } = await createScimToken(handle.db, admin, { name: "Old Okta" });
    await revokeScimToken(handle.db, admin, id, minutes(10));
    await revokeScimToken(handle.db, admin, id, minutes(20));
    expect(await authenticateScimToken(handle.db, token)).toBeNull();
    expect((await rowOf(id)).revokedAt).toEqual(minutes(10));
    const events = await handle.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.entity, "scim_token"), eq(auditEvents.entityId, id)));
    expect(events.map((e) => [e.action, e.actorId])).toEqual(
      expect.arrayContaining([
        ["create", admin.id],
        ["revoke", admin.id],
      ]),
    );
    expect(events).toHaveLength(2);
  });

  test("works only while its creator is an active admin", async () => {
    const creator = await newAdmin();
    const { token } = await createScimToken(handle.db, creator, { name: "Theirs" });
    expect(await authenticateScimToken(handle.db, token)).not.toBeNull();
    await handle.db.delete(personRoles).where(eq(personRoles.personId, creator.id));
    expect(await authenticateScimToken(handle.db, token)).toBeNull();
    expect((await listScimTokens(handle.db, admin)).find((t) => t.name === "Theirs")).toMatchObject({
      creatorCanProvision: false,
    });
    await handle.db.insert(personRoles).values({ personId: creator.id, role: "admin" });
    await handle.db.update(people).set({ active: false }).where(eq(people.id, creator.id));
    expect(await authenticateScimToken(handle.db, token)).toBeNull();
    await handle.db.update(people).set({ active: true }).where(eq(people.id, creator.id));
    expect(await authenticateScimToken(handle.db, token)).not.toBeNull();
  });

  test("only admins create, list or revoke them; an unknown or malformed id is not found", async () => {
    const hr: Viewer = { ...admin, roles: ["hr"] };
    const { id } = await createScimToken(handle.db, admin, { name: "kept" });
    await expect(createScimToken(handle.db, hr, { name: "x" })).rejects.toBeInstanceOf(RecordNotFound);
    await expect(listScimTokens(handle.db, hr)).rejects.toBeInstanceOf(RecordNotFound);
    await expect(revokeScimToken(handle.db, hr, id)).rejects.toBeInstanceOf(RecordNotFound);
    await expect(revokeScimToken(handle.db, admin, "00000000-0000-4000-8000-000000000000")).rejects.toBeInstanceOf(
      RecordNotFound,
    );
    await expect(revokeScimToken(handle.db, admin, "not-an-id")).rejects.toBeInstanceOf(RecordNotFound);
    expect((await rowOf(id)).revokedAt).toBeNull();
  });
});

describe("RAPPORT_SCIM_TOKEN", () => {
  test("is a client acting for nobody, and needs no row", async () => {
    expect(await authenticateScimToken(handle.db, CONFIGURED, { configuredToken: CONFIGURED })).toEqual({
      tokenId: null,
      name: "RAPPORT_SCIM_TOKEN",
      actorId: null,
    });
  });

  test("only the exact token matches it", async () => {
    for (const presented of [CONFIGURED.slice(0, -1), `${CONFIGURED}x`, CONFIGURED.toUpperCase(), ""]) {
      expect(await authenticateScimToken(handle.db, presented, { configuredToken: CONFIGURED }), presented).toBeNull();
    }
    expect(await authenticateScimToken(handle.db, CONFIGURED)).toBeNull();
  });

  test("does not stop created tokens from working", async () => {
    const { token } = await createScimToken(handle.db, admin, { name: "both" });
    expect(await authenticateScimToken(handle.db, token, { configuredToken: CONFIGURED })).toMatchObject({
      name: "both",
    });
  });
});
