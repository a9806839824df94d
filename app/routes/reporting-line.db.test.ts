import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { and, desc, eq, inArray } from "drizzle-orm";
import type { DatabaseHandle } from "#db/client";
import { auditEvents, commitments, goals, mailOutbox, meetings, people } from "#db/schema";
import type { Viewer } from "~/auth/policies";
import { recordAssessments } from "~/services/assessments.server";
import { useDatabaseForTests } from "~/services/db.server";
import { getAgendaFor } from "~/services/agenda.server";
import { loadMeeting } from "~/services/meetings.server";
import { getMyPeopleFacts } from "~/services/my-people.server";
import { importOrgChart } from "~/services/org-csv.server";
import { updatePersonAsAdmin } from "~/services/org.server";
import { createRisk, listRisksForAccount } from "~/services/risks.server";
import { loadSubject } from "~/services/subjects.server";
import { createCast } from "#tests/setup/db-builders";
import { actionArgs, loaderArgs, statusOf } from "#tests/setup/requests";
import { createTestDatabase } from "#tests/setup/test-database";
import * as account from "./people.$personId._index";
import * as editPerson from "./admin.people.$personId";
import * as home from "./me._index";
import * as riskPage from "./people.$personId.risks.$riskId";

/**
 * An admin could make themselves anyone's manager and then read their whole account, risks written by
 * earlier managers included. Now a change of reporting line is audited, shown to the person on their
 * home page and mailed to them, and hands nothing the earlier line wrote to the new one.
 */

let handle: DatabaseHandle;
const id = {} as Awaited<ReturnType<typeof createCast>>;
const viewers: Record<string, Viewer> = {};
let riskId = "";

const SECRET_RISK = "Interviewing at a competitor";
const SECRET_NOTE = "Struggles in planning meetings";

beforeAll(async () => {
  handle = await createTestDatabase();
  useDatabaseForTests(handle);
  Object.assign(id, await createCast(handle.db));
  await handle.db.update(people).set({ email: "alice@line.test" }).where(eq(people.id, id.alice));
  await handle.db.update(people).set({ email: "mo@line.test" }).where(eq(people.id, id.manager));
  await handle.db.update(people).set({ email: "adam@line.test" }).where(eq(people.id, id.admin));
  for (const [who, roles] of [
    ["manager", ["manager"]],
    ["admin", ["admin"]],
    ["ceo", ["manager"]],
    ["alice", []],
  ] as const) {
    const [p] = await handle.db.select().from(people).where(eq(people.id, id[who]));
    viewers[who] = { id: p!.id, name: p!.name, email: p!.email, roles };
  }
  // What Alice's manager Mo wrote, and what Alice shares with her line.
  const alice = (await loadSubject(handle.db, id.alice))!;
  riskId = (
    await createRisk(handle.db, viewers.manager!, alice, {
      kind: "flight",
      description: SECRET_RISK,
      likelihood: 3,
      impact: 3,
      mitigation: "",
    })
  ).id;
  await recordAssessments(handle.db, viewers.manager!, alice, "manager", [
    { pointKey: 3, rating: 2, note: SECRET_NOTE },
  ]);
  await handle.db.insert(goals).values({ ownerId: id.alice, title: "Lead the Q3 launch" });
  await handle.db
    .insert(commitments)
    .values({ personId: id.alice, createdBy: id.alice, change: "Say no to side projects" });
});
afterAll(() => handle.close());

async function appointAdminAsAlicesManager() {
  const [alice] = await handle.db.select({ version: people.version }).from(people).where(eq(people.id, id.alice));
  const form = {
    intent: "edit",
    version: String(alice!.version),
    name: "Alice Report",
    email: "alice@line.test",
    managerEmail: "adam@line.test",
    roles: "",
  };
  return editPerson.action(await actionArgs(id.admin, `/admin/people/${id.alice}`, form, { personId: id.alice }));
}

const loadAccount = async (who: string) =>
  (await account.loader(
    await loaderArgs(id[who as keyof typeof id], `/people/${id.alice}`, { personId: id.alice }),
  )) as Awaited<ReturnType<typeof account.loader>>;

