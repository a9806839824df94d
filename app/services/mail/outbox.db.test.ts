import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { eq, sql } from "drizzle-orm";
import type { DatabaseHandle } from "#db/client";
import { mailOutbox } from "#db/schema";
import { createTestDatabase } from "#tests/setup/test-database";
import { claimDueMail, enqueueMail, giveUp, markDelivered, pruneMailOutbox, type MailToQueue } from "./outbox.server";

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(() => handle.close());
// The database may be shared with other files: each test starts from an empty outbox.
beforeEach(async () => {
  await handle.db.delete(mailOutbox);
});

const t0 = new Date("2026-05-04T09:00:00Z");
const at = (ms: number) => new Date(t0.getTime() + ms);
let n = 0;
const mail = (overrides: Partial<MailToQueue> = {}): MailToQueue => ({
  to: "ada@example.test",
  subject: "Hello",
  text: "Hello Ada",
  html: "<p>Hello Ada</p>",
  kind: "test",
  dedupeKey: `test:${++n}`,
  ...overrides,
});
const rows = () => handle.db.select().from(mailOutbox).orderBy(mailOutbox.createdAt);
const claim = (now: Date, workerId = "w1", limit = 10) =>
  claimDueMail(handle.db, { workerId, now, leaseMs: 60_000, limit });

describe("enqueueMail", () => {
  test("writes one pending row, due now, with its text and HTML", async () => {
    const queued = await enqueueMail(handle.db, mail({ dedupeKey: "invitation:1" }), t0);
    expect(queued.queued).toBe(true);
    const [row] = await rows();
    expect(row).toMatchObject({
      id: queued.id,
      status: "pending",
      attempts: 0,
      nextAttemptAt: t0,
      toAddress: "ada@example.test",
      textBody: "Hello Ada",
      htmlBody: "<p>Hello Ada</p>",
      sensitive: false,
      lockedUntil: null,
    });
  });

  test("the same dedupe key twice (a double submit) queues one message", async () => {
    const first = await enqueueMail(handle.db, mail({ dedupeKey: "reset:42" }), t0);
    const second = await enqueueMail(handle.db, mail({ dedupeKey: "reset:42", subject: "Again" }), t0);
    expect(second).toEqual({ id: first.id, queued: false });
    expect(await rows()).toHaveLength(1);
    expect((await rows())[0]!.subject).toBe("Hello");
  });

  test("queued in a transaction that rolls back, it is never sent", async () => {
    await handle.db
      .transaction(async (tx) => {
        await enqueueMail(tx, mail(), t0);
        throw new Error("the change failed");
      })
      .catch(() => {});
    expect(await rows()).toHaveLength(0);
  });

  test("refuses what is not one plain address, and the database refuses a bad kind or a two-line subject", async () => {
    await expect(enqueueMail(handle.db, mail({ to: "Ada <ada@example.test>" }), t0)).rejects.toThrow(
      /one plain address/,
    );
    await expect(enqueueMail(handle.db, mail({ to: "a@b.test, c@d.test" }), t0)).rejects.toThrow(/one plain address/);
    await expect(enqueueMail(handle.db, mail({ kind: "Not A Kind" }), t0)).rejects.toThrow();
    await expect(enqueueMail(handle.db, mail({ subject: "one\r\nBcc: x@y.test" }), t0)).rejects.toThrow();
    expect(await rows()).toHaveLength(0);
  });
});

