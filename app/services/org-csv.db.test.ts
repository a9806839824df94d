import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { count, eq } from "drizzle-orm";
import type { DatabaseHandle } from "#db/client";
import { auditEvents, people, personRoles, reportingLines, teams } from "#db/schema";
import type { Viewer } from "~/auth/policies";
import { createPerson } from "#tests/setup/db-builders";
import { createTestDatabase } from "#tests/setup/test-database";
import { RecordNotFound } from "./errors.server";
import { importOrgChart } from "./org-csv.server";

let handle: DatabaseHandle;
let admin: Viewer;
let hr: Viewer;

beforeAll(async () => {
  handle = await createTestDatabase();
  const a = await createPerson(handle.db, { email: "admin@x.test", name: "Ada Admin", roles: ["admin"] });
  const h = await createPerson(handle.db, { email: "hr@x.test", name: "Hal Hr", roles: ["hr"] });
  admin = { ...a, roles: ["admin"] };
  hr = { ...h, roles: ["hr"] };
  await createPerson(handle.db, { email: "ceo@x.test", name: "Cleo Ceo" });
});
afterAll(() => handle.close());

async function snapshot() {
  const n = async (
    table: typeof people | typeof teams | typeof personRoles | typeof reportingLines | typeof auditEvents,
  ) => (await handle.db.select({ n: count() }).from(table))[0]!.n;
  return {
    people: await n(people),
    teams: await n(teams),
    roles: await n(personRoles),
    lines: await n(reportingLines),
    audit: await n(auditEvents),
  };
}

const HEADER = "email,name,team,manager_email,roles";

