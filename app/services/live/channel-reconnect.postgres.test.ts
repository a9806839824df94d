import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, expect, test } from "vitest";
import { sql } from "drizzle-orm";
import type { DatabaseHandle } from "#db/client";
import { follower } from "#tests/setup/live-follower";
import { createTestDatabase, testEngine } from "#tests/setup/test-database";
import { LiveHub, publishMeetingChange } from "./channel.server";

/**
 * PostgreSQL alone has a listening connection that can drop (ADR 039): this file runs in the postgres
 * project only (vitest.config.ts), so PGlite's run neither skips it nor pretends to pass it.
 */

let handle: DatabaseHandle;
let hub: LiveHub;
beforeAll(async () => {
  handle = await createTestDatabase();
  hub = new LiveHub(handle, { pingEveryMs: 100, pingTimeoutMs: 300 });
});
afterAll(async () => {
  await hub.stop();
  await handle.close();
});

test("after its connection is killed the listener comes back, and its pages re-read once", async () => {
  expect(testEngine()).toBe("postgres");
  const meetingId = randomUUID();
  const f = follower();
  const stop = await hub.subscribe(meetingId, randomUUID(), f.deliver);
  await handle.db.execute(
    sql`select pg_terminate_backend(pid) from pg_stat_activity
        where datname = current_database() and pid <> pg_backend_pid() and query ilike 'listen%'`,
  );
  await f.next("resync", 5_000);
  await handle.db.transaction((tx) => publishMeetingChange(tx, meetingId, "note"));
  await f.next("note");
  stop();
});
