import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { asc, eq } from "drizzle-orm";
import type { DatabaseHandle } from "#db/client";
import { calendarFeeds, meetings, people, securityEvents } from "#db/schema";
import type { Subject, Viewer } from "~/auth/policies";
import { changeManager, createPerson } from "#tests/setup/db-builders";
import { createTestDatabase } from "#tests/setup/test-database";
import {
  authenticateCalendarFeed,
  calendarFeedStatus,
  feedMeetings,
  FEED_PAST_DAYS,
  loadPair,
  makeCalendarFeed,
  pairMeetingNow,
  TOUCH_EVERY_MS,
  turnOffCalendarFeed,
} from "./calendar-feeds.server";
import { cancelMeeting, finishMeeting, rescheduleMeeting } from "./meeting-run.server";
import { loadMeeting } from "./meetings.server";
import { saveRhythm, upcomingMeetings } from "./series.server";
import { loadSubject } from "./subjects.server";

let handle: DatabaseHandle;
let mo: Viewer, ana: Viewer, ben: Viewer, nia: Viewer, cy: Viewer;
const now = new Date("2026-06-15T12:00:00Z");
const weekly = { cadence: "weekly", intervalDays: 7, weekday: 2, startTime: "10:00", lengthMinutes: 30 } as const;
const v = (p: { id: string; name: string; email: string }, roles: Viewer["roles"] = []): Viewer => ({ ...p, roles });
const subjectOf = async (id: string) => (await loadSubject(handle.db, id)) as Subject;
const sequenceOf = async (id: string) =>
  (await handle.db.select({ s: meetings.sequence }).from(meetings).where(eq(meetings.id, id)))[0]!.s;
const idsOf = (rows: { id: string }[]) => rows.map((r) => r.id).sort();

beforeAll(async () => {
  handle = await createTestDatabase();
  const db = handle.db;
  // Mo manages Ana and Ben; Nia manages Cy. Each pair has a weekly rhythm.
  mo = v(await createPerson(db, { name: "Mo Manager" }), ["manager"]);
  nia = v(await createPerson(db, { name: "Nia Manager" }), ["manager"]);
  ana = v(await createPerson(db, { name: "Ana Report", managerId: mo.id }));
  ben = v(await createPerson(db, { name: "Ben Report", managerId: mo.id }));
  cy = v(await createPerson(db, { name: "Cy Report", managerId: nia.id }));
  await saveRhythm(db, mo, await subjectOf(ana.id), weekly, now);
  await saveRhythm(db, mo, await subjectOf(ben.id), weekly, now);
  await saveRhythm(db, nia, await subjectOf(cy.id), weekly, now);
});
afterAll(() => handle.close());

