import { and, eq, isNull } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { DatabaseHandle } from "#db/client";
import { auditEvents, people, reportingLines } from "#db/schema";
import { ScimError } from "~/domain/scim";
import { createPerson, createTeam } from "#tests/setup/db-builders";
import { createTestDatabase } from "#tests/setup/test-database";
import { snapshotter, type Snapshot } from "#tests/hostile/snapshot";
import { RecordNotFound, RuleViolation } from "./errors.server";
import { createScimUser, getScimUser, listScimUsers, updateScimUser } from "./scim.server";
import type { ScimClient } from "./scim-tokens.server";
import { createSession, findSession } from "./sessions.server";

let handle: DatabaseHandle;
let client: ScimClient;
let snapshot: () => Promise<Snapshot>;
const T0 = new Date("2026-03-02T09:00:00Z");
const CONFIGURED: ScimClient = { tokenId: null, name: "RAPPORT_SCIM_TOKEN", actorId: null };

beforeAll(async () => {
  handle = await createTestDatabase();
  const admin = await createPerson(handle.db, { name: "Ada", roles: ["admin"] });
  client = { tokenId: null, name: "Okta", actorId: admin.id };
  await createTeam(handle.db, { name: "Platform" });
  snapshot = await snapshotter(handle.db);
});
afterAll(() => handle.close());

let n = 0;
const create = (values: Partial<Parameters<typeof createScimUser>[2]> = {}, who = client) =>
  createScimUser(handle.db, who, { email: `p${++n}@scim.test`, name: `Person ${n}`, ...values }, T0);
const rowOf = async (id: string) => (await handle.db.select().from(people).where(eq(people.id, id)))[0]!;
const auditOf = (id: string) => handle.db.select().from(auditEvents).where(eq(auditEvents.entityId, id));

async function refusal(run: () => Promise<unknown>) {
  try {
    await run();
  } catch (error) {
    if (error instanceof ScimError) return { status: error.status, scimType: error.scimType, detail: error.detail };
    if (error instanceof RuleViolation) return { status: 400, detail: error.message };
    if (error instanceof RecordNotFound) return { status: 404 };
    throw error;
  }
  throw new Error("expected a refusal");
}

/** A refusal that leaves every table as it was. */
async function refusedWritingNothing(run: () => Promise<unknown>) {
  const before = await snapshot();
  const refused = await refusal(run);
  expect(await snapshot()).toEqual(before);
  return refused;
}

