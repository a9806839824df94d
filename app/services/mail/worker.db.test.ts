// The outbox worker against a real SMTP server started here (smtp-server), read back with mailparser.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { eq, sql } from "drizzle-orm";
import { openDatabase, rowsOf, type DatabaseHandle } from "#db/client";
import { mailOutbox } from "#db/schema";
import type { RetryPolicy } from "~/domain/mail-retry";
import { parseEnv } from "~/env.server";
import { freePort, startTestSmtpServer } from "#tests/setup/smtp-server";
import { createTestDatabase, testEngine } from "#tests/setup/test-database";
import { action, paragraph, renderMail } from "./layout.server";
import { claimDueMail, enqueueMail, scheduleRetry, type MailToQueue } from "./outbox.server";
import { logTransport, smtpTransport, transportFromEnv, type MailTransport } from "./transport.server";
import { messageIdFor, runMailWorker, startMailWorker, type MailLog, type MailWorker } from "./worker.server";

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(() => handle.close());

// Everything a test starts is stopped after it, workers first, so none outlives its SMTP server.
const cleanups: (() => unknown)[] = [];
const later = <T>(thing: T, stop: (thing: T) => unknown): T => {
  cleanups.push(() => stop(thing));
  return thing;
};
beforeEach(async () => {
  await handle.db.delete(mailOutbox);
});
afterEach(async () => {
  for (const stop of cleanups.splice(0).reverse()) await stop();
});

const FROM = "Rapport <rapport@mail.example.test>";
const BASE = "https://rapport.example.test";
const t0 = new Date("2026-05-04T09:00:00Z");
const at = (ms: number) => new Date(t0.getTime() + ms);
const FAST: RetryPolicy = { baseDelayMs: 60_000, maxDelayMs: 600_000, maxAttempts: 4 };

let n = 0;
function message(overrides: Partial<MailToQueue> = {}): MailToQueue {
  const i = ++n;
  return {
    ...renderMail(
      { subject: `Message ${i}`, greeting: "Hello Ada,", blocks: [paragraph(`This is message ${i}.`)] },
      BASE,
    ),
    to: "ada@example.test",
    kind: "test",
    dedupeKey: `test:${i}`,
    ...overrides,
  };
}

function quietLog(): MailLog & { lines: string[] } {
  const lines: string[] = [];
  return { lines, info: (line) => lines.push(line), warn: (line) => lines.push(line) };
}

const smtp = async (options?: Parameters<typeof startTestSmtpServer>[0]) =>
  later(await startTestSmtpServer(options), (s) => s.stop());
const transportTo = (url: string) => later(smtpTransport(url), (t) => t.close());
const started = (worker: MailWorker) => later(worker, (w) => w.stop());
const rowOf = async (id: string) => (await handle.db.select().from(mailOutbox).where(eq(mailOutbox.id, id)))[0]!;
const allRows = () => handle.db.select().from(mailOutbox);
const once = (transport: MailTransport, now: Date, log = quietLog(), retry = FAST) =>
  runMailWorker({ db: handle.db, transport, from: FROM, retry, log, workerId: "worker-a" }, now);

