import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { sql } from "drizzle-orm";
import { openDatabase, rowsOf, type DatabaseHandle } from "#db/client";
import type { Viewer } from "~/auth/policies";
import { createPerson, createPlannedMeeting } from "#tests/setup/db-builders";
import { createTestDatabase, testEngine } from "#tests/setup/test-database";
import { addActionItem, addNote, setItemChecked } from "../meeting-run.server";
import { loadMeeting } from "../meetings.server";
import { addTopic } from "../topics.server";
import { follower } from "#tests/setup/live-follower";
import { LiveHub, publishMeetingChange } from "./channel.server";

/**
 * The live 1:1's channel (ADR 039) on the engine under test: a committed write reaches the pages that
 * follow its meeting, nothing travels before the commit or after a rollback, a private change reaches
 * its author's pages alone, and on PostgreSQL a second pool (a second app server) hears the first's
 * writes and keeps hearing them after its listening connection is killed.
 */

let handle: DatabaseHandle;
let hub: LiveHub;
let manager: Viewer, report: Viewer;
let meetingId: string;
const v = (p: { id: string; name: string; email: string }, roles: Viewer["roles"] = []): Viewer => ({ ...p, roles });
const load = async () => (await loadMeeting(handle.db, meetingId))!;
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A second pool on the same PostgreSQL database, as a second app server has. */
async function secondServer(): Promise<DatabaseHandle> {
  const [{ name } = { name: "" }] = rowsOf<{ name: string }>(
    await handle.db.execute(sql`select current_database() as name`),
  );
  const url = new URL(process.env.TEST_DATABASE_URL!);
  url.pathname = `/${name}`;
  return openDatabase({ url: url.toString(), poolSize: 2 });
}

beforeAll(async () => {
  handle = await createTestDatabase();
  hub = new LiveHub(handle, { pingEveryMs: 100, pingTimeoutMs: 300 });
  const db = handle.db;
  const m = await createPerson(db, { name: "Mo" });
  const r = await createPerson(db, { name: "Ana", managerId: m.id });
  manager = v(m, ["manager"]);
  report = v(r);
  meetingId = (await createPlannedMeeting(db, m.id, r.id)).id;
});
afterAll(async () => {
  await hub.stop();
  await handle.close();
});

describe(`the live channel (${testEngine()})`, () => {
  test("a committed change reaches every follower of its meeting, and no one else's", async () => {
    const a = follower();
    const b = follower();
    const elsewhere = follower();
    const stops = [
      await hub.subscribe(meetingId, manager.id, a.deliver),
      await hub.subscribe(meetingId, report.id, b.deliver),
      await hub.subscribe("00000000-0000-4000-8000-000000000000", report.id, elsewhere.deliver),
    ];
    await handle.db.transaction((tx) => publishMeetingChange(tx, meetingId, "note"));
    const [ea, eb] = [await a.next("note"), await b.next("note")];
    expect(ea).toMatchObject({ meetingId, kind: "note" });
    expect(eb.seq).toBe(ea.seq);
    await pause(50);
    expect(elsewhere.events).toEqual([]);
    for (const stop of stops) stop();
    expect(hub.openPages).toBe(0);
  });

  test("nothing travels before the commit, and a rolled-back write sends nothing", async () => {
    const f = follower();
    const stop = await hub.subscribe(meetingId, report.id, f.deliver);
    await handle.db.transaction(async (tx) => {
      await publishMeetingChange(tx, meetingId, "topic");
      await pause(150);
      expect(f.events).toEqual([]);
    });
    await f.next("topic");
    await handle.db
      .transaction(async (tx) => {
        await publishMeetingChange(tx, meetingId, "note");
        throw new Error("refused");
      })
      .catch(() => {});
    await handle.db.transaction((tx) => publishMeetingChange(tx, meetingId, "tick"));
    await f.next("tick");
    expect(f.events.filter((e) => e.kind === "note")).toEqual([]);
    stop();
  });

  test("the services publish after their writes; a private note or topic tells its author alone", async () => {
    const mine = follower();
    const theirs = follower();
    const stops = [
      await hub.subscribe(meetingId, manager.id, mine.deliver),
      await hub.subscribe(meetingId, report.id, theirs.deliver),
    ];
    await addNote(handle.db, manager, await load(), { visibility: "private", body: "Ask HR about the band" });
    await mine.next("note");
    await addTopic(handle.db, manager, await load(), { title: "Promotion case", details: "", private: true });
    await mine.next("topic");
    await addNote(handle.db, manager, await load(), { visibility: "shared", body: "Agreed: staff path doc" });
    await Promise.all([mine.next("note"), theirs.next("note")]);
    expect(theirs.events).toEqual([]);

    await addTopic(handle.db, report, await load(), { title: "Career path", details: "", private: false });
    await Promise.all([mine.next("topic"), theirs.next("topic")]);
    await setItemChecked(handle.db, manager, await load(), `goal:${meetingId}`, true);
    await Promise.all([mine.next("tick"), theirs.next("tick")]);
    await addActionItem(handle.db, manager, await load(), { title: "Write the doc", owner: "report" });
    await Promise.all([mine.next("follow-up"), theirs.next("follow-up")]);
    await pause(50);
    expect(theirs.events).toEqual([]);
    for (const stop of stops) stop();
  });

  test("two app servers (two pools on PostgreSQL; two listeners in one process on PGlite): a write on one reaches the other", async () => {
    const other = testEngine() === "postgres" ? await secondServer() : handle;
    const otherHub = new LiveHub(other, { pingEveryMs: 0 });
    try {
      const f = follower();
      const stop = await otherHub.subscribe(meetingId, report.id, f.deliver);
      await addNote(handle.db, manager, await load(), { visibility: "shared", body: "On server one" });
      const started = Date.now();
      await f.next("note");
      expect(Date.now() - started).toBeLessThan(1_000);
      stop();
    } finally {
      await otherHub.stop();
      if (other !== handle) await other.close();
    }
  });
});
