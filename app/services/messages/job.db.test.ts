// The messages job on both engines: what it queues, once, as of a given minute, from the current
// schedule; preferences and one-click unsubscribe; nothing private in any message; delivered to a
// real SMTP server with the RFC 8058 headers.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { eq, inArray, sql } from "drizzle-orm";
import { openDatabase, rowsOf, type DatabaseHandle } from "#db/client";
import {
  actionItems,
  agendaTopics,
  commitments,
  mailOutbox,
  meetingNotes,
  meetings,
  meetingSeries,
  people,
  risks,
  unsubscribeTokens,
} from "#db/schema";
import type { Viewer } from "~/auth/policies";
import { createPerson } from "#tests/setup/db-builders";
import { startTestSmtpServer } from "#tests/setup/smtp-server";
import { createTestDatabase, testEngine } from "#tests/setup/test-database";
import { smtpTransport } from "../mail/transport.server";
import { runMailWorker } from "../mail/worker.server";
import { cancelMeeting, rescheduleMeeting } from "../meeting-run.server";
import { loadMeeting } from "../meetings.server";
import { findDueMessages, runMessages } from "./job.server";
import { findUnsubscribeToken, getMessagePreferences, saveMessagePreferences, unsubscribe } from "./preferences.server";
import { DEFAULT_PREFERENCES } from "~/domain/messages";

let handle: DatabaseHandle;
const db = () => handle.db;
beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(() => handle.close());

// Monday 1 June 2026. The 1:1 is on Tuesday 2 June at 07:30 UTC: 08:30 in London, 09:30 in Berlin.
const T = new Date("2026-06-02T07:30:00Z");
/** A day before the 1:1 (the report's default lead time); 09:30 on a Monday in Berlin (the digest's day). */
const tA = new Date("2026-06-01T07:30:00Z");
/** Half an hour before the 1:1: inside the manager's default lead time of an hour. */
const tB = new Date("2026-06-02T07:00:00Z");
const MARKERS = ["Zanzibarprivatenote", "Quetzalprivatetopic", "Xylophoneriskword", "Walrusmanagerprivate"];

let n = 0;
/** A manager in Berlin, a report in London, a planned 1:1 at `at`. */
async function pair(at: Date = T) {
  const i = ++n;
  const manager = await createPerson(db(), { name: `Maya ${i}`, email: `maya${i}@messages.test` });
  const report = await createPerson(db(), { name: `Sam ${i}`, email: `sam${i}@messages.test`, managerId: manager.id });
  await db().update(people).set({ timeZone: "Europe/Berlin" }).where(eq(people.id, manager.id));
  await db().update(people).set({ timeZone: "Europe/London" }).where(eq(people.id, report.id));
  const [series] = await db()
    .insert(meetingSeries)
    .values({ managerId: manager.id, reportId: report.id, createdAt: new Date("2026-04-01T00:00:00Z") })
    .returning();
  const [meeting] = await db()
    .insert(meetings)
    .values({ seriesId: series!.id, managerId: manager.id, reportId: report.id, scheduledAt: at })
    .returning();
  return { manager, report, meeting: meeting!, emails: [manager.email, report.email] };
}

const outboxFor = (emails: string[]) =>
  db().select().from(mailOutbox).where(inArray(mailOutbox.toAddress, emails)).orderBy(mailOutbox.dedupeKey);
const kinds = async (emails: string[]) => (await outboxFor(emails)).map((r) => `${r.kind} ${r.toAddress}`).sort();
const viewer = (p: { id: string; name: string; email: string }): Viewer => ({ ...p, roles: ["manager"] });

