import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { eq } from "drizzle-orm";
import type { DatabaseHandle } from "#db/client";
import { actionItems, agendaTopics, meetings, pulses } from "#db/schema";
import type { Viewer } from "~/auth/policies";
import { createPerson, createPlannedMeeting } from "#tests/setup/db-builders";
import { createTestDatabase } from "#tests/setup/test-database";
import { getAgendaFor } from "./agenda.server";
import { RecordNotFound, RuleViolation } from "./errors.server";
import { addActionItem, addNote, finishMeeting, listNotes, setItemChecked } from "./meeting-run.server";
import { loadMeeting } from "./meetings.server";
import { pendingPulse, submitPulse } from "./pulses.server";
import { addTopic } from "./topics.server";

let handle: DatabaseHandle;
let manager: Viewer, report: Viewer, peer: Viewer;
let meetingId: string;
const v = (p: { id: string; name: string; email: string }, roles: Viewer["roles"] = []): Viewer => ({ ...p, roles });
const load = async () => (await loadMeeting(handle.db, meetingId))!;

beforeAll(async () => {
  handle = await createTestDatabase();
  const db = handle.db;
  const m = await createPerson(db, { name: "Mo" });
  const r = await createPerson(db, { name: "Ana", managerId: m.id });
  const p = await createPerson(db, { name: "Pat", managerId: m.id });
  manager = v(m, ["manager"]);
  report = v(r);
  peer = v(p);
  meetingId = (await createPlannedMeeting(db, m.id, r.id)).id;
});
afterAll(() => handle.close());

describe("a 1:1 from topics to pulse", () => {
  test("both add topics; the report's come first; private ones reach only their author", async () => {
    await addTopic(handle.db, manager, await load(), { title: "Team offsite plan", details: "", private: false });
    await addTopic(handle.db, manager, await load(), { title: "Ana's promotion case", details: "", private: true });
    await addTopic(handle.db, report, await load(), { title: "Career path to staff", details: "", private: false });
    await addTopic(handle.db, report, await load(), { title: "Feeling stretched", details: "", private: true });

    const forReport = await getAgendaFor(handle.db, report, await load(), new Date());
    const forManager = await getAgendaFor(handle.db, manager, await load(), new Date());
    expect(forReport.items[0]!.title).toBe("Career path to staff");
    expect(forManager.items[0]!.title).toBe("Career path to staff");
    expect(forReport.items.map((i) => i.title)).not.toContain("Ana's promotion case");
    expect(forManager.items.map((i) => i.title)).not.toContain("Feeling stretched");
    for (const view of [forReport, forManager]) {
      expect(view.items.every((i) => i.reason.length > 0)).toBe(true);
      expect(view.items.reduce((a, i) => a + i.minutes, 0)).toBe(30);
    }
  });

  test("a peer cannot add a topic, read notes, or run the meeting", async () => {
    await expect(
      addTopic(handle.db, peer, await load(), { title: "x", details: "", private: false }),
    ).rejects.toBeInstanceOf(RecordNotFound);
    expect(await listNotes(handle.db, peer, await load())).toEqual([]);
    await expect(finishMeeting(handle.db, peer, await load(), 1, new Date())).rejects.toBeInstanceOf(RecordNotFound);
    await expect(finishMeeting(handle.db, report, await load(), 1, new Date())).rejects.toBeInstanceOf(RecordNotFound);
  });

  test("private notes are the author's alone; shared notes are the pair's", async () => {
    await addNote(handle.db, manager, await load(), { visibility: "private", body: "Ask HR about the band" });
    await addNote(handle.db, manager, await load(), { visibility: "shared", body: "Agreed: staff path doc" });
    await addNote(handle.db, report, await load(), { visibility: "private", body: "I might look elsewhere" });
    expect((await listNotes(handle.db, report, await load())).map((n) => n.body).sort()).toEqual([
      "Agreed: staff path doc",
      "I might look elsewhere",
    ]);
    expect((await listNotes(handle.db, manager, await load())).map((n) => n.body).sort()).toEqual([
      "Agreed: staff path doc",
      "Ask HR about the band",
    ]);
  });

  test("finishing carries open follow-ups and uncovered topics into the next 1:1, counting the carries", async () => {
    const [older] = await handle.db
      .insert(actionItems)
      .values({
        reportId: report.id,
        managerId: manager.id,
        ownerId: manager.id,
        createdBy: manager.id,
        title: "Find a mentor",
        dueOn: "2026-01-01",
        carriedCount: 1,
      })
      .returning();
    await addActionItem(handle.db, manager, await load(), { title: "Draft the staff case", owner: "report" });
    const loaded = await load();
    const careerTopic = (await getAgendaFor(handle.db, manager, loaded, new Date())).items.find(
      (i) => i.title === "Career path to staff",
    )!;
    await setItemChecked(handle.db, manager, loaded, careerTopic.key, true);

    const { nextMeetingId, carriedTopics } = await finishMeeting(handle.db, manager, await load(), 1, new Date());
    expect(carriedTopics).toBe(3); // offsite, and each side's private topic; the career topic was discussed
    const [held] = await handle.db.select().from(meetings).where(eq(meetings.id, meetingId));
    expect(held).toMatchObject({ status: "held", version: 2 });
    const nextTopics = await handle.db.select().from(agendaTopics).where(eq(agendaTopics.meetingId, nextMeetingId));
    expect(nextTopics.map((t) => [t.title, t.carriedCount, t.private]).sort()).toEqual([
      ["Ana's promotion case", 1, true],
      ["Feeling stretched", 1, true],
      ["Team offsite plan", 1, false],
    ]);
    const items = await handle.db.select().from(actionItems).where(eq(actionItems.reportId, report.id));
    expect(items.find((i) => i.id === older!.id)?.carriedCount).toBe(2);
    expect(items.find((i) => i.title === "Draft the staff case")?.carriedCount).toBe(0);

    const next = (await loadMeeting(handle.db, nextMeetingId))!;
    const agenda = await getAgendaFor(handle.db, manager, next, new Date());
    expect(agenda.items.find((i) => i.refId === older!.id)?.reason).toMatch(/carried over twice/);
  });

  test("finishing twice, or from a stale page, is refused", async () => {
    await expect(finishMeeting(handle.db, manager, await load(), 1, new Date())).rejects.toThrow();
    await expect(finishMeeting(handle.db, manager, await load(), 2, new Date())).rejects.toBeInstanceOf(RuleViolation);
  });

  test("the report answers the pulse once; the manager cannot", async () => {
    expect((await pendingPulse(handle.db, report, new Date()))?.meetingId).toBe(meetingId);
    const answers = { understood: 4, progressing: 3, overloaded: 2, enps: 8 };
    await expect(submitPulse(handle.db, manager, await load(), answers, new Date())).rejects.toBeInstanceOf(
      RecordNotFound,
    );
    await submitPulse(handle.db, report, await load(), answers, new Date());
    await expect(
      submitPulse(handle.db, report, await load(), { ...answers, enps: 0 }, new Date()),
    ).rejects.toBeInstanceOf(RuleViolation);
    const stored = await handle.db.select().from(pulses).where(eq(pulses.meetingId, meetingId));
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ enps: 8, respondentId: report.id });
    expect(await pendingPulse(handle.db, report, new Date())).toBeNull();
  });
});
