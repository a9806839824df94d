import ICAL from "ical.js";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { eq } from "drizzle-orm";
import type { DatabaseHandle } from "#db/client";
import { calendarFeeds, people } from "#db/schema";
import type { Subject, Viewer } from "~/auth/policies";
import { useDatabaseForTests } from "~/services/db.server";
import { cancelMeeting, addNote, rescheduleMeeting } from "~/services/meeting-run.server";
import { loadMeeting } from "~/services/meetings.server";
import { saveRhythm, upcomingMeetings } from "~/services/series.server";
import { loadSubject } from "~/services/subjects.server";
import { addTopic } from "~/services/topics.server";
import { createPerson } from "#tests/setup/db-builders";
import { actionArgs, loaderArgs, statusOf } from "#tests/setup/requests";
import { createTestDatabase } from "#tests/setup/test-database";
import * as feed from "./feeds.$token.calendar[.ics]";
import * as pair from "./one-on-ones.$pairId";
import * as settings from "./settings";

/**
 * The calendar feed as a calendar app sees it: the address made on /settings,
 * fetched with no session, and read with ical.js, the parser calendar clients
 * such as Thunderbird use.
 */

let handle: DatabaseHandle;
let mo: Viewer, ana: Viewer, pat: Viewer;
let pairId: string;
const SECRETS = ["Salary worries", "Thinking of leaving", "Shared plan for the offsite"];

interface Made {
  https: string;
  webcal: string;
  rotated: boolean;
}

/** Makes (or remakes) the person's address on /settings, as their browser would. */
async function makeAddress(personId: string): Promise<Made> {
  const result = (await settings.action(await actionArgs(personId, "/settings", { intent: "calendar-feed-make" }))) as {
    data: { calendarFeed: Made };
  };
  return result.data.calendarFeed;
}

