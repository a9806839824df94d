// Two real app servers on one PostgreSQL, each running the messages job (every 15 s under the
// placeholder runner) and its mail worker, and a real SMTP server: a 1:1 moved to 30 minutes from now,
// whose report asked to be reminded an hour ahead, is reminded within a minute, exactly once.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, expect, test } from "vitest";
import type { DatabaseHandle } from "#db/client";
import { openAndMigrate } from "#db/configured";
import { mailOutbox, meetings, messagePreferences, people } from "#db/schema";
import { DEFAULT_PREFERENCES } from "~/domain/messages";
import { startTestSmtpServer, type TestSmtpServer } from "#tests/setup/smtp-server";
import { startServer, type RunningServer } from "../server";
import { throwawayDatabase } from "../throwaway-database";

const database = throwawayDatabase("reminders");
const databaseUrl = database.url;
const FROM = "Rapport <rapport@reminders.test>";
const PUBLIC_URL = "https://rapport.reminders.test";

let handle: DatabaseHandle;
let smtp: TestSmtpServer;
const servers: RunningServer[] = [];

beforeAll(async () => {
  await database.create();
  handle = await openAndMigrate({ url: databaseUrl, dataDir: "unused" });
  smtp = await startTestSmtpServer();
  const env = { SMTP_URL: smtp.url, RAPPORT_MAIL_FROM: FROM, RAPPORT_SEED: "none", RAPPORT_PUBLIC_URL: PUBLIC_URL };
  servers.push(...(await Promise.all([0, 1].map(() => startServer({ port: 0, databaseUrl, env })))));
});

afterAll(async () => {
  await Promise.all(servers.map((s) => s.stop()));
  await smtp?.stop();
  await handle?.close();
  await database.drop();
});

test("a 1:1 moved to 30 minutes from now, with a 1-hour lead time, is reminded within a minute, once", async () => {
  const db = handle.db;
  const [manager] = await db
    .insert(people)
    .values({ name: "Maya", email: "maya@reminders.test", timeZone: "Europe/Berlin" })
    .returning();
  const [report] = await db
    .insert(people)
    .values({ name: "Sam", email: "sam@reminders.test", managerId: manager!.id, timeZone: "America/New_York" })
    .returning();
  // Only the report's reminder is under test: the manager hears of nothing.
  await db.insert(messagePreferences).values([
    { personId: report!.id, ...DEFAULT_PREFERENCES, reportLeadMinutes: 60, weeklyDigest: false },
    {
      personId: manager!.id,
      ...DEFAULT_PREFERENCES,
      managerReminder: false,
      weeklyDigest: false,
      followUps: false,
    },
  ]);
  const [meeting] = await db
    .insert(meetings)
    .values({
      managerId: manager!.id,
      reportId: report!.id,
      scheduledAt: new Date(Date.now() + 3 * 86_400_000),
    })
    .returning();
  // Give both servers' jobs a pass over the old time (nothing is due three days ahead).
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  const movedAt = Date.now();
  const soon = new Date(movedAt + 30 * 60_000);
  await db.update(meetings).set({ scheduledAt: soon }).where(eq(meetings.id, meeting!.id));

  const [received] = await smtp.waitFor(1, 60_000);
  expect(Date.now() - movedAt).toBeLessThan(60_000);
  expect(received!.to).toMatchObject({ value: [{ address: "sam@reminders.test" }] });
  expect(received!.subject).toMatch(/^Your 1:1 with Maya is today at \d\d:\d\d E[DS]T$/);
  expect(received!.text).toContain(`${PUBLIC_URL}/meetings/${meeting!.id}`);
  const lines = new Map(received!.headerLines.map((h) => [h.key, h.line.replace(/\r?\n[ \t]+/g, " ")]));
  expect(lines.get("list-unsubscribe")).toMatch(
    new RegExp(`^List-Unsubscribe: <${PUBLIC_URL}/unsubscribe/[A-Za-z0-9_-]{43}>$`),
  );
  expect(lines.get("list-unsubscribe-post")).toBe("List-Unsubscribe-Post: List-Unsubscribe=One-Click");

  // Both servers run the job again (every 15 s) and find it queued: still one message.
  await new Promise((resolve) => setTimeout(resolve, 17_000));
  expect(smtp.received).toHaveLength(1);
  const rows = await db.select().from(mailOutbox);
  expect(rows.map((r) => [r.kind, r.dedupeKey, r.status])).toEqual([
    ["report-reminder", `reminder:report:${meeting!.id}:${soon.toISOString()}`, "sent"],
  ]);
});
