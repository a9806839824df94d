import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { and, eq, isNull } from "drizzle-orm";
import type { DatabaseHandle } from "#db/client";
import { actionItems, historyShares, meetingNotes, meetings, securityEvents } from "#db/schema";
import { createCast } from "#tests/setup/db-builders";
import { actionArgs, loaderArgs, statusOf } from "#tests/setup/requests";
import { createTestDatabase } from "#tests/setup/test-database";
import { useDatabaseForTests } from "~/services/db.server";
import * as privacy from "./me.privacy";
import * as meetingPage from "./meetings.$meetingId";

// Through the real loaders and actions (ADR 043): Alice shares her 1:1 with Fay, her former manager,
// with Mo, her manager now; Mo may read it and write nothing in it; a double submit writes once.
let handle: DatabaseHandle;
let cast: Awaited<ReturnType<typeof createCast>>;
let withFay: string;

beforeAll(async () => {
  handle = await createTestDatabase();
  useDatabaseForTests(handle);
  cast = await createCast(handle.db);
  const at = new Date(Date.now() - 30 * 86_400_000);
  const [row] = await handle.db
    .insert(meetings)
    .values({ managerId: cast.former, reportId: cast.alice, scheduledAt: at, status: "held", heldAt: at })
    .returning();
  withFay = row!.id;
  await handle.db
    .insert(meetingNotes)
    .values({ meetingId: withFay, authorId: cast.former, visibility: "shared", body: "Fay's shared note" });
});

afterAll(async () => {
  await handle.close();
});

const share = (who: string, fields: Record<string, string>) =>
  actionArgs(who, "/me/privacy", { intent: "share-history", scope: withFay, ...fields });
const live = () =>
  handle.db
    .select()
    .from(historyShares)
    .where(and(eq(historyShares.subjectId, cast.alice), isNull(historyShares.revokedAt)));

describe("/me/privacy shares and takes back (ADR 043)", () => {
  test("the page lists the 1:1 with Fay, not shared, and who a share would go to", async () => {
    const data = (await privacy.loader(await loaderArgs(cast.alice, "/me/privacy"))) as Awaited<
      ReturnType<typeof privacy.loader>
    >;
    expect(data.earlier.manager?.name).toBe("Mo Manager");
    expect(data.earlier.meetings.map((m) => [m.id, m.managerName, m.shared])).toEqual([[withFay, "Fay Former", false]]);
  });

  test("before it is shared, Mo's read of the 1:1 is a 404", async () => {
    const args = await loaderArgs(cast.manager, `/meetings/${withFay}`, { meetingId: withFay });
    expect(await statusOf(() => meetingPage.loader(args))).toBe(404);
  });

  test("two copies of one share (the same form key) write one share and one security event", async () => {
    const key = { submissionKey: "share-key-0001" };
    expect(await statusOf(async () => privacy.action(await share(cast.alice, key)))).toBe(200);
    expect(await statusOf(async () => privacy.action(await share(cast.alice, key)))).toBe(200);
    expect(await live()).toHaveLength(1);
    const events = await handle.db.select().from(securityEvents).where(eq(securityEvents.kind, "history.shared"));
    expect(events).toHaveLength(1);
  });

  test("shared, Mo reads it, marked; every write in it is refused (404) and writes nothing", async () => {
    const data = (await meetingPage.loader(
      await loaderArgs(cast.manager, `/meetings/${withFay}`, { meetingId: withFay }),
    )) as Awaited<ReturnType<typeof meetingPage.loader>>;
    expect(data).toMatchObject({ sharedEarlier: true, canWrite: false, canRun: false });
    expect(data.notes.map((n) => n.body)).toEqual(["Fay's shared note"]);
    const writes: Record<string, string>[] = [
      { intent: "add-note", visibility: "shared", body: "Mo writes" },
      { intent: "add-action", title: "Mo's follow-up", owner: "manager" },
      { intent: "add-topic", title: "Mo's topic", details: "", private: "" },
      { intent: "finish", version: "1" },
    ];
    for (const fields of writes) {
      const args = await actionArgs(cast.manager, `/meetings/${withFay}`, fields, { meetingId: withFay });
      expect(await statusOf(() => meetingPage.action(args)), fields.intent).toBe(404);
    }
    const notes = await handle.db.select().from(meetingNotes).where(eq(meetingNotes.meetingId, withFay));
    expect(notes).toHaveLength(1);
    expect(await handle.db.select().from(actionItems).where(eq(actionItems.meetingId, withFay))).toEqual([]);
  });

  test("nobody but Alice shares: Mo's and an admin's forged shares are refused and write nothing", async () => {
    for (const who of [cast.manager, cast.admin]) {
      const status = await statusOf(async () => privacy.action(await share(who, {})));
      expect(status).toBeGreaterThanOrEqual(400);
      expect(status).toBeLessThan(500);
    }
    const all = await handle.db.select().from(historyShares).where(isNull(historyShares.revokedAt));
    expect(all.map((s) => s.subjectId)).toEqual([cast.alice]);
  });

  test("a 1:1 that is not an earlier one of hers is a 404; a scope that is no 1:1 is refused, saying why", async () => {
    const other = await share(cast.alice, { scope: "00000000-0000-4000-8000-000000000000" });
    expect(await statusOf(() => privacy.action(other))).toBe(404);
    const bad = await share(cast.alice, { scope: "not-a-meeting" });
    expect(await statusOf(() => privacy.action(bad))).toBe(400);
  });

  test("taken back, Mo's read is a 404 again; the row is kept", async () => {
    const args = await actionArgs(cast.alice, "/me/privacy", { intent: "stop-sharing-history", scope: "all" });
    expect(await statusOf(() => privacy.action(args))).toBe(200);
    expect(await live()).toEqual([]);
    const read = await loaderArgs(cast.manager, `/meetings/${withFay}`, { meetingId: withFay });
    expect(await statusOf(() => meetingPage.loader(read))).toBe(404);
    expect(await handle.db.select().from(historyShares)).toHaveLength(1);
  });
});