describe("claimDueMail", () => {
  test("takes due mail only, oldest first, up to the limit, and counts the attempt", async () => {
    const early = await enqueueMail(handle.db, mail(), t0);
    const later = await enqueueMail(handle.db, mail(), at(1));
    await enqueueMail(handle.db, mail(), at(60_000));
    const claimed = await claim(at(10), "w1", 5);
    expect(claimed.map((r) => r.id)).toEqual([early.id, later.id]);
    expect(claimed[0]).toMatchObject({ attempts: 1, lockedBy: "w1", lockedUntil: at(60_010) });
  });

  test("a leased message is not claimed again until its lease runs out", async () => {
    const { id } = await enqueueMail(handle.db, mail(), t0);
    expect(await claim(t0, "w1")).toHaveLength(1);
    expect(await claim(at(59_999), "w2")).toHaveLength(0);
    const takenOver = await claim(at(60_000), "w2");
    expect(takenOver.map((r) => [r.id, r.lockedBy, r.attempts])).toEqual([[id, "w2", 2]]);
  });

  test("claims made at the same instant never share a message (FOR UPDATE SKIP LOCKED)", async () => {
    for (let i = 0; i < 30; i++) await enqueueMail(handle.db, mail(), t0);
    const batches = await Promise.all(["a", "b", "c", "d", "e", "f"].map((w) => claim(at(1), w, 7)));
    const ids = batches.flat().map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toHaveLength(30);
  });

  test("finished mail is never claimed", async () => {
    const { id } = await enqueueMail(handle.db, mail(), t0);
    await claim(t0);
    await markDelivered(handle.db, id, { transport: "smtp", messageId: "<x@y>", now: t0 });
    expect(await claim(at(3_600_000))).toHaveLength(0);
  });
});

describe("a sensitive body", () => {
  test("is wiped when the message is sent, and when it is given up on; the subject stays", async () => {
    const sent = await enqueueMail(handle.db, mail({ sensitive: true, text: "https://x.test/t/secret" }), t0);
    const dropped = await enqueueMail(handle.db, mail({ sensitive: true }), t0);
    const kept = await enqueueMail(handle.db, mail(), t0);
    await claim(t0);
    await markDelivered(handle.db, sent.id, { transport: "smtp", messageId: "<a@b>", now: t0 });
    await giveUp(handle.db, dropped.id, "w1", "failed", "550 no such mailbox");
    await markDelivered(handle.db, kept.id, { transport: "smtp", messageId: "<c@d>", now: t0 });
    const byId = new Map((await rows()).map((r) => [r.id, r]));
    expect(byId.get(sent.id)).toMatchObject({ status: "sent", textBody: null, htmlBody: null, subject: "Hello" });
    expect(byId.get(dropped.id)).toMatchObject({ status: "failed", textBody: null, htmlBody: null });
    expect(byId.get(kept.id)).toMatchObject({ status: "sent", textBody: "Hello Ada" });
  });

  test("can not be kept past sending by any writer: the database refuses it", async () => {
    const { id } = await enqueueMail(handle.db, mail({ sensitive: true }), t0);
    await expect(
      handle.db.update(mailOutbox).set({ status: "sent", sentAt: t0, transport: "smtp" }).where(eq(mailOutbox.id, id)),
    ).rejects.toThrow();
    await expect(handle.db.update(mailOutbox).set({ textBody: null }).where(eq(mailOutbox.id, id))).rejects.toThrow();
  });
});

test("pruning forgets finished mail older than the cut-off, frees its dedupe key, and keeps pending mail", async () => {
  const old = await enqueueMail(handle.db, mail({ dedupeKey: "digest:2026-w1" }), t0);
  await enqueueMail(handle.db, mail({ dedupeKey: "stuck" }), t0);
  const recent = await enqueueMail(handle.db, mail({ dedupeKey: "digest:2026-w2" }), at(86_400_000));
  await claim(at(86_400_000));
  await markDelivered(handle.db, old.id, { transport: "smtp", messageId: "<o@x>", now: t0 });
  await markDelivered(handle.db, recent.id, { transport: "smtp", messageId: "<r@x>", now: t0 });
  expect(await pruneMailOutbox(handle.db, at(3_600_000))).toBe(1);
  expect((await rows()).map((r) => r.dedupeKey).sort()).toEqual(["digest:2026-w2", "stuck"]);
  expect((await enqueueMail(handle.db, mail({ dedupeKey: "digest:2026-w1" }), at(2))).queued).toBe(true);
  const [{ n: count } = { n: 0 }] = await handle.db.select({ n: sql<number>`count(*)::int` }).from(mailOutbox);
  expect(count).toBe(3);
});