describe("an admin who makes themselves someone's manager", () => {
  beforeAll(async () => {
    // Before the change Mo reads his own risk and rating: the rule takes nothing from the line in place.
    const before = await loadAccount("manager");
    expect(before.risks.map((r) => r.description)).toEqual([SECRET_RISK]);
    expect(before.standings.find((s) => s.pointKey === 3)?.manager).toBe(2);
    expect(await statusOf(appointAdminAsAlicesManager)).toBe(302);
  });

  test("is audited as what it is, with both managers by name and by id", async () => {
    const events = await handle.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.entityId, id.alice), eq(auditEvents.entity, "person")))
      .orderBy(desc(auditEvents.createdAt));
    const appointment = events.find((e) => e.action === "self-appointed-manager");
    expect(appointment).toMatchObject({ actorId: id.admin, subjectId: id.alice });
    expect(appointment!.changes).toEqual({ manager: ["Mo Manager", "Adam Admin"], managerId: [id.manager, id.admin] });
    expect(events.find((e) => e.action === "update")!.changes.managerId).toEqual([id.manager, id.admin]);
  });

  test("is shown to the person on their home page", async () => {
    const data = (await home.loader(await loaderArgs(id.alice, "/me"))) as Awaited<ReturnType<typeof home.loader>>;
    expect(data.home.lineChanges).toHaveLength(1);
    expect(data.home.lineChanges[0]).toMatchObject({
      fromName: "Mo Manager",
      toName: "Adam Admin",
      byName: "Adam Admin",
      byThemselves: true,
    });
  });

  test("is mailed to the person, once, saying who did it and nothing from the account", async () => {
    const mail = await handle.db.select().from(mailOutbox).where(eq(mailOutbox.kind, "reporting-line"));
    expect(mail).toHaveLength(1);
    expect(mail[0]).toMatchObject({
      toAddress: "alice@line.test",
      subject: "Adam Admin made themselves your manager in Rapport",
      status: "pending",
    });
    expect(mail[0]!.dedupeKey).toMatch(/^reporting-line:[0-9a-f-]{36}$/);
    expect(mail[0]!.textBody).toContain("Adam Admin made themselves your manager in place of Mo Manager.");
    expect(mail[0]!.textBody).toContain("/me");
    for (const body of [mail[0]!.textBody, mail[0]!.htmlBody]) {
      expect(body).not.toContain(SECRET_RISK);
      expect(body).not.toContain(SECRET_NOTE);
      expect(body).not.toContain("Lead the Q3 launch");
    }
  });

  test("reads what Alice shares with her line, but none of the risks or ratings the earlier line wrote", async () => {
    const data = await loadAccount("admin");
    expect(data.goals.map((g) => g.title)).toEqual(["Lead the Q3 launch"]);
    expect(data.commitments.map((c) => c.change)).toEqual(["Say no to side projects"]);
    expect(data.risks).toEqual([]);
    expect(data.standings.find((s) => s.pointKey === 3)?.manager).toBeNull();
    expect(data.trail.filter((e) => e.entity === "risk" || e.entity === "assessment")).toEqual([]);
    const page = JSON.stringify(data);
    expect(page).not.toContain(SECRET_RISK);
    expect(page).not.toContain(SECRET_NOTE);
    expect(
      await statusOf(async () =>
        riskPage.loader(
          await loaderArgs(id.admin, `/people/${id.alice}/risks/${riskId}`, { personId: id.alice, riskId }),
        ),
      ),
    ).toBe(404);
  });

  test("nor through the 1:1 agenda or the list of their people", async () => {
    const [meeting] = await handle.db
      .insert(meetings)
      .values({ managerId: id.admin, reportId: id.alice, scheduledAt: new Date(Date.now() + 86_400_000) })
      .returning();
    const loaded = (await loadMeeting(handle.db, meeting!.id, id.admin))!;
    const agenda = await getAgendaFor(handle.db, viewers.admin!, loaded, new Date());
    expect(JSON.stringify(agenda)).not.toContain(SECRET_RISK);
    expect(agenda.items.filter((i) => i.section === "risk")).toEqual([]);
    const facts = await getMyPeopleFacts(handle.db, viewers.admin!, new Date());
    expect(facts.reports.find((r) => r.id === id.alice)).toMatchObject({
      openRisks: 0,
      highestRisk: null,
      checklistHealth: null,
    });
  });

  test("reads what they write from now on, and Mo, given Alice back, reads his own and not the admin's", async () => {
    const alice = (await loadSubject(handle.db, id.alice))!;
    await createRisk(handle.db, viewers.admin!, alice, {
      kind: "overload",
      description: "Written by the admin",
      likelihood: 1,
      impact: 1,
      mitigation: "",
    });
    expect((await listRisksForAccount(handle.db, viewers.admin!, alice)).map((r) => r.description)).toEqual([
      "Written by the admin",
    ]);

    const [row] = await handle.db.select({ version: people.version }).from(people).where(eq(people.id, id.alice));
    const input = {
      name: "Alice Report",
      email: "alice@line.test",
      managerEmail: "mo@line.test",
      roles: [],
      version: row!.version,
    };
    await updatePersonAsAdmin(handle.db, viewers.admin!, id.alice, input, new Date());
    const back = (await loadSubject(handle.db, id.alice))!;
    expect((await listRisksForAccount(handle.db, viewers.manager!, back)).map((r) => r.description)).toEqual([
      SECRET_RISK,
    ]);
    expect(await listRisksForAccount(handle.db, viewers.admin!, back)).toEqual([]);

    // That change was an ordinary one, told and mailed too.
    const events = await handle.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.entityId, id.alice), eq(auditEvents.action, "reporting-line")));
    expect(events.map((e) => e.changes.manager)).toEqual([["Adam Admin", "Mo Manager"]]);
    expect(await handle.db.select().from(mailOutbox).where(eq(mailOutbox.kind, "reporting-line"))).toHaveLength(2);
  });
});