describe("the feed's token", () => {
  test("is 32 random bytes in base64url, shown once; the table keeps only its SHA-256", async () => {
    const token = await makeCalendarFeed(handle.db, ana.id, now);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(token, "base64url")).toHaveLength(32);
    const rows = await handle.db.select().from(calendarFeeds).where(eq(calendarFeeds.personId, ana.id));
    expect(rows).toHaveLength(1);
    expect(rows[0]!.tokenHash).toBe(createHash("sha256").update(token).digest("hex"));
    expect(JSON.stringify(rows)).not.toContain(token);
    expect(await authenticateCalendarFeed(handle.db, token, now)).toEqual({ personId: ana.id, timeZone: "UTC" });
    expect(await calendarFeedStatus(handle.db, ana.id)).toEqual({ createdAt: now, lastUsedAt: now });
  });

  test("a wrong, malformed or empty token finds nobody", async () => {
    const token = await makeCalendarFeed(handle.db, ben.id, now);
    const wrong = (token[0] === "A" ? "B" : "A") + token.slice(1);
    for (const presented of [wrong, token.slice(1), `${token}=`, "", "../../etc/passwd"]) {
      expect(await authenticateCalendarFeed(handle.db, presented, now)).toBeNull();
    }
  });

  test("rotating makes a new one and the old one stops at once", async () => {
    const old = await makeCalendarFeed(handle.db, cy.id, now);
    const fresh = await makeCalendarFeed(handle.db, cy.id, now);
    expect(fresh).not.toBe(old);
    expect(await authenticateCalendarFeed(handle.db, old, now)).toBeNull();
    expect(await authenticateCalendarFeed(handle.db, fresh, now)).toMatchObject({ personId: cy.id });
    expect(await handle.db.select().from(calendarFeeds).where(eq(calendarFeeds.personId, cy.id))).toHaveLength(1);
  });

  test("turning it off ends it, and turning it off again changes nothing", async () => {
    const token = await makeCalendarFeed(handle.db, nia.id, now);
    await turnOffCalendarFeed(handle.db, nia.id);
    await turnOffCalendarFeed(handle.db, nia.id);
    expect(await authenticateCalendarFeed(handle.db, token, now)).toBeNull();
    expect(await calendarFeedStatus(handle.db, nia.id)).toBeNull();
  });

  test("making, making anew and turning off are on the security log, without the token", async () => {
    const lee = await createPerson(handle.db, { name: "Lee Logged", managerId: mo.id });
    const events = () =>
      handle.db
        .select({ kind: securityEvents.kind, detail: securityEvents.detail, actorId: securityEvents.actorId })
        .from(securityEvents)
        .where(eq(securityEvents.subjectId, lee.id))
        .orderBy(asc(securityEvents.at));
    const later = (minutes: number) => new Date(now.getTime() + minutes * 60_000);
    const first = await makeCalendarFeed(handle.db, lee.id, now, { address: "192.0.2.7" });
    const second = await makeCalendarFeed(handle.db, lee.id, later(1));
    await turnOffCalendarFeed(handle.db, lee.id, later(2));
    await turnOffCalendarFeed(handle.db, lee.id, later(3));
    expect(await events()).toEqual([
      { kind: "calendar-feed.made", detail: { revoked: false }, actorId: lee.id },
      { kind: "calendar-feed.made", detail: { revoked: true }, actorId: lee.id },
      { kind: "calendar-feed.turned-off", detail: {}, actorId: lee.id },
    ]);
    const stored = JSON.stringify(await handle.db.select().from(securityEvents));
    for (const token of [first, second]) expect(stored).not.toContain(token);
  });

  test("a deactivated person's feed finds nobody", async () => {
    const gone = await createPerson(handle.db, { name: "Gone", managerId: mo.id });
    const token = await makeCalendarFeed(handle.db, gone.id, now);
    await handle.db.update(people).set({ active: false }).where(eq(people.id, gone.id));
    expect(await authenticateCalendarFeed(handle.db, token, now)).toBeNull();
  });

  test("last used is written at most every few minutes", async () => {
    const token = await makeCalendarFeed(handle.db, mo.id, now);
    const soon = new Date(now.getTime() + 60_000);
    const later = new Date(now.getTime() + TOUCH_EVERY_MS + 60_000);
    await authenticateCalendarFeed(handle.db, token, now);
    await authenticateCalendarFeed(handle.db, token, soon);
    expect((await calendarFeedStatus(handle.db, mo.id))!.lastUsedAt).toEqual(now);
    await authenticateCalendarFeed(handle.db, token, later);
    expect((await calendarFeedStatus(handle.db, mo.id))!.lastUsedAt).toEqual(later);
  });
});

describe("each 1:1's SEQUENCE", () => {
  test("starts at 0 and rises on a move, a length change in a replan, a cancel and a finish, not on other saves", async () => {
    const planned = await upcomingMeetings(handle.db, nia.id, cy.id, now);
    expect(planned).toHaveLength(3);
    const [first, second, third] = planned.map((m) => m.id);
    expect(await sequenceOf(first!)).toBe(0);

    let loaded = (await loadMeeting(handle.db, first!))!;
    await rescheduleMeeting(
      handle.db,
      nia,
      loaded,
      { version: loaded.meeting.version, scheduledAt: new Date("2026-06-17T09:00:00Z") },
      now,
    );
    expect(await sequenceOf(first!)).toBe(1);

    // The same rhythm saved again puts the moved one back on it, and leaves the others as they were.
    await saveRhythm(handle.db, nia, await subjectOf(cy.id), { ...weekly }, now);
    expect(await Promise.all([first!, second!, third!].map(sequenceOf))).toEqual([2, 0, 0]);
    // A new weekday and length moves every planned 1:1.
    await saveRhythm(handle.db, nia, await subjectOf(cy.id), { ...weekly, weekday: 4, lengthMinutes: 45 }, now);
    expect(await Promise.all([first!, second!, third!].map(sequenceOf))).toEqual([3, 1, 1]);

    loaded = (await loadMeeting(handle.db, second!))!;
    await cancelMeeting(handle.db, nia, loaded, loaded.meeting.version, now);
    expect(await sequenceOf(second!)).toBe(2);

    loaded = (await loadMeeting(handle.db, first!))!;
    await finishMeeting(handle.db, nia, loaded, loaded.meeting.version, now);
    expect(await sequenceOf(first!)).toBe(4);

    // Other saves (here the row's updated time alone) leave it.
    await handle.db.update(meetings).set({ updatedAt: new Date() }).where(eq(meetings.id, third!));
    expect(await sequenceOf(third!)).toBe(1);
  });
});