describe("importing the org chart", () => {
  test("a file with several bad rows gets every error with its row number, and nothing is written", async () => {
    const before = await snapshot();
    const csv = [
      HEADER,
      "vp@x.test,Vic Vp,Leadership,ceo@x.test,manager",
      "not-an-email,Bad Email,Leadership,,",
      "dev@x.test,,Platform,vp@x.test,",
      "dev2@x.test,Dee Dev,Platform,ghost@x.test,",
      "dev3@x.test,Dan Dev,Platform,vp@x.test,wizard",
      "vp@x.test,Vic Again,Leadership,,",
    ].join("\n");
    const result = await importOrgChart(handle.db, admin, csv, { now: new Date() });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual([
      "Row 3: email must be an email address.",
      "Row 4: name is required.",
      "Row 6: roles may only be manager, hr, admin.",
    ]);
    expect(await snapshot()).toEqual(before);
  });

  test("cross-row problems are found once every row parses, and still nothing is written", async () => {
    const before = await snapshot();
    const csv = [
      HEADER,
      "vp@x.test,Vic Vp,Leadership,ceo@x.test,manager",
      "dev2@x.test,Dee Dev,Platform,ghost@x.test,",
      "vp@x.test,Vic Again,Leadership,,",
    ].join("\n");
    const result = await importOrgChart(handle.db, admin, csv, { now: new Date() });
    expect(result).toEqual({
      ok: false,
      errors: [
        "Row 4: vp@x.test already appears on row 2.",
        "Row 3: manager_email ghost@x.test is not in the file or an active person in Rapport.",
      ],
    });
    expect(await snapshot()).toEqual(before);
  });

  test("a wrong header is refused on row 1", async () => {
    expect(await importOrgChart(handle.db, admin, "mail,name\nx@x.test,X", { now: new Date() })).toEqual({
      ok: false,
      errors: ["Row 1: the header must be exactly email,name,team,manager_email,roles."],
    });
  });

  test("a preview says what would change and writes nothing", async () => {
    const before = await snapshot();
    const result = await importOrgChart(
      handle.db,
      admin,
      [HEADER, "vp@x.test,Vic Vp,Leadership,ceo@x.test,manager"].join("\n"),
      { dryRun: true, now: new Date() },
    );
    expect(result).toMatchObject({
      ok: true,
      dryRun: true,
      created: 1,
      updated: 0,
      unchanged: 0,
      teamsCreated: ["Leadership"],
    });
    expect(await snapshot()).toEqual(before);
  });

  test("a valid file creates teams and people, sets managers (even listed before them), roles and reporting lines", async () => {
    const csv = [
      HEADER,
      "dev@x.test,Dee Dev,Platform,vp@x.test,",
      "vp@x.test,Vic Vp,Leadership,ceo@x.test,manager;hr",
      "ceo@x.test,Cleo Chief,Leadership,,",
    ].join("\n");
    expect(await importOrgChart(handle.db, admin, csv, { now: new Date() })).toMatchObject({
      ok: true,
      dryRun: false,
      created: 2,
      updated: 1,
      unchanged: 0,
      teamsCreated: ["Platform", "Leadership"],
    });
    const rows = await handle.db
      .select({ email: people.email, name: people.name, managerId: people.managerId, id: people.id })
      .from(people);
    const byEmail = new Map(rows.map((r) => [r.email, r]));
    expect(byEmail.get("dev@x.test")!.managerId).toBe(byEmail.get("vp@x.test")!.id);
    expect(byEmail.get("vp@x.test")!.managerId).toBe(byEmail.get("ceo@x.test")!.id);
    expect(byEmail.get("ceo@x.test")!.name).toBe("Cleo Chief");
    const vpRoles = await handle.db
      .select({ role: personRoles.role })
      .from(personRoles)
      .where(eq(personRoles.personId, byEmail.get("vp@x.test")!.id));
    expect(vpRoles.map((r) => r.role).sort()).toEqual(["hr", "manager"]);
    const lines = await handle.db
      .select()
      .from(reportingLines)
      .where(eq(reportingLines.personId, byEmail.get("dev@x.test")!.id));
    expect(lines).toHaveLength(1);
  });

  test("a loop formed by the file with what is stored is refused", async () => {
    const before = await snapshot();
    const result = await importOrgChart(
      handle.db,
      admin,
      [HEADER, "ceo@x.test,Cleo Chief,Leadership,dev@x.test,"].join("\n"),
      { now: new Date() },
    );
    expect(result).toEqual({
      ok: false,
      errors: ["Row 2: reporting to dev@x.test makes a loop: ceo@x.test → dev@x.test → vp@x.test → ceo@x.test."],
    });
    expect(await snapshot()).toEqual(before);
  });

  test("only an admin may import", async () => {
    await expect(
      importOrgChart(handle.db, hr, [HEADER, "z@x.test,Zed,,,"].join("\n"), { now: new Date() }),
    ).rejects.toBeInstanceOf(RecordNotFound);
  });
});

describe("import edge cases", () => {
  test("one team whatever the case of its name in the file", async () => {
    const csv = [HEADER, "ka@x.test,Ka,Skunkworks,,", "kb@x.test,Kb,skunkworks,,", "kc@x.test,Kc,SKUNKWORKS,,"].join(
      "\n",
    );
    expect(await importOrgChart(handle.db, admin, csv, { now: new Date() })).toMatchObject({
      ok: true,
      teamsCreated: ["Skunkworks"],
    });
    const rows = await handle.db.select().from(teams).where(eq(teams.name, "Skunkworks"));
    expect(rows).toHaveLength(1);
  });

  test("a deactivated person listed in the file is updated but stays deactivated", async () => {
    await handle.db.update(people).set({ active: false }).where(eq(people.email, "ka@x.test"));
    expect(
      await importOrgChart(handle.db, admin, [HEADER, "ka@x.test,Ka Renamed,Skunkworks,,"].join("\n"), {
        now: new Date(),
      }),
    ).toMatchObject({ ok: true });
    const [ka] = await handle.db.select().from(people).where(eq(people.email, "ka@x.test"));
    expect(ka).toMatchObject({ name: "Ka Renamed", active: false });
  });
});

