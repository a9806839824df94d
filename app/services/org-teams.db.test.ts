import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { and, eq } from "drizzle-orm";
import type { DatabaseHandle } from "#db/client";
import { auditEvents, people, pulses, meetings, teams, trendRollups } from "#db/schema";
import type { Viewer } from "~/auth/policies";
import { createPerson, createTeam } from "#tests/setup/db-builders";
import { createTestDatabase } from "#tests/setup/test-database";
import { RecordNotFound, RuleViolation } from "./errors.server";
import { listTeams, removeTeam, updateTeam } from "./org.server";

/**
 * Teams are renamed, moved and removed by an admin: never into a loop, never onto another team's name,
 * never while something is still in them, always audited, and the stored trend months follow.
 */

let handle: DatabaseHandle;
let admin: Viewer;
let platform: string;
let squad: string;
let pod: string;
let sales: string;

beforeAll(async () => {
  handle = await createTestDatabase();
  const a = await createPerson(handle.db, { email: "admin@x.test", name: "Ada", roles: ["admin"] });
  admin = { ...a, roles: ["admin"] };
  platform = (await createTeam(handle.db, { name: "Platform" })).id;
  squad = (await createTeam(handle.db, { name: "Squad", parentTeamId: platform })).id;
  pod = (await createTeam(handle.db, { name: "Pod", parentTeamId: squad })).id;
  sales = (await createTeam(handle.db, { name: "Sales" })).id;
  await createPerson(handle.db, { email: "pat@x.test", name: "Pat", teamId: pod });
});
afterAll(() => handle.close());

/** A stored trend month stands for every one: the teams triggers drop all or none. */
const storeMonth = () =>
  handle.db.insert(trendRollups).values({ month: "2026-05", family: "pulse", rows: [] }).onConflictDoNothing();
const storedMonths = async () => (await handle.db.select().from(trendRollups)).length;
const teamAudit = (teamId: string) =>
  handle.db
    .select({ action: auditEvents.action, changes: auditEvents.changes, actorId: auditEvents.actorId })
    .from(auditEvents)
    .where(and(eq(auditEvents.entity, "team"), eq(auditEvents.entityId, teamId)));
const parentOf = async (teamId: string) =>
  (await handle.db.select().from(teams).where(eq(teams.id, teamId)))[0]?.parentTeamId;

beforeEach(async () => {
  await storeMonth();
});

