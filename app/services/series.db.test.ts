import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { and, eq } from "drizzle-orm";
import type { DatabaseHandle } from "#db/client";
import { agendaTopics, meetings } from "#db/schema";
import type { Subject, Viewer } from "~/auth/policies";
import { createPerson } from "#tests/setup/db-builders";
import { createTestDatabase } from "#tests/setup/test-database";
import { meetingsCalendar } from "./calendar.server";
import { RecordNotFound } from "./errors.server";
import { cancelMeeting, rescheduleMeeting } from "./meeting-run.server";
import { loadMeeting } from "./meetings.server";
import { getRhythm, saveRhythm, upcomingMeetings } from "./series.server";
import { loadSubject } from "./subjects.server";
import { addTopic } from "./topics.server";
import { chooseTimeZone } from "./time-zones.server";

let handle: DatabaseHandle;
let manager: Viewer, report: Viewer;
let subject: Subject;
const now = new Date("2026-06-15T12:00:00Z");

beforeAll(async () => {
  handle = await createTestDatabase();
  const m = await createPerson(handle.db, { name: "Mo" });
  const r = await createPerson(handle.db, { name: "Ana", managerId: m.id });
  manager = { ...m, roles: ["manager"] };
  report = { ...r, roles: [] };
  subject = (await loadSubject(handle.db, r.id))!;
});
afterAll(() => handle.close());

describe("the pair's rhythm", () => {
  test("setting it plans the next three 1:1s on the weekday and time", async () => {
    await saveRhythm(
      handle.db,
      manager,
      subject,
      { cadence: "weekly", intervalDays: 7, weekday: 2, startTime: "10:00", lengthMinutes: 45 },
      now,
    );
    const planned = await upcomingMeetings(handle.db, manager.id, report.id, now);
    expect(planned.map((m) => m.scheduledAt.toISOString())).toEqual([
      "2026-06-16T10:00:00.000Z",
      "2026-06-23T10:00:00.000Z",
      "2026-06-30T10:00:00.000Z",
    ]);
    expect(planned.every((m) => m.lengthMinutes === 45)).toBe(true);
  });

  test("changing it moves the planned 1:1s in place, keeping their topics", async () => {
    const [first] = await upcomingMeetings(handle.db, manager.id, report.id, now);
    const loaded = (await loadMeeting(handle.db, first!.id))!;
    await addTopic(handle.db, report, loaded, { title: "Conference budget", details: "", private: false });
    await saveRhythm(
      handle.db,
      manager,
      subject,
      { cadence: "biweekly", intervalDays: 14, weekday: 4, startTime: "09:00", lengthMinutes: 30 },
      now,
    );
    const planned = await upcomingMeetings(handle.db, manager.id, report.id, now);
    expect(planned).toHaveLength(3);
    expect(planned[0]).toMatchObject({ id: first!.id, scheduledAt: new Date("2026-06-18T09:00:00Z") });
    expect((await getRhythm(handle.db, manager.id, report.id))?.intervalDays).toBe(14);
    const topics = await handle.db.select().from(agendaTopics).where(eq(agendaTopics.meetingId, first!.id));
    expect(topics.map((t) => t.title)).toEqual(["Conference budget"]);
  });

  test("only the direct manager sets it", async () => {
    await expect(
      saveRhythm(
        handle.db,
        report,
        subject,
        { cadence: "weekly", intervalDays: 7, weekday: 1, startTime: "10:00", lengthMinutes: 30 },
        now,
      ),
    ).rejects.toBeInstanceOf(RecordNotFound);
  });

  test("a moved 1:1 keeps its place; a cancelled one hands its topics to the next", async () => {
    const [first, second] = await upcomingMeetings(handle.db, manager.id, report.id, now);
    let loaded = (await loadMeeting(handle.db, first!.id))!;
    await rescheduleMeeting(
      handle.db,
      manager,
      loaded,
      { version: loaded.meeting.version, scheduledAt: new Date("2026-06-19T15:00:00Z") },
      now,
    );
    loaded = (await loadMeeting(handle.db, first!.id))!;
    expect(loaded.meeting.scheduledAt.toISOString()).toBe("2026-06-19T15:00:00.000Z");
    const { nextMeetingId } = await cancelMeeting(handle.db, manager, loaded, loaded.meeting.version, now);
    expect(nextMeetingId).toBe(second!.id);
    const [cancelled] = await handle.db.select().from(meetings).where(eq(meetings.id, first!.id));
    expect(cancelled!.status).toBe("cancelled");
    const moved = await handle.db
      .select()
      .from(agendaTopics)
      .where(and(eq(agendaTopics.meetingId, second!.id)));
    expect(moved.map((t) => [t.title, t.carriedCount])).toEqual([["Conference budget", 1]]);
  });

  test("the calendar file is valid iCalendar with the agenda link and a stable UID", async () => {
    const planned = await upcomingMeetings(handle.db, manager.id, report.id, now);
    const ics = meetingsCalendar({ title: "1:1 Mo / Ana", meetings: planned, baseUrl: "https://rapport.example" });
    expect(ics).toMatch(/^BEGIN:VCALENDAR\r\n/);
    expect(ics.match(/BEGIN:VEVENT/g)).toHaveLength(planned.length);
    expect(ics).toContain(`UID:${planned[0]!.id}@rapport`);
    expect(ics.replace(/\r\n /g, "")).toContain(`https://rapport.example/meetings/${planned[0]!.id}`);
    expect(ics).toContain("DTSTART:20260702T090000Z");
  });
});

describe("a rhythm kept in the manager's zone", () => {
  test("Tuesdays 09:30 for a manager in Berlin stay 09:30 there across the change to summer time", async () => {
    const m = await createPerson(handle.db, { name: "Berta" });
    const r = await createPerson(handle.db, { name: "Carl", managerId: m.id });
    await chooseTimeZone(handle.db, m.id, "Europe/Berlin", now);
    const berlinManager: Viewer = { ...m, roles: ["manager"] };
    const march = new Date("2026-03-16T12:00:00Z");
    const series = await saveRhythm(
      handle.db,
      berlinManager,
      (await loadSubject(handle.db, r.id))!,
      { cadence: "weekly", intervalDays: 7, weekday: 2, startTime: "09:30", lengthMinutes: 30 },
      march,
    );
    expect(series.timezone).toBe("Europe/Berlin");
    const planned = await upcomingMeetings(handle.db, m.id, r.id, march);
    expect(planned.map((p) => p.scheduledAt.toISOString())).toEqual([
      "2026-03-17T08:30:00.000Z",
      "2026-03-24T08:30:00.000Z",
      "2026-03-31T07:30:00.000Z",
    ]);
  });
});
