// Two real app servers on one PostgreSQL, both running their mail worker: every message queued
// reaches the SMTP server (a real one, started here) exactly once.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, expect, test } from "vitest";
import type { DatabaseHandle } from "#db/client";
import { openAndMigrate } from "#db/configured";
import { mailOutbox } from "#db/schema";
import { startTestSmtpServer, type TestSmtpServer } from "#tests/setup/smtp-server";
import { paragraph, renderMail } from "~/services/mail/layout.server";
import { enqueueMail } from "~/services/mail/outbox.server";
import { startServer, type RunningServer } from "../server";
import { throwawayDatabase } from "../throwaway-database";

const database = throwawayDatabase("mail");
const databaseUrl = database.url;
const FROM = "Rapport <rapport@two-servers.test>";
const COUNT = 50;

let handle: DatabaseHandle;
let smtp: TestSmtpServer;
const servers: RunningServer[] = [];

beforeAll(async () => {
  await database.create();
  handle = await openAndMigrate({ url: databaseUrl, dataDir: "unused" });
  // Slow enough to accept that one server can not drain the outbox before the other polls.
  smtp = await startTestSmtpServer({ delayMs: 150 });
  const env = { SMTP_URL: smtp.url, RAPPORT_MAIL_FROM: FROM, RAPPORT_SEED: "none" };
  servers.push(...(await Promise.all([0, 1].map(() => startServer({ port: 0, databaseUrl, env })))));
});

afterAll(async () => {
  await Promise.all(servers.map((s) => s.stop()));
  await smtp?.stop();
  await handle?.close();
  await database.drop();
});

test(`${COUNT} messages queued on one PostgreSQL are each sent once by two app servers together`, async () => {
  const ids: string[] = [];
  for (let i = 0; i < COUNT; i++) {
    const rendered = renderMail(
      { subject: `Message ${i}`, blocks: [paragraph(`Number ${i}.`)] },
      "http://localhost:3000",
    );
    const { id } = await enqueueMail(handle.db, {
      ...rendered,
      to: `person${i}@two-servers.test`,
      kind: "test",
      dedupeKey: `two-servers:${i}`,
    });
    ids.push(id);
  }

  await smtp.waitFor(COUNT, 45_000);
  const deadline = Date.now() + 15_000;
  let rows = await handle.db.select().from(mailOutbox);
  while (rows.some((r) => r.status !== "sent") && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    rows = await handle.db.select().from(mailOutbox);
  }
  // Time for a duplicate to arrive, if either server were going to send one.
  await new Promise((resolve) => setTimeout(resolve, 1_500));

  const received = smtp.received.map((m) => m.messageId);
  expect(received).toHaveLength(COUNT);
  expect(new Set(received)).toEqual(new Set(ids.map((id) => `<${id}@two-servers.test>`)));
  expect(rows.map((r) => [r.status, r.attempts])).toEqual(ids.map(() => ["sent", 1]));
  // Both servers sent some: each lease names the worker (host, process) that held it.
  expect(new Set(rows.map((r) => r.lockedBy)).size).toBe(2);

  // A message queued twice (a double submit) is still one message.
  const again = await enqueueMail(handle.db, {
    ...renderMail({ subject: "Message 0", blocks: [] }, "http://localhost:3000"),
    to: "person0@two-servers.test",
    kind: "test",
    dedupeKey: "two-servers:0",
  });
  expect(again).toEqual({ id: ids[0], queued: false });
  expect((await handle.db.select().from(mailOutbox).where(eq(mailOutbox.dedupeKey, "two-servers:0"))).length).toBe(1);
});