describe("renaming a team", () => {
  test("renames it, audits before and after, and leaves the stored trend months alone", async () => {
    await updateTeam(handle.db, admin, sales, { name: "Sales & Success" });
    const [row] = await handle.db.select().from(teams).where(eq(teams.id, sales));
    expect(row!.name).toBe("Sales & Success");
    expect(await teamAudit(sales)).toEqual([
      { action: "rename", changes: { name: ["Sales", "Sales & Success"] }, actorId: admin.id },
    ]);
    expect(await storedMonths()).toBe(1);
    await updateTeam(handle.db, admin, sales, { name: "Sales" });
  });

  test("another team's name, in any case, is refused on the name field and nothing changes", async () => {
    const error = await updateTeam(handle.db, admin, sales, { name: "platform" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RuleViolation);
    expect(error).toMatchObject({ field: "name", message: 'Another team is already called "Platform".' });
    expect((await handle.db.select().from(teams).where(eq(teams.id, sales)))[0]!.name).toBe("Sales");
  });

  test("its own name in another case is a rename, not a clash; the same name again writes nothing", async () => {
    const before = (await teamAudit(pod)).length;
    expect(await updateTeam(handle.db, admin, pod, { name: "Pod", parentTeamId: squad })).toEqual({ changed: false });
    expect(await teamAudit(pod)).toHaveLength(before);
    expect(await updateTeam(handle.db, admin, pod, { name: "POD", parentTeamId: squad })).toEqual({ changed: true });
    await updateTeam(handle.db, admin, pod, { name: "Pod", parentTeamId: squad });
  });
});

describe("moving a team", () => {
  test("under another team: moved, audited with both parents' names, and every stored trend month dropped", async () => {
    await updateTeam(handle.db, admin, pod, { name: "Pod", parentTeamId: sales });
    expect(await parentOf(pod)).toBe(sales);
    expect((await teamAudit(pod)).at(-1)).toEqual({
      action: "move",
      changes: { parent: ["Squad", "Sales"], parentTeamId: [squad, sales] },
      actorId: admin.id,
    });
    expect(await storedMonths()).toBe(0);
  });

  test("to the top level, and back", async () => {
    await updateTeam(handle.db, admin, pod, { name: "Pod" });
    expect(await parentOf(pod)).toBeNull();
    await updateTeam(handle.db, admin, pod, { name: "Pod", parentTeamId: squad });
    expect(await parentOf(pod)).toBe(squad);
  });

  test("under its own sub-team is refused with the chain that would loop, and nothing changes", async () => {
    const error = await updateTeam(handle.db, admin, platform, { name: "Platform", parentTeamId: pod }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(RuleViolation);
    expect(error).toMatchObject({
      field: "parentTeamId",
      message:
        "Platform cannot be part of Pod: Pod is already inside Platform (Pod → Squad → Platform). Choose a team outside Platform, or the top level.",
    });
    expect(await parentOf(platform)).toBeNull();
    expect(await storedMonths()).toBe(1);
  });

  test("under itself, or a team that is not there, is refused on the field", async () => {
    await expect(updateTeam(handle.db, admin, squad, { name: "Squad", parentTeamId: squad })).rejects.toMatchObject({
      field: "parentTeamId",
      message: "Squad cannot be part of itself.",
    });
    await expect(
      updateTeam(handle.db, admin, squad, { name: "Squad", parentTeamId: "00000000-0000-4000-8000-000000000000" }),
    ).rejects.toMatchObject({ field: "parentTeamId", message: "Choose a team from the list." });
  });
});

describe("removing a team", () => {
  test("a team with people, deactivated ones too, is refused saying who is in it", async () => {
    await expect(removeTeam(handle.db, admin, pod)).rejects.toThrow(
      "Pod still has 1 person in it. Move the people to another team first: only an empty team can be removed.",
    );
    await handle.db.update(people).set({ active: false }).where(eq(people.email, "pat@x.test"));
    await expect(removeTeam(handle.db, admin, pod)).rejects.toThrow("Pod still has 1 person (deactivated) in it.");
    await handle.db.update(people).set({ active: true }).where(eq(people.email, "pat@x.test"));
    expect(await storedMonths()).toBe(1);
  });

  test("a team with sub-teams is refused naming them", async () => {
    await expect(removeTeam(handle.db, admin, platform)).rejects.toThrow(
      "Platform still has 1 team (Squad) in it. Move the teams elsewhere first: only an empty team can be removed.",
    );
    expect(await parentOf(squad)).toBe(platform);
  });

  test("an empty team is removed and audited; its past answers stay, with no team; the trend months are dropped", async () => {
    const empty = (await createTeam(handle.db, { name: "Empty", parentTeamId: sales })).id;
    const boss = await createPerson(handle.db, { name: "Boss" });
    const report = await createPerson(handle.db, { name: "Left Empty", teamId: empty, managerId: boss.id });
    const held = new Date("2026-05-10T10:00:00Z");
    const [m] = await handle.db
      .insert(meetings)
      .values({ managerId: boss.id, reportId: report.id, scheduledAt: held, status: "held", heldAt: held })
      .returning();
    await handle.db.insert(pulses).values({
      meetingId: m!.id,
      respondentId: report.id,
      teamId: empty,
      understood: 4,
      progressing: 3,
      overloaded: 2,
      enps: 8,
      answeredAt: held,
    });
    await handle.db.update(people).set({ teamId: null }).where(eq(people.id, report.id));
    await storeMonth();

    await removeTeam(handle.db, admin, empty);
    expect(await handle.db.select().from(teams).where(eq(teams.id, empty))).toEqual([]);
    expect(await teamAudit(empty)).toEqual([
      { action: "remove", changes: { name: ["Empty", null] }, actorId: admin.id },
    ]);
    const [pulse] = await handle.db.select().from(pulses).where(eq(pulses.respondentId, report.id));
    expect(pulse!.teamId).toBeNull();
    expect(await storedMonths()).toBe(0);
  });

  test("removing twice says it is gone; a malformed id is not found", async () => {
    const once = (await createTeam(handle.db, { name: "Once" })).id;
    await removeTeam(handle.db, admin, once);
    await expect(removeTeam(handle.db, admin, once)).rejects.toThrow("This team has already been removed.");
    await expect(removeTeam(handle.db, admin, "nope")).rejects.toBeInstanceOf(RecordNotFound);
  });

  test("a plain DELETE FROM teams works (0003's delete trigger read transition tables it did not have)", async () => {
    const a = (await createTeam(handle.db, { name: "Plain A" })).id;
    await createTeam(handle.db, { name: "Plain B" });
    await handle.db.delete(teams).where(eq(teams.name, "Plain B"));
    await handle.db.delete(teams).where(eq(teams.id, a));
    expect((await listTeams(handle.db)).map((t) => t.name)).not.toContain("Plain A");
    expect(await storedMonths()).toBe(0);
  });
});

describe("only an admin", () => {
  test("renames, moves or removes a team", async () => {
    const someone = await createPerson(handle.db, { name: "Not Admin", roles: ["manager", "hr"] });
    const viewer: Viewer = { ...someone, roles: ["manager", "hr"] };
    await expect(updateTeam(handle.db, viewer, sales, { name: "Mine" })).rejects.toBeInstanceOf(RecordNotFound);
    await expect(removeTeam(handle.db, viewer, sales)).rejects.toBeInstanceOf(RecordNotFound);
    expect((await handle.db.select().from(teams).where(eq(teams.id, sales)))[0]!.name).toBe("Sales");
  });
});