/** Fetches an address as a calendar app does: no cookie, maybe the ETag it was last given. */
async function fetchFeed(address: string, headers: Record<string, string> = {}): Promise<Response> {
  const url = new URL(address);
  const token = /^\/feeds\/([^/]+)\/calendar\.ics$/.exec(url.pathname)?.[1];
  const request = new Request(url, { headers });
  try {
    return (await feed.loader({ request, params: { token }, context: {} })) as Response;
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

async function parsedFeed(address: string) {
  const response = await fetchFeed(address);
  expect(response.status).toBe(200);
  const text = await response.text();
  const calendar = new ICAL.Component(ICAL.parse(text));
  for (const zone of calendar.getAllSubcomponents("vtimezone")) ICAL.TimezoneService.register(new ICAL.Timezone(zone));
  const events = calendar.getAllSubcomponents("vevent");
  const byUid = (uid: string) => events.find((e) => e.getFirstPropertyValue("uid") === `${uid}@rapport`);
  return { response, text, calendar, events, byUid };
}

beforeAll(async () => {
  handle = await createTestDatabase();
  useDatabaseForTests(handle);
  const db = handle.db;
  mo = { ...(await createPerson(db, { name: "Maya Manager" })), roles: ["manager"] };
  ana = { ...(await createPerson(db, { name: "Sam Report", managerId: mo.id })), roles: [] };
  pat = { ...(await createPerson(db, { name: "Pat Peer", managerId: mo.id })), roles: [] };
  // Sam reads times in Berlin; Maya keeps the rhythm in New York.
  await db.update(people).set({ timeZone: "Europe/Berlin" }).where(eq(people.id, ana.id));
  await db.update(people).set({ timeZone: "America/New_York" }).where(eq(people.id, mo.id));
  const subject = (await loadSubject(db, ana.id)) as Subject;
  const now = new Date();
  const series = await saveRhythm(
    db,
    mo,
    subject,
    { cadence: "weekly", intervalDays: 7, weekday: 2, startTime: "09:30", lengthMinutes: 30 },
    now,
  );
  pairId = series.id;
  const [first] = await upcomingMeetings(db, mo.id, ana.id, now);
  const loaded = (await loadMeeting(db, first!.id))!;
  await addTopic(db, ana, loaded, { title: SECRETS[0]!, details: "", private: true });
  await addTopic(db, mo, loaded, { title: SECRETS[1]!, details: "", private: true });
  await addNote(db, mo, loaded, { body: SECRETS[2]!, visibility: "shared" });
});
afterAll(() => handle.close());

describe("the calendar feed, fetched and parsed with ical.js", () => {
  test("is made on /settings in webcal:// and https:// forms, and the page shows only that it is on", async () => {
    const made = await makeAddress(ana.id);
    expect(made.https).toMatch(/^http:\/\/rapport\.test\/feeds\/[A-Za-z0-9_-]{43}\/calendar\.ics$/);
    expect(made.webcal).toBe(made.https.replace(/^http:/, "webcal:"));
    expect(made.rotated).toBe(false);
    const page = (await settings.loader(await loaderArgs(ana.id, "/settings"))) as { calendarFeed: object };
    expect(page.calendarFeed).toMatchObject({ on: true, lastUsed: null });
    expect(JSON.stringify(page)).not.toContain(new URL(made.https).pathname.split("/")[2]);
  });

  test("holds the pair's 1:1s on the reader's clock, with its VTIMEZONE, an alarm and links, and no agenda text", async () => {
    const made = await makeAddress(ana.id);
    const { response, text, calendar, events, byUid } = await parsedFeed(made.https);
    expect(response.headers.get("Content-Type")).toMatch(/^text\/calendar/);
    expect(response.headers.get("Cache-Control")).toMatch(/\bprivate\b/);
    for (const secret of SECRETS) expect(text).not.toContain(secret);

    const zones = calendar.getAllSubcomponents("vtimezone").map((z) => z.getFirstPropertyValue("tzid"));
    expect(zones).toEqual(["Europe/Berlin"]);
    const planned = await upcomingMeetings(handle.db, mo.id, ana.id, new Date());
    expect(events).toHaveLength(planned.length);
    for (const m of planned) {
      const event = byUid(m.id)!;
      const start = event.getFirstProperty("dtstart")!;
      expect(start.getParameter("tzid")).toBe("Europe/Berlin");
      expect(new ICAL.Event(event).startDate.toJSDate().getTime()).toBe(m.scheduledAt.getTime());
      expect(new ICAL.Event(event).duration.toSeconds()).toBe(30 * 60);
      expect(event.getFirstPropertyValue("summary")).toBe("1:1: Maya Manager / Sam Report");
      expect(event.getFirstPropertyValue("sequence")).toBe(0);
      expect(event.getFirstPropertyValue("status")).toBe("CONFIRMED");
      expect(String(event.getFirstPropertyValue("url"))).toBe(`http://rapport.test/meetings/${m.id}`);
      expect(String(event.getFirstPropertyValue("description"))).toContain(`http://rapport.test/one-on-ones/${pairId}`);
      const alarm = event.getFirstSubcomponent("valarm")!;
      expect(alarm.getFirstPropertyValue("action")).toBe("DISPLAY");
      expect(String(alarm.getFirstPropertyValue("trigger"))).toBe("-PT10M");
      expect(String(event.getFirstPropertyValue("dtstamp"))).toMatch(/Z$/);
    }
  });

  test("a moved 1:1 keeps its UID and raises its SEQUENCE; a cancelled one is STATUS:CANCELLED", async () => {
    const made = await makeAddress(ana.id);
    const now = new Date();
    const [first, second] = await upcomingMeetings(handle.db, mo.id, ana.id, now);
    let loaded = (await loadMeeting(handle.db, first!.id))!;
    const movedTo = new Date(first!.scheduledAt.getTime() + 2 * 60 * 60_000);
    await rescheduleMeeting(handle.db, mo, loaded, { version: loaded.meeting.version, scheduledAt: movedTo }, now);
    loaded = (await loadMeeting(handle.db, second!.id))!;
    await cancelMeeting(handle.db, mo, loaded, loaded.meeting.version, now);

    const { byUid } = await parsedFeed(made.https);
    const moved = byUid(first!.id)!;
    expect(moved.getFirstPropertyValue("sequence")).toBe(1);
    expect(new ICAL.Event(moved).startDate.toJSDate().getTime()).toBe(movedTo.getTime());
    const cancelled = byUid(second!.id)!;
    expect(cancelled.getFirstPropertyValue("sequence")).toBe(1);
    expect(cancelled.getFirstPropertyValue("status")).toBe("CANCELLED");
    expect(cancelled.getFirstSubcomponent("valarm")).toBeNull();
  });

  test("answers 304 to the ETag it gave while nothing changed, and records its last use", async () => {
    const made = await makeAddress(ana.id);
    const first = await fetchFeed(made.https);
    const etag = first.headers.get("ETag")!;
    expect(etag).toMatch(/^W\/".+"$/);
    const again = await fetchFeed(made.https, { "If-None-Match": etag });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe("");
    expect((await fetchFeed(made.https, { "If-None-Match": 'W/"other"' })).status).toBe(200);
    const [row] = await handle.db.select().from(calendarFeeds).where(eq(calendarFeeds.personId, ana.id));
    expect(row!.lastUsedAt).not.toBeNull();
  });

  test("a wrong, rotated or turned-off address answers the same 404, and a session does not stand in for one", async () => {
    const old = await makeAddress(ana.id);
    const fresh = await makeAddress(ana.id);
    expect(fresh.rotated).toBe(true);
    const token = new URL(fresh.https).pathname.split("/")[2]!;
    const wrong = fresh.https.replace(token, (token[0] === "a" ? "b" : "a") + token.slice(1));
    const answers = await Promise.all([old.https, wrong, fresh.https.replace(token, "x")].map((a) => fetchFeed(a)));
    expect(answers.map((r) => r.status)).toEqual([404, 404, 404]);
    const bodies = await Promise.all(answers.map((r) => r.text()));
    expect(new Set(bodies).size).toBe(1);
    expect((await fetchFeed(fresh.https)).status).toBe(200);

    await settings.action(await actionArgs(ana.id, "/settings", { intent: "calendar-feed-off" }));
    const off = await fetchFeed(fresh.https);
    expect(off.status).toBe(404);
    expect(await off.text()).toBe(bodies[0]);
    // Signed in or not, the feed goes by its token alone.
    const withSession = await loaderArgs(ana.id, new URL(fresh.https).pathname, { token });
    expect(await statusOf(() => feed.loader(withSession))).toBe(404);
  });

  test("Maya's feed shows the same 1:1s on her own clock; Pat's shows none of them", async () => {
    const { events } = await parsedFeed((await makeAddress(mo.id)).https);
    expect(events.length).toBeGreaterThan(0);
    expect(events.every((e) => e.getFirstProperty("dtstart")!.getParameter("tzid") === "America/New_York")).toBe(true);
    const forPat = await parsedFeed((await makeAddress(pat.id)).https);
    expect(forPat.events).toHaveLength(0);
  });
});

describe("the pair's lasting link", () => {
  const open = async (personId: string | null) => {
    try {
      const result = await pair.loader(await loaderArgs(personId, `/one-on-ones/${pairId}`, { pairId }));
      return result as Response;
    } catch (thrown) {
      if (thrown instanceof Response) return thrown;
      throw thrown;
    }
  };

  test("sends either of the pair to their next 1:1; anyone else finds nothing; signed out, to sign in", async () => {
    const [next] = (await upcomingMeetings(handle.db, mo.id, ana.id, new Date())).filter(Boolean);
    for (const who of [mo.id, ana.id]) {
      const response = await open(who);
      expect(response.status).toBe(302);
      expect(response.headers.get("Location")).toBe(`/meetings/${next!.id}`);
    }
    expect((await open(pat.id)).status).toBe(404);
    const signedOut = await open(null);
    expect(signedOut.status).toBe(302);
    expect(signedOut.headers.get("Location")).toMatch(/^\/sign-in\?redirectTo=/);
  });
});
