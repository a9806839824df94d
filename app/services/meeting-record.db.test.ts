import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { eq } from "drizzle-orm";
import type { DatabaseHandle } from "#db/client";
import { actionItems, agendaTopics, goals, risks } from "#db/schema";
import type { Viewer } from "~/auth/policies";
import { createPerson, createPlannedMeeting } from "#tests/setup/db-builders";
import { createTestDatabase } from "#tests/setup/test-database";
import { getAgendaFor } from "./agenda.server";
import { RecordNotFound, RuleViolation } from "./errors.server";
import { getMeetingRecord } from "./meeting-record.server";
import { addActionItem, addNote, finishMeeting, setItemChecked } from "./meeting-run.server";
import { loadMeeting } from "./meetings.server";
import { addTopic } from "./topics.server";

/**
 * Issue 12, finding 1: what is discussed stays on the agenda, marked, and can be unticked until the
 * end; the held 1:1 keeps what was discussed, its notes, the follow-ups agreed and what moved on.
 */
let handle: DatabaseHandle;
let manager: Viewer, report: Viewer, otherManager: Viewer, hr: Viewer, admin: Viewer;
let meetingId: string;
const v = (p: { id: string; name: string; email: string }, roles: Viewer["roles"] = []): Viewer => ({ ...p, roles });
const load = async (id = meetingId, viewer?: Viewer) => (await loadMeeting(handle.db, id, viewer?.id ?? null))!;
const agendaOf = async (viewer: Viewer) => getAgendaFor(handle.db, viewer, await load(), new Date());

beforeAll(async () => {
  handle = await createTestDatabase();
  const db = handle.db;
  const m = await createPerson(db, { name: "Mo", roles: ["manager"] });
  const r = await createPerson(db, { name: "Ana", managerId: m.id });
  const o = await createPerson(db, { name: "Otto", roles: ["manager"] });
  await createPerson(db, { name: "Oz", managerId: o.id });
  const h = await createPerson(db, { name: "Hana", roles: ["hr"] });
  const a = await createPerson(db, { name: "Adi", roles: ["admin"] });
  manager = v(m, ["manager"]);
  report = v(r);
  otherManager = v(o, ["manager"]);
  hr = v(h, ["hr"]);
  admin = v(a, ["admin"]);
  meetingId = (await createPlannedMeeting(db, m.id, r.id)).id;
  await db.insert(goals).values({ ownerId: r.id, title: "Ship the search", targetDate: "2020-01-01" });
  await db.insert(risks).values({
    subjectId: r.id,
    authorId: m.id,
    kind: "flight",
    description: "Talking to a recruiter",
    likelihood: 2,
    impact: 2,
    reviewOn: "2020-01-01",
  });
});
afterAll(() => handle.close());

describe("ticking and unticking during the 1:1", () => {
  test("a ticked topic stays, marked, in both views; unticked it is open again; ticked again it is marked", async () => {
    await addTopic(handle.db, report, await load(), { title: "Career path", details: "", private: false });
    await addTopic(handle.db, report, await load(), { title: "Conference budget", details: "", private: false });
    await addTopic(handle.db, manager, await load(), { title: "Promotion case", details: "", private: true });
    const before = (await agendaOf(manager)).items.map((i) => i.key);
    const career = (await agendaOf(manager)).items.find((i) => i.title === "Career path")!;

    await setItemChecked(handle.db, manager, await load(), career.key, true);
    for (const viewer of [manager, report]) {
      const item = (await agendaOf(viewer)).items.find((i) => i.key === career.key);
      expect(item?.discussed).toBe(true);
    }
    expect((await agendaOf(manager)).items.map((i) => i.key)).toEqual(before);

    await setItemChecked(handle.db, manager, await load(), career.key, false);
    expect((await agendaOf(manager)).items.find((i) => i.key === career.key)?.discussed).toBe(false);
    const [topic] = await handle.db.select().from(agendaTopics).where(eq(agendaTopics.id, career.refId));
    expect(topic!.discussed).toBe(false);

    await setItemChecked(handle.db, manager, await load(), career.key, true);
    expect((await agendaOf(manager)).items.find((i) => i.key === career.key)?.discussed).toBe(true);
  });

  test("only the manager who runs it ticks: not the report, another manager, HR or an admin", async () => {
    const key = (await agendaOf(manager)).items.find((i) => i.title === "Conference budget")!.key;
    for (const viewer of [report, otherManager, hr, admin]) {
      await expect(setItemChecked(handle.db, viewer, await load(), key, true)).rejects.toBeInstanceOf(RecordNotFound);
    }
    expect((await agendaOf(manager)).items.find((i) => i.key === key)?.discussed).toBe(false);
  });
  test("a private topic of the report and a follow-up are added during the 1:1", async () => {
    // Double clicks are caught by the form's key (writeOnce, submit-once.db.test.ts), not here.
    await addTopic(handle.db, report, await load(), { title: "Feeling stretched", details: "", private: true });
    await addActionItem(handle.db, manager, await load(), { title: "Book the conference", owner: "report" });
    expect(await handle.db.select().from(agendaTopics).where(eq(agendaTopics.title, "Feeling stretched"))).toHaveLength(
      1,
    );
    expect(await handle.db.select().from(actionItems).where(eq(actionItems.title, "Book the conference"))).toHaveLength(
      1,
    );
  });
});