describe("provisioning a person", () => {
  test("stores them without a password, under their manager, in the team their department names, audited as the client", async () => {
    const boss = await create();
    const person = await create({
      email: "new@scim.test",
      name: "New Person",
      externalId: "00uNEW",
      managerId: boss.id,
      department: "platform",
    });
    expect(person).toMatchObject({
      email: "new@scim.test",
      name: "New Person",
      externalId: "00uNEW",
      active: true,
      managerId: boss.id,
      managerName: boss.name,
      teamName: "Platform",
      version: 1,
    });
    expect((await rowOf(person.id)).passwordHash).toBeNull();
    const lines = await handle.db.select().from(reportingLines).where(eq(reportingLines.personId, person.id));
    expect(lines).toMatchObject([{ managerId: boss.id, endedAt: null }]);
    expect(await auditOf(person.id)).toMatchObject([
      { actorId: client.actorId, subjectId: person.id, entity: "person", action: "scim-create" },
    ]);
  });

  test("a department that names no team, or none, leaves them without one", async () => {
    expect((await create({ department: "Nowhere" })).teamName).toBeNull();
  });

  test("the configured token acts for nobody", async () => {
    const person = await create({}, CONFIGURED);
    expect(await auditOf(person.id)).toMatchObject([{ actorId: null, action: "scim-create" }]);
  });

  test("a taken userName or externalId is a 409 uniqueness, and nothing is written", async () => {
    const taken = await create({ externalId: "00uTAKEN" });
    expect(await refusedWritingNothing(() => create({ email: taken.email }))).toMatchObject({
      status: 409,
      scimType: "uniqueness",
    });
    expect(await refusedWritingNothing(() => create({ externalId: "00uTAKEN" }))).toMatchObject({
      status: 409,
      scimType: "uniqueness",
    });
  });

  test("two requests for the same person at once: one is created, the other is a 409", async () => {
    const results = await Promise.allSettled([
      create({ email: "twice@scim.test" }),
      create({ email: "twice@scim.test" }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
    const rejected = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(rejected.reason).toMatchObject({ status: 409, scimType: "uniqueness" });
  });

  test("a manager who is nobody, or deactivated, is refused", async () => {
    const gone = await create({ active: false });
    expect(await refusedWritingNothing(() => create({ managerId: gone.id }))).toMatchObject({
      status: 400,
      scimType: "invalidValue",
    });
    expect(
      await refusedWritingNothing(() => create({ managerId: "00000000-0000-4000-8000-000000000000" })),
    ).toMatchObject({ status: 400 });
  });
});

describe("changing a person", () => {
  test("applies what is asked, bumps the version, moves the reporting line and audits the difference", async () => {
    const [a, b] = [await create(), await create()];
    const person = await create({ managerId: a.id });
    const later = new Date(T0.getTime() + 60_000);
    const after = await updateScimUser(
      handle.db,
      client,
      person.id,
      { name: "Renamed", managerId: b.id, externalId: "ext-1" },
      {},
      later,
    );
    expect(after).toMatchObject({
      name: "Renamed",
      managerId: b.id,
      externalId: "ext-1",
      version: 2,
      updatedAt: later,
    });
    const lines = await handle.db.select().from(reportingLines).where(eq(reportingLines.personId, person.id));
    expect(lines.map((l) => [l.managerId, l.endedAt])).toEqual(
      expect.arrayContaining([
        [a.id, later],
        [b.id, null],
      ]),
    );
    const events = await auditOf(person.id);
    // A manager change made by SCIM leaves the same trail (and notice) as one made in the admin form.
    expect(events.find((e) => e.action === "reporting-line")).toMatchObject({ changes: { managerId: [a.id, b.id] } });
    const update = events.find((e) => e.action === "scim-update");
    expect(update).toMatchObject({
      action: "scim-update",
      changes: { name: [`Person ${n}`, "Renamed"], managerId: [a.id, b.id], externalId: [null, "ext-1"] },
    });
  });

  test("asking for what is already so writes nothing: no version, no audit", async () => {
    const person = await create({ externalId: "same" });
    const before = await snapshot();
    const after = await updateScimUser(handle.db, client, person.id, {
      email: person.email,
      name: person.name,
      externalId: "same",
      active: true,
    });
    expect(after.version).toBe(1);
    expect(await snapshot()).toEqual(before);
  });

  test("a manager that closes a loop is refused with the people in it, and nothing is written", async () => {
    const top = await create({ name: "Top" });
    const middle = await create({ name: "Middle", managerId: top.id });
    const bottom = await create({ name: "Bottom", managerId: middle.id });
    expect(
      await refusedWritingNothing(() =>
        updateScimUser(handle.db, client, top.id, { managerId: bottom.id, name: "Top Renamed" }),
      ),
    ).toEqual({
      status: 400,
      detail: "That would make a loop in the reporting line: Top → Bottom → Middle → Top.",
    });
    expect(
      await refusedWritingNothing(() => updateScimUser(handle.db, client, top.id, { managerId: top.id })),
    ).toMatchObject({ status: 400 });
    expect((await rowOf(top.id)).managerId).toBeNull();
  });

  test("deactivation is refused while they manage anyone; otherwise it ends their sessions, and reactivation brings none back", async () => {
    const manager = await create();
    const report = await create({ managerId: manager.id });
    expect(await refusedWritingNothing(() => updateScimUser(handle.db, client, manager.id, { active: false }))).toEqual(
      {
        status: 400,
        detail: "Move their 1 report to another manager first.",
      },
    );
    const session = await createSession(handle.db, { personId: report.id });
    await updateScimUser(handle.db, client, report.id, { active: false });
    expect(await findSession(handle.db, session.token)).toBeNull();
    await updateScimUser(handle.db, client, report.id, { active: true });
    expect(await findSession(handle.db, session.token)).toBeNull();
    expect((await auditOf(report.id)).map((e) => e.action)).toEqual(
      expect.arrayContaining(["scim-deactivate", "scim-reactivate"]),
    );
  });

  test("a changed userName or externalId must be free", async () => {
    const [a, b] = [await create({ externalId: "ext-a" }), await create()];
    expect(
      await refusedWritingNothing(() => updateScimUser(handle.db, client, b.id, { email: a.email })),
    ).toMatchObject({ status: 409 });
    expect(
      await refusedWritingNothing(() => updateScimUser(handle.db, client, b.id, { externalId: "ext-a" })),
    ).toMatchObject({ status: 409 });
  });

  test("If-Match: a version other than the person's is a 412, and nothing is written", async () => {
    const person = await create();
    expect(
      await refusedWritingNothing(() => updateScimUser(handle.db, client, person.id, { name: "X" }, { version: 2 })),
    ).toMatchObject({ status: 412 });
    expect(
      await refusedWritingNothing(() =>
        updateScimUser(handle.db, client, person.id, { name: "X" }, { version: Number.NaN }),
      ),
    ).toMatchObject({ status: 412 });
    expect((await updateScimUser(handle.db, client, person.id, { name: "X" }, { version: 1 })).version).toBe(2);
  });

  test("an unknown or malformed id is a 404", async () => {
    for (const id of ["00000000-0000-4000-8000-000000000000", "not-an-id", ""]) {
      expect(await refusal(() => updateScimUser(handle.db, client, id, { active: false }))).toEqual({ status: 404 });
      expect(await refusal(() => getScimUser(handle.db, id))).toEqual({ status: 404 });
    }
  });

  test("a department that names a team moves them to it; one that names none leaves the team", async () => {
    const person = await create({ department: "Platform" });
    expect((await updateScimUser(handle.db, client, person.id, { department: "No Such Team" })).teamName).toBe(
      "Platform",
    );
  });
});

describe("listing people", () => {
  test("every person, deactivated too, oldest first, a page at a time, counted whole", async () => {
    const { total } = await listScimUsers(handle.db, { filter: null, startIndex: 1, count: 0 });
    const all = await listScimUsers(handle.db, { filter: null, startIndex: 1, count: 100 });
    expect(all.total).toBe(total);
    expect(all.rows.some((r) => !r.active)).toBe(true);
    const second = await listScimUsers(handle.db, { filter: null, startIndex: 3, count: 2 });
    expect(second.rows.map((r) => r.id)).toEqual(all.rows.slice(2, 4).map((r) => r.id));
    expect((await listScimUsers(handle.db, { filter: null, startIndex: total + 1, count: 10 })).rows).toEqual([]);
  });

  test("by userName without regard to case, by externalId exactly", async () => {
    const person = await create({ email: "case@scim.test", externalId: "CaseExact" });
    expect(
      (
        await listScimUsers(handle.db, {
          filter: { attribute: "userName", value: "CASE@Scim.Test" },
          startIndex: 1,
          count: 100,
        })
      ).rows.map((r) => r.id),
    ).toEqual([person.id]);
    expect(
      (
        await listScimUsers(handle.db, {
          filter: { attribute: "externalId", value: "CaseExact" },
          startIndex: 1,
          count: 100,
        })
      ).total,
    ).toBe(1);
    expect(
      (
        await listScimUsers(handle.db, {
          filter: { attribute: "externalId", value: "caseexact" },
          startIndex: 1,
          count: 100,
        })
      ).total,
    ).toBe(0);
  });

  test("an admin-made person is found too, and a person's current line is the one shown", async () => {
    const legacy = await createPerson(handle.db, { email: "legacy@scim.test" });
    const { rows } = await listScimUsers(handle.db, {
      filter: { attribute: "userName", value: "legacy@scim.test" },
      startIndex: 1,
      count: 1,
    });
    expect(rows).toMatchObject([{ id: legacy.id, externalId: null }]);
    const current = await handle.db
      .select()
      .from(reportingLines)
      .where(and(eq(reportingLines.personId, legacy.id), isNull(reportingLines.endedAt)));
    expect(current).toEqual([]);
  });
});