describe("the same file twice", () => {
  const csv = [
    HEADER,
    "twa@x.test,Tia Twice,Twice Team,,manager",
    "twb@x.test,Tom Twice,twice team,twa@x.test,",
    "twc@x.test,Tam Twice,,twa@x.test,hr;hr",
  ].join("\n");
  const versions = async () =>
    (await handle.db.select({ email: people.email, version: people.version }).from(people)).sort((a, b) =>
      a.email.localeCompare(b.email),
    );

  test("the second import reports every row unchanged and writes nothing: no version, no audit event", async () => {
    expect(await importOrgChart(handle.db, admin, csv, { now: new Date() })).toMatchObject({
      ok: true,
      created: 3,
      updated: 0,
      unchanged: 0,
    });
    const before = { ...(await snapshot()), versions: await versions() };
    const preview = await importOrgChart(handle.db, admin, csv, { dryRun: true, now: new Date() });
    expect(preview).toMatchObject({ ok: true, created: 0, updated: 0, unchanged: 3, teamsCreated: [] });
    expect(preview.ok && preview.rows.map((r) => r.kind)).toEqual(["unchanged", "unchanged", "unchanged"]);
    expect(await importOrgChart(handle.db, admin, csv, { now: new Date() })).toMatchObject({
      ok: true,
      dryRun: false,
      created: 0,
      updated: 0,
      unchanged: 3,
    });
    expect({ ...(await snapshot()), versions: await versions() }).toEqual(before);
  });

  test("the preview lists each row: created with what it sets, changed field by field, unchanged", async () => {
    const next = [
      HEADER,
      "twa@x.test,Tia Twice,Twice Team,,manager",
      "twb@x.test,Tom Twice,Support Desk,,",
      "twd@x.test,Dot Twice,Twice Team,twa@x.test,",
    ].join("\n");
    const before = await snapshot();
    const preview = await importOrgChart(handle.db, admin, next, { dryRun: true, now: new Date() });
    expect(preview).toEqual({
      ok: true,
      dryRun: true,
      created: 1,
      updated: 1,
      unchanged: 1,
      teamsCreated: ["Support Desk"],
      rows: [
        { kind: "unchanged", row: 2, email: "twa@x.test", name: "Tia Twice" },
        {
          kind: "change",
          row: 3,
          email: "twb@x.test",
          name: "Tom Twice",
          changes: [
            { field: "team", from: "Twice Team", to: "Support Desk" },
            { field: "manager", from: "twa@x.test", to: null },
          ],
        },
        {
          kind: "create",
          row: 4,
          email: "twd@x.test",
          name: "Dot Twice",
          set: [
            { field: "name", from: null, to: "Dot Twice" },
            { field: "team", from: null, to: "Twice Team" },
            { field: "manager", from: null, to: "twa@x.test" },
          ],
        },
      ],
    });
    expect(await snapshot()).toEqual(before);

    const [tiaBefore] = await handle.db.select().from(people).where(eq(people.email, "twa@x.test"));
    const [tomBefore] = await handle.db.select().from(people).where(eq(people.email, "twb@x.test"));
    await importOrgChart(handle.db, admin, next, { now: new Date() });
    const [tia] = await handle.db.select().from(people).where(eq(people.email, "twa@x.test"));
    const [tom] = await handle.db.select().from(people).where(eq(people.email, "twb@x.test"));
    expect(tia!.version).toBe(tiaBefore!.version);
    expect(tom!.version).toBe(tomBefore!.version + 1);
    expect(tom!.managerId).toBeNull();
    const tomAudit = await handle.db
      .select({ changes: auditEvents.changes })
      .from(auditEvents)
      .where(eq(auditEvents.entityId, tom!.id));
    // Read in no particular order (one import's events share a timestamp): one of them is the team change.
    expect(tomAudit.map((e) => e.changes)).toContainEqual(
      expect.objectContaining({ team: ["Twice Team", "Support Desk"] }),
    );
    const open = await handle.db.select().from(reportingLines).where(eq(reportingLines.personId, tom!.id));
    expect(open.filter((l) => l.endedAt === null)).toEqual([]);
    expect(await handle.db.select().from(auditEvents).where(eq(auditEvents.entityId, tia!.id))).toHaveLength(1);
  });
});