describe("the held 1:1 keeps its record", () => {
  let nextMeetingId: string;

  test("finishing keeps the ticks; what was not discussed moves on, and nothing can be ticked after", async () => {
    const agenda = await agendaOf(manager);
    const goal = agenda.items.find((i) => i.section === "goal")!;
    const risk = agenda.items.find((i) => i.section === "risk")!;
    await setItemChecked(handle.db, manager, await load(), goal.key, true);
    await setItemChecked(handle.db, manager, await load(), risk.key, true);
    await addNote(handle.db, manager, await load(), { visibility: "shared", body: "Agreed: a budget of 800" });
    await addNote(handle.db, manager, await load(), { visibility: "private", body: "Raise her band" });
    await addNote(handle.db, report, await load(), { visibility: "private", body: "Ask for Berlin" });
    ({ nextMeetingId } = await finishMeeting(handle.db, manager, await load(), 1, new Date()));
    await expect(setItemChecked(handle.db, manager, await load(), goal.key, false)).rejects.toBeInstanceOf(
      RuleViolation,
    );
  });

  test("the manager's record: discussed in agenda order, the rest with the 1:1 it moved to, the follow-ups agreed", async () => {
    const record = await getMeetingRecord(handle.db, manager, await load());
    expect(record.discussed.map((i) => [i.section, i.title])).toEqual([
      ["report-topic", "Career path"],
      ["goal", "Ship the search"],
      ["risk", "Talking to a recruiter"],
    ]);
    expect(record.notDiscussed.map((i) => [i.title, i.carriedToMeetingId])).toEqual([
      ["Conference budget", nextMeetingId],
      ["Promotion case", nextMeetingId],
    ]);
    expect(record.followUps.map((f) => [f.title, f.ownerName, f.status])).toEqual([
      ["Book the conference", "Ana", "open"],
    ]);
    expect(record.next?.id).toBe(nextMeetingId);
    const notes = (await load(meetingId, manager)).notes.map((n) => n.body).sort();
    expect(notes).toEqual(["Agreed: a budget of 800", "Raise her band"]);
  });

  test("the report's record: no risk, none of the manager's private topics, only their own private note", async () => {
    const record = await getMeetingRecord(handle.db, report, await load());
    expect(record.discussed.map((i) => i.title)).toEqual(["Career path", "Ship the search"]);
    expect(record.notDiscussed.map((i) => i.title)).toEqual(["Conference budget", "Feeling stretched"]);
    expect(record.followUps.map((f) => f.title)).toEqual(["Book the conference"]);
    const notes = (await load(meetingId, report)).notes.map((n) => n.body).sort();
    expect(notes).toEqual(["Agreed: a budget of 800", "Ask for Berlin"]);
  });

  test("the undiscussed topics open the next 1:1, counted as carried; the discussed one does not", async () => {
    const next = await getAgendaFor(handle.db, manager, await load(nextMeetingId), new Date());
    const titles = next.items.map((i) => i.title);
    expect(titles).toContain("Conference budget");
    expect(titles).toContain("Promotion case");
    expect(titles).not.toContain("Career path");
    expect(next.items.find((i) => i.title === "Conference budget")?.reason).toMatch(/carried over once/);
    expect(next.items.every((i) => !i.discussed)).toBe(true);
  });
});