describe("the feed's 1:1s", () => {
  test("are exactly the person's own, as report or as manager, from the window on, cancelled ones too", async () => {
    const db = handle.db;
    const onesOf = (reportId: string) =>
      db.select({ id: meetings.id }).from(meetings).where(eq(meetings.reportId, reportId));
    const [anaOnes, benOnes, cyOnes] = await Promise.all([onesOf(ana.id), onesOf(ben.id), onesOf(cy.id)]);
    // One long past 1:1 of Ana's, outside the window, and one just inside it.
    const [old, recent] = await db
      .insert(meetings)
      .values([
        {
          managerId: mo.id,
          reportId: ana.id,
          scheduledAt: new Date(now.getTime() - (FEED_PAST_DAYS + 1) * 86_400_000),
          status: "held",
          heldAt: new Date(now.getTime() - (FEED_PAST_DAYS + 1) * 86_400_000),
        },
        {
          managerId: mo.id,
          reportId: ana.id,
          scheduledAt: new Date(now.getTime() - 7 * 86_400_000),
          status: "held",
          heldAt: new Date(now.getTime() - 7 * 86_400_000),
        },
      ])
      .returning({ id: meetings.id });

    const forAna = await feedMeetings(db, ana.id, now);
    expect(idsOf(forAna)).toEqual(idsOf([...anaOnes, recent!]));
    expect(idsOf(forAna)).not.toContain(old!.id);
    expect(idsOf(await feedMeetings(db, mo.id, now))).toEqual(idsOf([...anaOnes, recent!, ...benOnes]));
    const forCy = await feedMeetings(db, cy.id, now);
    expect(idsOf(forCy)).toEqual(idsOf(cyOnes));
    // Cy's cancelled and held 1:1s stay, as what they are.
    expect(forCy.map((m) => m.status).sort()).toEqual(["cancelled", "held", "planned"]);
    expect(forCy.find((m) => m.status === "held")).toMatchObject({
      managerName: "Nia Manager",
      reportName: "Cy Report",
    });
    // Sorted by time, with nothing of the agenda.
    expect(forAna.map((m) => m.scheduledAt.getTime())).toEqual(forAna.map((m) => m.scheduledAt.getTime()).sort());
    expect(Object.keys(forAna[0]!).sort()).toEqual(
      [
        "id",
        "seriesId",
        "scheduledAt",
        "lengthMinutes",
        "status",
        "sequence",
        "updatedAt",
        "managerName",
        "reportName",
      ].sort(),
    );
  });

  test("a manager who no longer manages the report loses their 1:1s; the report keeps them", async () => {
    const db = handle.db;
    const before = await feedMeetings(db, ben.id, now);
    await changeManager(db, ben.id, nia.id);
    const forMo = await feedMeetings(db, mo.id, now);
    expect(forMo.some((m) => before.some((b) => b.id === m.id))).toBe(false);
    expect(idsOf(await feedMeetings(db, ben.id, now))).toEqual(idsOf(before));
    await changeManager(db, ben.id, mo.id);
  });
});

describe("the pair's lasting link", () => {
  test("opens the next 1:1 not yet over, else the last held one; a stranger's id loads nothing", async () => {
    const db = handle.db;
    const [firstAna] = await upcomingMeetings(db, mo.id, ana.id, now);
    const pair = (await loadPair(db, (await loadMeeting(db, firstAna!.id))!.meeting.seriesId!))!;
    expect(pair.pair).toMatchObject({ managerId: mo.id, reportId: ana.id });
    expect(pair.record).toEqual({ subject: { id: ana.id, managerChain: [mo.id] }, managerId: mo.id, sharedWith: [] });
    expect(await pairMeetingNow(db, pair, now)).toBe(firstAna!.id);
    // Half-way through it, it is still the one.
    const during = new Date(firstAna!.scheduledAt.getTime() + 10 * 60_000);
    expect(await pairMeetingNow(db, pair, during)).toBe(firstAna!.id);

    // Cy's pair: when nothing is planned any more, the last held one.
    const cyPair = (await loadPair(
      db,
      (await loadMeeting(db, (await feedMeetings(db, cy.id, now))[0]!.id))!.meeting.seriesId!,
    ))!;
    await db.update(meetings).set({ status: "cancelled" }).where(eq(meetings.status, "planned"));
    const held = (await feedMeetings(db, cy.id, now)).find((m) => m.status === "held")!;
    expect(await pairMeetingNow(db, cyPair, now)).toBe(held.id);

    expect(await loadPair(db, "not-an-id")).toBeNull();
    expect(await loadPair(db, "00000000-0000-4000-8000-000000000000")).toBeNull();
  });
});