async function until(condition: () => Promise<boolean>, what: string, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe("sending through SMTP", () => {
  test("a queued message arrives with a text and an HTML part, its From, To, Subject and Message-ID", async () => {
    const server = await smtp();
    const { id } = await enqueueMail(handle.db, message({ to: "grace@example.test" }), t0);
    expect(await once(transportTo(server.url), t0)).toMatchObject({ claimed: 1, delivered: 1 });

    const [got] = await server.waitFor(1);
    expect(got!.from?.value).toEqual([{ name: "Rapport", address: "rapport@mail.example.test" }]);
    expect(got!.to && !Array.isArray(got!.to) ? got!.to.value : []).toEqual([
      { name: "", address: "grace@example.test" },
    ]);
    expect(got!.subject).toMatch(/^Message \d+$/);
    expect(got!.text).toMatch(/^Hello Ada,\n\nThis is message \d+\./);
    expect(got!.html).toMatch(/<p style="[^"]*">This is message \d+\.<\/p>/);
    expect(got!.messageId).toBe(`<${id}@mail.example.test>`);
    expect(got!.headers.get("auto-submitted")).toBe("auto-generated");

    expect(await rowOf(id)).toMatchObject({
      status: "sent",
      transport: "smtp",
      attempts: 1,
      sentAt: t0,
      messageId: `<${id}@mail.example.test>`,
      lockedUntil: null,
      lastError: null,
    });
  });

  test("names and text are escaped in the HTML part and kept as typed in the text part", async () => {
    const server = await smtp();
    const hostile = `<script>alert("x")</script> & <b>Tom</b>`;
    const rendered = renderMail(
      {
        subject: `Notes from ${hostile}`,
        blocks: [paragraph(`${hostile} added a topic.`), action("Open it", `${BASE}/a?b=1&c=2`)],
      },
      BASE,
    );
    await enqueueMail(handle.db, { ...rendered, to: "ada@example.test", kind: "test", dedupeKey: "hostile" }, t0);
    await once(transportTo(server.url), t0);
    const [got] = await server.waitFor(1);
    expect(got!.subject).toBe(`Notes from ${hostile}`);
    expect(got!.text).toContain(`${hostile} added a topic.`);
    expect(got!.html).not.toContain("<script>");
    expect(got!.html).not.toContain("<b>Tom</b>");
    expect(got!.html).toContain(
      "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;b&gt;Tom&lt;/b&gt; added a topic.",
    );
    expect(got!.html).toContain(`href="${BASE}/a?b=1&amp;c=2"`);
  });

  test("credentials in SMTP_URL sign in; wrong ones are retried, not thrown away", async () => {
    const server = await smtp({ auth: { user: "rapport", pass: "p@ss word" } });
    const good = await enqueueMail(handle.db, message(), t0);
    await once(transportTo(server.url), t0);
    expect((await rowOf(good.id)).status).toBe("sent");
    expect(server.received).toHaveLength(1);

    const bad = await enqueueMail(handle.db, message(), t0);
    const log = quietLog();
    expect(await once(transportTo(`smtp://rapport:wrong@127.0.0.1:${server.port}`), t0, log)).toMatchObject({
      retried: 1,
    });
    expect(await rowOf(bad.id)).toMatchObject({
      status: "pending",
      attempts: 1,
      lastError: expect.stringContaining("EAUTH"),
    });
    expect(log.lines.join("\n")).not.toContain("wrong");
  });

  test("a recipient the server refuses (5xx) is failed at once, not retried", async () => {
    const server = await smtp({ refuse: (address) => address === "nobody@example.test" });
    const { id } = await enqueueMail(handle.db, message({ to: "nobody@example.test", sensitive: true }), t0);
    const log = quietLog();
    expect(await once(transportTo(server.url), t0, log)).toMatchObject({ failed: 1 });
    expect(await rowOf(id)).toMatchObject({ status: "failed", attempts: 1, textBody: null, htmlBody: null });
    expect((await rowOf(id)).lastError).toMatch(/550/);
    expect(log.lines.join("\n")).toMatch(new RegExp(`mail ${id} \\(test\\) not sent \\(refused after 1 attempt\\)`));
  });
});

describe("when SMTP is down", () => {
  test("the message is retried with growing, jittered waits and delivered once the server is up", async () => {
    const port = await freePort();
    const transport = transportTo(`smtp://127.0.0.1:${port}`);
    const { id } = await enqueueMail(handle.db, message(), t0);
    const log = quietLog();

    expect(await once(transport, t0, log)).toMatchObject({ claimed: 1, retried: 1 });
    const first = await rowOf(id);
    expect(first).toMatchObject({ status: "pending", attempts: 1, lockedUntil: null });
    expect(first.lastError).toMatch(/ECONNREFUSED|ESOCKET/);
    const wait1 = first.nextAttemptAt.getTime() - t0.getTime();
    expect(wait1).toBeGreaterThanOrEqual(FAST.baseDelayMs / 2);
    expect(wait1).toBeLessThanOrEqual(FAST.baseDelayMs);
    expect(log.lines).toEqual([
      expect.stringMatching(/^mail: 1 message not sent yet, retrying from \d+ s: .*ECONNREFUSED/),
    ]);

    // Not due yet: nothing is tried.
    expect(await once(transport, new Date(first.nextAttemptAt.getTime() - 1))).toMatchObject({ claimed: 0 });

    expect(await once(transport, first.nextAttemptAt)).toMatchObject({ retried: 1 });
    const second = await rowOf(id);
    const wait2 = second.nextAttemptAt.getTime() - first.nextAttemptAt.getTime();
    expect(wait2).toBeGreaterThanOrEqual(FAST.baseDelayMs);
    expect(wait2).toBeLessThanOrEqual(2 * FAST.baseDelayMs);

    const server = await smtp({ port });
    expect(await once(transport, second.nextAttemptAt)).toMatchObject({ delivered: 1 });
    expect(await server.waitFor(1)).toHaveLength(1);
    expect(await rowOf(id)).toMatchObject({ status: "sent", attempts: 3, lastError: null });
  });

  test("after the last attempt the message is failed, with its last error kept", async () => {
    const transport = transportTo(`smtp://127.0.0.1:${await freePort()}`);
    const { id } = await enqueueMail(handle.db, message({ sensitive: true }), t0);
    const log = quietLog();
    let now = t0;
    for (let attempt = 1; attempt <= FAST.maxAttempts; attempt++) {
      await once(transport, now, log);
      now = (await rowOf(id)).nextAttemptAt;
    }
    expect(await rowOf(id)).toMatchObject({
      status: "failed",
      attempts: 4,
      textBody: null,
      lastError: expect.stringMatching(/ECONNREFUSED/),
    });
    expect(log.lines.at(-1)).toMatch(/not sent \(out of attempts after 4 attempts\)/);
    expect(await once(transport, at(86_400_000))).toMatchObject({ claimed: 0 });
  });

  test("a message whose link would expire before the next attempt is dropped as expired", async () => {
    const transport = transportTo(`smtp://127.0.0.1:${await freePort()}`);
    const soon = await enqueueMail(handle.db, message({ sensitive: true, expiresAt: at(10_000) }), t0);
    const gone = await enqueueMail(handle.db, message({ expiresAt: at(-1) }), t0);
    expect(await once(transport, t0)).toMatchObject({ expired: 2 });
    expect(await rowOf(soon.id)).toMatchObject({ status: "expired", attempts: 1, textBody: null });
    expect(await rowOf(gone.id)).toMatchObject({ status: "expired", lastError: "expired before it could be sent" });
  });
});

describe("a sender that stops", () => {
  test("a crashed sender's lease runs out and another worker sends the message, with the same Message-ID", async () => {
    const server = await smtp();
    const transport = transportTo(server.url);
    const { id } = await enqueueMail(handle.db, message(), t0);
    // A worker claims it, and suppose it sent it and then died before it could say so.
    const [claimed] = await claimDueMail(handle.db, { workerId: "crashed", now: t0, leaseMs: 120_000, limit: 10 });
    const row = claimed!;
    await transport.send({
      ...row,
      to: row.toAddress,
      text: row.textBody!,
      html: row.htmlBody!,
      from: FROM,
      messageId: messageIdFor(id, FROM),
    });

    expect(await once(transport, at(119_999))).toMatchObject({ claimed: 0 });
    expect(await once(transport, at(120_000))).toMatchObject({ delivered: 1 });
    const got = await server.waitFor(2);
    // At least once over SMTP: the copy is the same message to the reader's mail client.
    expect(got.map((m) => m.messageId)).toEqual([`<${id}@mail.example.test>`, `<${id}@mail.example.test>`]);
    expect(await rowOf(id)).toMatchObject({ status: "sent", attempts: 2, lockedBy: "worker-a" });

    // The crashed worker coming back to life can not undo it.
    await scheduleRetry(handle.db, id, "crashed", at(200_000), "late");
    expect(await rowOf(id)).toMatchObject({ status: "sent", lastError: null });
  });

  test("a worker stopped and a new one started delivers everything that was pending", async () => {
    const port = await freePort();
    const log = quietLog();
    const quick: RetryPolicy = { baseDelayMs: 300, maxDelayMs: 300, maxAttempts: 20 };
    const options = { db: handle.db, from: FROM, retry: quick, log, pollMs: 25 };
    const first = startMailWorker({ ...options, transport: transportTo(`smtp://127.0.0.1:${port}`) });
    const ids = await Promise.all([1, 2, 3, 4, 5].map(() => enqueueMail(handle.db, message()).then((q) => q.id)));
    await until(
      async () => (await allRows()).every((r) => r.attempts >= 1 && r.lockedUntil === null),
      "all five were tried",
    );
    await first.stop();

    const server = await smtp({ port });
    started(startMailWorker({ ...options, transport: transportTo(server.url) }));
    await server.waitFor(5);
    await until(async () => (await allRows()).every((r) => r.status === "sent"), "all five are marked sent");
    expect(server.received.map((m) => m.messageId).sort()).toEqual(ids.map((id) => `<${id}@mail.example.test>`).sort());
  });

  test("mail queued in this process wakes the worker instead of waiting for its next poll", async () => {
    const server = await smtp();
    const worker = started(
      startMailWorker({
        db: handle.db,
        transport: transportTo(server.url),
        from: FROM,
        pollMs: 60_000,
        log: quietLog(),
      }),
    );
    await new Promise((resolve) => setTimeout(resolve, 100));
    const queuedAt = Date.now();
    await enqueueMail(handle.db, message());
    await server.waitFor(1, 5_000);
    expect(Date.now() - queuedAt).toBeLessThan(3_000);
    expect(worker.id).toMatch(/:\d+:[0-9a-f]{6}$/);
  });
});

test(`two workers on two database handles deliver each of 50 messages exactly once (${testEngine()})`, async () => {
  const server = await smtp({ delayMs: 5 });
  // On PostgreSQL a second connection pool to the same database, as a second app server has;
  // PGlite is one connection in one process, so there the two workers share it.
  let otherDb = handle.db;
  if (testEngine() === "postgres") {
    const [{ name } = { name: "" }] = rowsOf<{ name: string }>(
      await handle.db.execute(sql`select current_database() as name`),
    );
    const url = new URL(process.env.TEST_DATABASE_URL!);
    url.pathname = `/${name}`;
    otherDb = later(await openDatabase({ url: url.toString(), poolSize: 2 }), (h) => h.close()).db;
  }
  const options = { from: FROM, pollMs: 20, batchSize: 4, log: quietLog() };
  const a = started(startMailWorker({ ...options, db: handle.db, transport: transportTo(server.url), workerId: "a" }));
  const b = started(startMailWorker({ ...options, db: otherDb, transport: transportTo(server.url), workerId: "b" }));
  const ids = new Set<string>();
  for (let i = 0; i < 50; i++) ids.add((await enqueueMail(handle.db, message())).id);

  await server.waitFor(50, 30_000);
  await until(async () => (await allRows()).every((r) => r.status === "sent"), "all 50 are marked sent", 30_000);
  await Promise.all([a.stop(), b.stop()]);
  const received = server.received.map((m) => m.messageId);
  expect(received).toHaveLength(50);
  expect(new Set(received)).toEqual(new Set([...ids].map((id) => `<${id}@mail.example.test>`)));
  const rows = await allRows();
  expect(rows.every((r) => r.attempts === 1)).toBe(true);
  // Both took part: the race was real.
  expect(new Set(rows.map((r) => r.lockedBy))).toEqual(new Set(["a", "b"]));
});

describe("with no SMTP_URL (the embedded default)", () => {
  test("the transport is the log", () => {
    expect(transportFromEnv(parseEnv({})).name).toBe("log");
    expect(transportFromEnv(parseEnv({ SMTP_URL: "smtp://127.0.0.1:2525" })).name).toBe("smtp");
  });

  test("a message is kept as logged and written to the log: recipient, subject and text, nothing else", async () => {
    const written: string[] = [];
    const transport = logTransport((line) => written.push(line));
    const rendered = renderMail(
      {
        subject: "You are invited",
        blocks: [paragraph("Ada invited you."), action("Choose a password", `${BASE}/invite/abc123`)],
      },
      BASE,
    );
    const invite = await enqueueMail(
      handle.db,
      { ...rendered, to: "new@example.test", kind: "invitation", dedupeKey: "invitation:1", sensitive: true },
      t0,
    );
    const plain = await enqueueMail(handle.db, message(), t0);
    expect(await once(transport, t0)).toMatchObject({ delivered: 2 });

    expect(await rowOf(invite.id)).toMatchObject({
      status: "logged",
      transport: "log",
      sentAt: t0,
      subject: "You are invited",
      textBody: null,
      htmlBody: null,
    });
    expect(await rowOf(plain.id)).toMatchObject({
      status: "logged",
      textBody: expect.stringContaining("This is message"),
    });
    const entry = written.find((line) => line.includes("new@example.test"))!;
    expect(entry.split("\n")[0]).toBe("mail to new@example.test (not sent: no SMTP_URL): You are invited");
    expect(entry).toContain(`  | ${BASE}/invite/abc123`);
    expect(entry).not.toContain("<");
    expect(entry).not.toContain(FROM);
  });
});