describe("reminders before a 1:1", () => {
  test("the report's a day ahead, the manager's an hour ahead, each queued once however often the job runs", async () => {
    const { manager, report, meeting, emails } = await pair();
    await runMessages(db(), new Date(tA.getTime() - 60_000));
    // (The manager's weekly digest is due this Monday morning: their pair is past its rhythm.)
    expect((await outboxFor(emails)).filter((r) => r.kind !== "weekly-digest")).toHaveLength(0);

    await runMessages(db(), tA);
    await runMessages(db(), tA);
    await runMessages(db(), new Date(tA.getTime() + 15_000));
    const [toReport, ...others] = (await outboxFor(emails)).filter((r) => r.kind !== "weekly-digest");
    expect(others).toHaveLength(0);
    expect(toReport).toMatchObject({
      kind: "report-reminder",
      toAddress: report.email,
      dedupeKey: `reminder:report:${meeting.id}:${T.toISOString()}`,
      // In the report's zone: London.
      subject: `Your 1:1 with ${manager.name} is tomorrow at 08:30 BST`,
    });
    expect(toReport!.textBody).toContain("Add what you want to talk about.");
    expect(toReport!.textBody).toContain(`/meetings/${meeting.id}`);
    expect(toReport!.headers).toEqual({
      "List-Unsubscribe": expect.stringMatching(/^<http:\/\/localhost:\d+\/unsubscribe\/[A-Za-z0-9_-]{43}>$/),
      "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    });

    await runMessages(db(), tB);
    await runMessages(db(), tB);
    const toManager = (await outboxFor([manager.email])).filter((r) => r.kind === "manager-reminder");
    expect(toManager).toHaveLength(1);
    expect(toManager[0]!.subject).toBe(`Your 1:1 with ${report.name} is today at 09:30 CEST`);
    // Once it has begun, nothing more.
    await runMessages(db(), T);
    expect((await outboxFor(emails)).filter((r) => r.kind.endsWith("reminder"))).toHaveLength(2);
  });

  test("the manager's headlines come from the agenda: the report's items and the manager's, nothing private", async () => {
    const { manager, report, meeting } = await pair();
    await db()
      .insert(agendaTopics)
      .values([
        { meetingId: meeting.id, authorId: report.id, source: "report", title: "Career path to staff" },
        { meetingId: meeting.id, authorId: manager.id, source: "manager", title: "Team offsite plan" },
      ]);
    await db().insert(actionItems).values({
      reportId: report.id,
      managerId: manager.id,
      ownerId: report.id,
      title: "Send the draft",
      dueOn: "2026-06-05",
      createdBy: manager.id,
    });
    await runMessages(db(), tB);
    const [mail] = (await outboxFor([manager.email])).filter((r) => r.kind === "manager-reminder");
    expect(mail!.textBody).toContain(`- Career path to staff (added by ${report.name})`);
    expect(mail!.textBody).toContain("- Team offsite plan (added by you)");
    expect(mail!.textBody).toContain(`- Send the draft (${report.name}'s, due in 3 days)`);
    // The report's reminder, a day before, listed their open follow-up.
    await runMessages(db(), tA);
    const [toReport] = (await outboxFor([report.email])).filter((r) => r.kind === "report-reminder");
    expect(toReport!.textBody).toContain("- Send the draft (due 5 Jun 2026)");
  });

  test("a moved 1:1 is reminded at its new time only; a cancelled one not at all", async () => {
    const moved = await pair();
    const cancelled = await pair();
    const later = new Date("2026-06-03T07:30:00Z");
    const loaded = (await loadMeeting(db(), moved.meeting.id))!;
    await rescheduleMeeting(
      db(),
      viewer(moved.manager),
      loaded,
      { version: loaded.meeting.version, scheduledAt: later },
      tA,
    );
    const loadedToo = (await loadMeeting(db(), cancelled.meeting.id))!;
    await cancelMeeting(db(), viewer(cancelled.manager), loadedToo, loadedToo.meeting.version, tA);

    for (const at of [tA, tB, new Date("2026-06-02T07:30:00Z"), new Date("2026-06-03T07:00:00Z")]) {
      await runMessages(db(), at);
    }
    const movedMail = (await outboxFor(moved.emails)).filter((r) => r.kind.endsWith("reminder"));
    expect(movedMail.map((r) => r.dedupeKey).sort()).toEqual([
      `reminder:manager:${moved.meeting.id}:${later.toISOString()}`,
      `reminder:report:${moved.meeting.id}:${later.toISOString()}`,
    ]);
    const cancelledMail = (await outboxFor(cancelled.emails)).filter((r) => r.dedupeKey.includes(cancelled.meeting.id));
    expect(cancelledMail).toHaveLength(0);
  });

  test("a 1:1 moved to 30 minutes from now, with a 1-hour lead time, is reminded at once", async () => {
    const { report, meeting } = await pair(new Date("2026-06-10T09:00:00Z"));
    await saveMessagePreferences(db(), report.id, { ...DEFAULT_PREFERENCES, reportLeadMinutes: 60 }, tA);
    const now = new Date("2026-06-04T12:00:00Z");
    await runMessages(db(), now);
    expect(await outboxFor([report.email])).toHaveLength(0);
    const soon = new Date(now.getTime() + 30 * 60_000);
    await db().update(meetings).set({ scheduledAt: soon }).where(eq(meetings.id, meeting.id));
    await runMessages(db(), new Date(now.getTime() + 5_000));
    expect((await outboxFor([report.email])).map((r) => r.dedupeKey)).toEqual([
      `reminder:report:${meeting.id}:${soon.toISOString()}`,
    ]);
  });
});

describe("follow-ups and the digest", () => {
  test("a follow-up's owner hears when it is due and when it is overdue, once each, in their zone", async () => {
    const { manager, report } = await pair(new Date("2026-07-01T09:00:00Z"));
    const [item] = await db()
      .insert(actionItems)
      .values({
        reportId: report.id,
        managerId: manager.id,
        ownerId: report.id,
        title: "Book the venue",
        dueOn: "2026-06-01",
        createdBy: manager.id,
      })
      .returning();
    // 08:00 in London on 1 June is 07:00 UTC.
    await runMessages(db(), new Date("2026-06-01T06:59:00Z"));
    expect(await kinds([report.email])).toEqual([]);
    for (const at of ["2026-06-01T07:00:00Z", "2026-06-01T12:00:00Z", "2026-06-02T06:59:00Z"])
      await runMessages(db(), new Date(at));
    expect(await kinds([report.email])).toEqual([`follow-up-due ${report.email}`]);
    for (const at of ["2026-06-02T07:00:00Z", "2026-06-03T07:00:00Z", "2026-06-04T07:00:00Z"])
      await runMessages(db(), new Date(at));
    const rows = await outboxFor([report.email]);
    expect(rows.map((r) => r.dedupeKey)).toEqual([
      `follow-up:due:${item!.id}:2026-06-01`,
      `follow-up:overdue:${item!.id}:2026-06-01`,
    ]);
    expect(rows[1]!.subject).toBe("Overdue since 1 Jun 2026: Book the venue");
  });

  test("the weekly digest: overdue follow-ups (theirs first), stalled commitments, late pairs, remorse checks", async () => {
    const { manager, report } = await pair(new Date("2026-07-01T09:00:00Z"));
    await db()
      .insert(actionItems)
      .values([
        {
          reportId: report.id,
          managerId: manager.id,
          ownerId: report.id,
          title: "Their late one",
          dueOn: "2026-05-20",
          createdBy: manager.id,
        },
        {
          reportId: report.id,
          managerId: manager.id,
          ownerId: manager.id,
          title: "My late one",
          dueOn: "2026-05-25",
          createdBy: manager.id,
        },
      ]);
    await db()
      .insert(commitments)
      .values([
        {
          personId: report.id,
          createdBy: report.id,
          change: "Speak up in reviews",
          state: "committed",
          committedAt: new Date("2026-04-01T00:00:00Z"),
        },
        {
          personId: report.id,
          createdBy: report.id,
          change: "Stop working weekends",
          state: "done",
          finishedAt: new Date("2026-04-20T00:00:00Z"),
          remorseCheckDueOn: "2026-05-20",
        },
      ]);
    // Sunday in Berlin: not yet. Monday 07:59 in Berlin: not yet. From 08:00: once.
    await runMessages(db(), new Date("2026-05-31T12:00:00Z"));
    await runMessages(db(), new Date("2026-06-01T05:59:00Z"));
    expect(await kinds([manager.email])).toEqual([]);
    await runMessages(db(), new Date("2026-06-01T06:00:00Z"));
    await runMessages(db(), new Date("2026-06-01T18:00:00Z"));
    const digests = (await outboxFor([manager.email])).filter((r) => r.kind === "weekly-digest");
    expect(digests.map((r) => r.dedupeKey)).toEqual([`digest:${manager.id}:2026-06-01`]);
    const text = digests[0]!.textBody!;
    expect(text.indexOf("My late one (yours")).toBeGreaterThan(-1);
    expect(text.indexOf("My late one")).toBeLessThan(text.indexOf("Their late one"));
    expect(text).toContain(`Their late one (${report.name}'s, with ${report.name}; overdue by 12 days)`);
    expect(text).toContain(`${report.name}: Speak up in reviews`);
    expect(text).toMatch(new RegExp(`${report.name}: red, no 1:1 held`));
    expect(text).toContain(`${report.name}: Stop working weekends (done 20 Apr 2026)`);
    expect(digests[0]!.subject).toBe(
      "Your week with your people: 2 overdue follow-ups, 1 stalled commitment, 1 1:1 past its rhythm, 1 check to ask",
    );

    // A later weekday and hour, chosen in settings, moves it.
    await saveMessagePreferences(db(), manager.id, { ...DEFAULT_PREFERENCES, digestWeekday: 3, digestHour: 17 }, tA);
    await runMessages(db(), new Date("2026-06-03T14:59:00Z"));
    await runMessages(db(), new Date("2026-06-03T15:00:00Z"));
    expect((await outboxFor([manager.email])).filter((r) => r.kind === "weekly-digest")).toHaveLength(2);
  });
});

describe("choices and one-click unsubscribe", () => {
  test("a kind turned off in settings is not sent; the others are", async () => {
    const { manager, report } = await pair();
    await saveMessagePreferences(db(), report.id, { ...DEFAULT_PREFERENCES, reportReminder: false }, tA);
    await saveMessagePreferences(db(), manager.id, { ...DEFAULT_PREFERENCES, managerReminder: false }, tA);
    await runMessages(db(), tA);
    await runMessages(db(), tB);
    expect((await outboxFor([report.email, manager.email])).filter((r) => r.kind.endsWith("reminder"))).toEqual([]);
    await expect(
      saveMessagePreferences(db(), report.id, { ...DEFAULT_PREFERENCES, reportLeadMinutes: 7 }, tA),
    ).rejects.toThrow(/lead times offered/);
  });

  test("the link in a message's List-Unsubscribe turns off that kind, for that person, without a session", async () => {
    const { manager, report, meeting } = await pair();
    await runMessages(db(), tA);
    const [mail] = (await outboxFor([report.email])).filter((r) => r.kind === "report-reminder");
    const token = /\/unsubscribe\/([A-Za-z0-9_-]{43})>$/.exec(mail!.headers!["List-Unsubscribe"]!)![1]!;
    // Only its hash is stored.
    const stored = await db().select().from(unsubscribeTokens).where(eq(unsubscribeTokens.personId, report.id));
    expect(stored.map((s) => s.tokenHash)).not.toContain(token);
    expect(await findUnsubscribeToken(db(), token)).toMatchObject({ personId: report.id, kind: "report-reminder" });
    expect(await unsubscribe(db(), "x".repeat(43), tA)).toBeNull();
    expect(await unsubscribe(db(), "short", tA)).toBeNull();

    expect(await unsubscribe(db(), token, tA)).toMatchObject({ personId: report.id, kind: "report-reminder" });
    expect(await getMessagePreferences(db(), report.id)).toEqual({ ...DEFAULT_PREFERENCES, reportReminder: false });
    expect((await getMessagePreferences(db(), manager.id)).managerReminder).toBe(true);
    // The next 1:1's reminder is not sent; the manager's still is.
    const next = new Date("2026-06-09T07:30:00Z");
    await db().insert(meetings).values({ managerId: manager.id, reportId: report.id, scheduledAt: next });
    await runMessages(db(), new Date("2026-06-08T07:30:00Z"));
    await runMessages(db(), new Date("2026-06-09T07:00:00Z"));
    const reminders = (await outboxFor([report.email, manager.email])).filter(
      (r) => r.kind.endsWith("reminder") && !r.dedupeKey.includes(meeting.id),
    );
    expect(reminders.map((r) => r.kind)).toEqual(["manager-reminder"]);
  });
});

test("no private note, private topic or risk text reaches any kind of message", async () => {
  const { manager, report, meeting } = await pair();
  const [privateNote, privateTopic, risk, managerTopic] = MARKERS;
  await db()
    .insert(meetingNotes)
    .values([
      { meetingId: meeting.id, authorId: manager.id, visibility: "private", body: `Note ${privateNote}` },
      { meetingId: meeting.id, authorId: report.id, visibility: "private", body: `Mine ${privateNote}` },
    ]);
  await db()
    .insert(agendaTopics)
    .values([
      { meetingId: meeting.id, authorId: report.id, source: "report", title: `Topic ${privateTopic}`, private: true },
      { meetingId: meeting.id, authorId: manager.id, source: "manager", title: `Mine ${managerTopic}`, private: true },
      { meetingId: meeting.id, authorId: report.id, source: "report", title: "A shared topic" },
    ]);
  await db()
    .insert(risks)
    .values({
      subjectId: report.id,
      authorId: manager.id,
      kind: "flight",
      description: `Might leave ${risk}`,
      mitigation: `Talk ${risk}`,
      likelihood: 3,
      impact: 3,
      reviewOn: "2026-05-30",
    });
  await db()
    .insert(actionItems)
    .values([
      {
        reportId: report.id,
        managerId: manager.id,
        ownerId: report.id,
        title: "Due soon",
        dueOn: "2026-06-01",
        createdBy: manager.id,
      },
      {
        reportId: report.id,
        managerId: manager.id,
        ownerId: manager.id,
        title: "Late",
        dueOn: "2026-05-31",
        createdBy: manager.id,
      },
    ]);
  await db()
    .insert(commitments)
    .values({
      personId: report.id,
      createdBy: report.id,
      change: "Stalled change",
      state: "committed",
      committedAt: new Date("2026-04-01T00:00:00Z"),
    });
  for (const at of [tA, tB]) await runMessages(db(), at);
  const rows = await outboxFor([manager.email, report.email]);
  expect(new Set(rows.map((r) => r.kind))).toEqual(
    new Set(["report-reminder", "manager-reminder", "follow-up-due", "follow-up-overdue", "weekly-digest"]),
  );
  for (const row of rows) {
    const everything = [row.subject, row.textBody, row.htmlBody, JSON.stringify(row.headers)].join("\n");
    for (const marker of MARKERS) expect(everything, `${row.kind} holds ${marker}`).not.toContain(marker);
  }
  // And what the job would render right now, before any dedupe, says nothing of them either.
  const rendered = JSON.stringify(await findDueMessages(db(), new Date("2026-06-01T07:00:30Z")));
  for (const marker of MARKERS) expect(rendered).not.toContain(marker);
});

test(`two runs at once (${testEngine()}, ${testEngine() === "postgres" ? "two pools" : "one connection"}) queue each message once and leave no stray token`, async () => {
  let other: DatabaseHandle | null = null;
  if (testEngine() === "postgres") {
    const [{ name } = { name: "" }] = rowsOf<{ name: string }>(
      await db().execute(sql`select current_database() as name`),
    );
    const url = new URL(process.env.TEST_DATABASE_URL!);
    url.pathname = `/${name}`;
    other = await openDatabase({ url: url.toString(), poolSize: 2 });
  }
  try {
    const pairs = await Promise.all([pair(), pair(), pair()]);
    const emails = pairs.flatMap((p) => p.emails);
    const runs = await Promise.all([runMessages(db(), tA), runMessages(other?.db ?? db(), tA), runMessages(db(), tA)]);
    const rows = await outboxFor(emails);
    expect(rows.length).toBeGreaterThanOrEqual(3);
    expect(new Set(rows.map((r) => r.dedupeKey)).size).toBe(rows.length);
    expect(runs.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(rows.length);
    const people = [...new Set(pairs.flatMap((p) => [p.manager.id, p.report.id]))];
    const tokens = await db().select().from(unsubscribeTokens).where(inArray(unsubscribeTokens.personId, people));
    expect(tokens).toHaveLength(rows.length);
  } finally {
    await other?.close();
  }
});

test("the worker delivers a reminder to a real SMTP server with List-Unsubscribe and List-Unsubscribe-Post", async () => {
  const server = await startTestSmtpServer();
  const transport = smtpTransport(server.url);
  try {
    const { report } = await pair();
    await runMessages(db(), tA);
    await db()
      .delete(mailOutbox)
      .where(sql`${mailOutbox.toAddress} <> ${report.email}`);
    const [row] = await outboxFor([report.email]);
    const quiet = { info: () => {}, warn: () => {} };
    expect(
      await runMailWorker({ db: db(), transport, from: "Rapport <rapport@messages.test>", log: quiet }, tA),
    ).toMatchObject({
      delivered: 1,
    });
    const [received] = await server.waitFor(1);
    // Long header lines arrive folded (RFC 5322): unfold them.
    const lines = new Map(received!.headerLines.map((h) => [h.key, h.line.replace(/\r?\n[ \t]+/g, " ")]));
    expect(lines.get("list-unsubscribe")).toBe(`List-Unsubscribe: ${row!.headers!["List-Unsubscribe"]}`);
    expect(lines.get("list-unsubscribe-post")).toBe("List-Unsubscribe-Post: List-Unsubscribe=One-Click");
    expect(received!.subject).toBe(row!.subject);
    // Once sent, the outbox forgets the link.
    expect((await outboxFor([report.email]))[0]).toMatchObject({ status: "sent", headers: null });
  } finally {
    transport.close();
    await server.stop();
  }
});