describe("both managers are told (ADR 043)", () => {
  test("each manager but the one who made the change gets one mail, with nothing from the account", async () => {
    const mail = (await handle.db.select().from(mailOutbox).where(eq(mailOutbox.kind, "reporting-line-manager"))).sort(
      (a, b) => a.subject.localeCompare(b.subject),
    );
    // Adam made himself Alice's manager (Mo told he lost her), then put Mo back (Mo told he has her).
    expect(mail.map((m) => [m.toAddress, m.subject])).toEqual([
      ["mo@line.test", "Alice Report no longer reports to you in Rapport"],
      ["mo@line.test", "Alice Report now reports to you in Rapport"],
    ]);
    expect(mail[0]!.textBody).toContain("Adam Admin moved Alice Report to Adam Admin.");
    expect(mail[0]!.textBody).toContain("Adam Admin reads them only if Alice Report shares them");
    expect(mail[1]!.textBody).toContain("made you Alice Report's manager in place of Adam Admin.");
    expect(mail.map((m) => m.dedupeKey)).toEqual([
      expect.stringMatching(/^reporting-line:[0-9a-f-]{36}:from$/),
      expect.stringMatching(/^reporting-line:[0-9a-f-]{36}:to$/),
    ]);
    for (const body of mail.flatMap((m) => [m.textBody, m.htmlBody])) {
      expect(body).not.toContain(SECRET_RISK);
      expect(body).not.toContain(SECRET_NOTE);
      expect(body).not.toContain("Lead the Q3 launch");
    }
  });
});

describe("the org-chart import", () => {
  test("tells people whose manager it changes, and not the people it creates", async () => {
    const csv = [
      "email,name,team,manager_email,roles",
      "alice@line.test,Alice Report,,adam@line.test,",
      "newcomer@line.test,Nia Newcomer,,mo@line.test,",
    ].join("\n");
    const before = (await handle.db.select().from(mailOutbox).where(eq(mailOutbox.kind, "reporting-line"))).length;
    expect(await importOrgChart(handle.db, viewers.admin!, csv, { now: new Date() })).toMatchObject({ ok: true });
    const mail = await handle.db.select().from(mailOutbox).where(eq(mailOutbox.kind, "reporting-line"));
    expect(mail).toHaveLength(before + 1);
    expect(mail.map((m) => m.toAddress).filter((to) => to === "newcomer@line.test")).toEqual([]);
    const [newcomer] = await handle.db
      .select({ id: people.id })
      .from(people)
      .where(eq(people.email, "newcomer@line.test"));
    const told = await handle.db
      .select()
      .from(auditEvents)
      .where(
        and(inArray(auditEvents.subjectId, [id.alice, newcomer!.id]), eq(auditEvents.action, "self-appointed-manager")),
      );
    expect(told.map((e) => e.subjectId)).toEqual([id.alice, id.alice]);
  });
});
