import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { DatabaseHandle } from "#db/client";
import type { Viewer } from "~/auth/policies";
import { requireMeetingStream } from "~/http/guards.server";
import { useDatabaseForTests } from "~/services/db.server";
import { addNote } from "~/services/meeting-run.server";
import { loadMeeting } from "~/services/meetings.server";
import { signOutEverywhere } from "~/services/sessions.server";
import { liveHub } from "~/services/live/channel.server";
import { createPerson, createPlannedMeeting } from "#tests/setup/db-builders";
import { loaderArgs, statusOf } from "#tests/setup/requests";
import { createTestDatabase, testEngine } from "#tests/setup/test-database";
import * as events from "./meetings.$meetingId_.events";

/**
 * /meetings/<id>/events (ADR 039): only the pair may follow a 1:1, and what the stream carries is
 * "this 1:1 changed", never what: its bytes hold no note, and a private note by one side sends the
 * other's stream nothing at all.
 */

let handle: DatabaseHandle;
let manager: Viewer, report: Viewer, peer: Viewer;
let meetingId: string;
const v = (p: { id: string; name: string; email: string }, roles: Viewer["roles"] = []): Viewer => ({ ...p, roles });
const load = async () => (await loadMeeting(handle.db, meetingId))!;
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Opens the stream as `personId`, reading its bytes as they come. */
async function open(personId: string) {
  const args = await loaderArgs(personId, `/meetings/${meetingId}/events`, { meetingId });
  const controller = new AbortController();
  const request = new Request(args.request, { signal: controller.signal });
  const response = (await events.loader({ ...args, request })) as Response;
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let text = "";
  let done = false;
  void (async () => {
    for (;;) {
      const chunk = await reader.read().catch(() => ({ done: true, value: undefined }));
      if (chunk.done) break;
      text += decoder.decode(chunk.value, { stream: true });
    }
    done = true;
  })();
  return {
    response,
    get text() {
      return text;
    },
    get done() {
      return done;
    },
    async waitFor(pattern: RegExp, timeoutMs = 3_000) {
      const start = Date.now();
      while (!pattern.test(text)) {
        if (Date.now() - start > timeoutMs) throw new Error(`stream never showed ${pattern}: ${JSON.stringify(text)}`);
        await pause(5);
      }
    },
    close: () => controller.abort(),
  };
}

beforeAll(async () => {
  handle = await createTestDatabase();
  useDatabaseForTests(handle);
  const db = handle.db;
  const m = await createPerson(db, { name: "Mo" });
  const r = await createPerson(db, { name: "Ana", managerId: m.id });
  const p = await createPerson(db, { name: "Pat", managerId: m.id });
  manager = v(m, ["manager"]);
  report = v(r);
  peer = v(p);
  meetingId = (await createPlannedMeeting(db, m.id, r.id)).id;
});
afterAll(async () => {
  await (await liveHub(handle)).stop();
  await handle.close();
});

describe(`the live stream of a 1:1 (${testEngine()})`, () => {
  test("no session answers 403, anyone not of the pair 404, as does an unknown 1:1", async () => {
    const path = `/meetings/${meetingId}/events`;
    expect(await statusOf(async () => events.loader(await loaderArgs(null, path, { meetingId })))).toBe(403);
    expect(await statusOf(async () => events.loader(await loaderArgs(peer.id, path, { meetingId })))).toBe(404);
    const unknown = "00000000-0000-4000-8000-000000000000";
    expect(
      await statusOf(async () =>
        events.loader(await loaderArgs(manager.id, `/meetings/${unknown}/events`, { meetingId: unknown })),
      ),
    ).toBe(404);
  });

  test("the pair's streams say 'changed' and nothing more; a private note sends the other side nothing", async () => {
    const mine = await open(manager.id);
    const theirs = await open(report.id);
    expect(theirs.response.status).toBe(200);
    expect(theirs.response.headers.get("Content-Type")).toMatch(/^text\/event-stream/);
    // Not compressed or buffered on the way out.
    expect(theirs.response.headers.get("Cache-Control")).toContain("no-transform");
    await theirs.waitFor(/^retry: \d+\n/);
    await mine.waitFor(/^retry: \d+\n/);

    await addNote(handle.db, manager, await load(), { visibility: "private", body: "Ask HR about the band" });
    await mine.waitFor(/event: change\ndata: \{"meeting":"[^"]+","kind":"note","seq":\d+\}\n\n/);
    await addNote(handle.db, manager, await load(), { visibility: "shared", body: "Agreed: staff path doc" });
    await theirs.waitFor(/"kind":"note"/);
    await pause(100);

    // One event each for the shared note; the private one reached the manager's stream alone.
    expect(theirs.text.match(/event: change/g)).toHaveLength(1);
    expect(mine.text.match(/event: change/g)).toHaveLength(2);
    for (const stream of [mine, theirs]) {
      expect(stream.text).not.toContain("Ask HR");
      expect(stream.text).not.toContain("staff path");
    }
    mine.close();
    theirs.close();
    await pause(20);
    expect((await liveHub(handle)).openPages).toBe(0);
  });

  test("access is asked again while the stream is open: signing out ends it", async () => {
    const { stillAllowed } = await requireMeetingStream(
      (await loaderArgs(report.id, `/meetings/${meetingId}/events`)).request,
      meetingId,
    );
    expect(await stillAllowed()).toBe(true);
    await signOutEverywhere(handle.db, report.id, {});
    expect(await stillAllowed()).toBe(false);
  });
});
