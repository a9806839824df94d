import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { and, eq, isNull } from "drizzle-orm";
import type { DatabaseHandle } from "#db/client";
import { actionItems, agendaTopics, historyShares, meetingNotes, meetings, securityEvents } from "#db/schema";
import { allows } from "~/auth/authorize.server";
import type { Subject, Viewer } from "~/auth/policies";
import { parseSearchQuery } from "~/domain/search";
import { changeManager, createCast } from "#tests/setup/db-builders";
import { createTestDatabase } from "#tests/setup/test-database";
import { getAccount, loadAccountHead } from "./account.server";
import { getAgendaFor } from "./agenda.server";
import { RecordNotFound } from "./errors.server";
import { listEarlierOneOnOnes, shareHistory, stopSharingHistory } from "./history-shares.server";
import { getMeetingRecord } from "./meeting-record.server";
import { addActionItem, addNote } from "./meeting-run.server";
import { loadMeeting } from "./meetings.server";
import { searchHistory } from "./search.server";

// Alice moved from Fay (her former manager) to Mo. What she wrote and said with Fay carries marker words;
// Mo reads none of it until she shares, then only the shared kinds, and none again once she takes it back.
let handle: DatabaseHandle;
let cast: Awaited<ReturnType<typeof createCast>>;
const viewer = (id: string, roles: Viewer["roles"] = []): Viewer => ({ id, name: id, email: `${id}@x`, roles });
let alice: Viewer, mo: Viewer, fay: Viewer, otto: Viewer;
let subject: Subject;
const ids: Record<string, string> = {};
const DAY = 86_400_000;
const now = new Date();
const origin = { address: "127.0.0.1", userAgent: "test" };

async function meeting(managerId: string, days: number, status: "held" | "planned") {
  const at = new Date(now.getTime() + days * DAY);
  const [row] = await handle.db
    .insert(meetings)
    .values({ managerId, reportId: cast.alice, scheduledAt: at, status, heldAt: status === "held" ? at : null })
    .returning();
  return row!.id;
}

/** Every place the new manager reads Alice's history, as one string of what it holds. */
async function whatMoReads() {
  const account = await getAccount(handle.db, mo, subject, now);
  const query = parseSearchQuery("zebracorn OR quokkatopic OR narwhalfollow OR secretlynx OR hiddenibis");
  if (!query.ok) throw new Error(query.message ?? "refused");
  const hits = await searchHistory(handle.db, mo, subject, query);
  const agenda = await getAgendaFor(handle.db, mo, (await loadMeeting(handle.db, ids.next!, mo.id))!, now);
  const loaded = (await loadMeeting(handle.db, ids.withFay!, mo.id))!;
  const record = allows(mo, "meeting:read", loaded.record) ? await getMeetingRecord(handle.db, mo, loaded) : null;
  return {
    listed: account.past.filter((m) => m.id === ids.withFay).map((m) => m.sharedEarlier),
    found: hits.map((h) => h.snippet).join(" "),
    agenda: agenda.items.map((i) => i.title).join(" "),
    canRead: allows(mo, "meeting:read", loaded.record),
    page: JSON.stringify({ notes: loaded.notes, record }),
  };
}

beforeAll(async () => {
  handle = await createTestDatabase();
  cast = await createCast(handle.db);
  alice = viewer(cast.alice);
  mo = viewer(cast.manager, ["manager"]);
  fay = viewer(cast.former, ["manager"]);
  otto = viewer(cast.other, ["manager"]);
  subject = (await loadAccountHead(handle.db, cast.alice))!.subject;
  ids.withFay = await meeting(cast.former, -60, "held");
  ids.alsoFay = await meeting(cast.former, -90, "held");
  ids.withMo = await meeting(cast.manager, -7, "held");
  ids.next = await meeting(cast.manager, 7, "planned");
  await handle.db.insert(meetingNotes).values([
    { meetingId: ids.withFay, authorId: cast.former, visibility: "shared", body: "Fay's zebracorn handover note" },
    { meetingId: ids.withFay, authorId: cast.former, visibility: "private", body: "Fay's secretlynx worry" },
    { meetingId: ids.withFay, authorId: cast.alice, visibility: "private", body: "Alice's hiddenibis reminder" },
  ]);
  await handle.db.insert(agendaTopics).values([
    { meetingId: ids.withFay, authorId: cast.alice, source: "report", title: "quokkatopic", discussed: true },
    {
      meetingId: ids.withFay,
      authorId: cast.former,
      source: "manager",
      title: "secretlynx topic",
      private: true,
      discussed: true,
    },
  ]);
  const [item] = await handle.db
    .insert(actionItems)
    .values({
      reportId: cast.alice,
      managerId: cast.former,
      ownerId: cast.alice,
      meetingId: ids.withFay,
      title: "narwhalfollow the course",
      createdBy: cast.former,
    })
    .returning();
  ids.followUp = item!.id;
});

afterAll(async () => {
  await handle.close();
});

const liveShares = () =>
  handle.db
    .select()
    .from(historyShares)
    .where(and(eq(historyShares.subjectId, cast.alice), isNull(historyShares.revokedAt)));

describe("a handover the report controls (ADR 043)", () => {
  test("unshared, an earlier line's 1:1 is nowhere the new manager reads", async () => {
    const read = await whatMoReads();
    expect(read).toMatchObject({
      listed: [],
      found: "",
      canRead: false,
      page: expect.not.stringContaining("zebracorn"),
    });
    expect(read.agenda).not.toContain("narwhalfollow");
    // The pair's own 1:1 is still there.
    expect((await getAccount(handle.db, mo, subject, now)).past.map((m) => m.id)).toContain(ids.withMo);
  });

  test("Alice's list: her 1:1s with Fay, none shared; Mo's are not in it", async () => {
    const earlier = await listEarlierOneOnOnes(handle.db, alice);
    expect(earlier.manager).toMatchObject({ id: cast.manager, name: "Mo Manager" });
    expect(earlier.allShared).toBe(false);
    expect(earlier.meetings.map((m) => [m.id, m.managerName, m.shared])).toEqual([
      [ids.withFay, "Fay Former", false],
      [ids.alsoFay, "Fay Former", false],
    ]);
  });

  test("shared, Mo reads its shared notes, topics and follow-ups everywhere, never a private one", async () => {
    await shareHistory(handle.db, alice, { all: false, meetingId: ids.withFay! }, origin);
    const read = await whatMoReads();
    expect(read.listed).toEqual([true]);
    expect(read.canRead).toBe(true);
    expect(read.found).toContain("zebracorn");
    expect(read.found).toContain("quokkatopic");
    expect(read.found).toContain("narwhalfollow");
    expect(read.agenda).toContain("narwhalfollow");
    expect(read.page).toContain("zebracorn");
    expect(read.page).toContain("quokkatopic");
    expect(read.page).toContain("narwhalfollow");
    for (const hidden of ["secretlynx", "hiddenibis"]) {
      expect(read.found).not.toContain(hidden);
      expect(read.page).not.toContain(hidden);
    }
    // The other 1:1 with Fay stays hers.
    const other = (await loadMeeting(handle.db, ids.alsoFay!, mo.id))!;
    expect(allows(mo, "meeting:read", other.record)).toBe(false);
  });

  test("a shared 1:1 is read-only: Mo's note or follow-up in it is refused and writes nothing", async () => {
    const loaded = (await loadMeeting(handle.db, ids.withFay!, mo.id))!;
    expect(allows(mo, "meeting:write", loaded.record)).toBe(false);
    await expect(addNote(handle.db, mo, loaded, { visibility: "shared", body: "mine" })).rejects.toThrow(
      RecordNotFound,
    );
    await expect(addActionItem(handle.db, mo, loaded, { title: "mine", owner: "manager" })).rejects.toThrow(
      RecordNotFound,
    );
    const notes = await handle.db.select().from(meetingNotes).where(eq(meetingNotes.meetingId, ids.withFay!));
    expect(notes.some((n) => n.authorId === cast.manager)).toBe(false);
    // Fay, no longer Alice's manager, reads nothing of it, share or not.
    expect(allows(fay, "meeting:read", loaded.record)).toBe(false);
  });

  test("sharing twice writes one share and one security event", async () => {
    const again = await shareHistory(handle.db, alice, { all: false, meetingId: ids.withFay! }, origin);
    expect(again.written).toBe(false);
    expect(await liveShares()).toHaveLength(1);
    const events = await handle.db.select().from(securityEvents).where(eq(securityEvents.kind, "history.shared"));
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actorId: cast.alice, subjectId: cast.alice });
  });

  test("taken back, it is gone again; the row is kept, revoked", async () => {
    await stopSharingHistory(handle.db, alice, { all: false, meetingId: ids.withFay! }, origin);
    const read = await whatMoReads();
    expect(read).toMatchObject({ listed: [], found: "", canRead: false });
    expect(read.agenda).not.toContain("narwhalfollow");
    expect(read.page).not.toContain("zebracorn");
    expect(await liveShares()).toHaveLength(0);
    const all = await handle.db.select().from(historyShares).where(eq(historyShares.subjectId, cast.alice));
    expect(all).toHaveLength(1);
    expect(all[0]!.revokedAt).not.toBeNull();
  });

  test("share all, then stop one: the others stay shared", async () => {
    await shareHistory(handle.db, alice, { all: true }, origin);
    expect((await listEarlierOneOnOnes(handle.db, alice)).meetings.every((m) => m.shared)).toBe(true);
    await stopSharingHistory(handle.db, alice, { all: false, meetingId: ids.withFay! }, origin);
    const earlier = await listEarlierOneOnOnes(handle.db, alice);
    expect(earlier.allShared).toBe(false);
    expect(earlier.meetings.map((m) => [m.id, m.shared])).toEqual([
      [ids.withFay, false],
      [ids.alsoFay, true],
    ]);
    await stopSharingHistory(handle.db, alice, { all: true }, origin);
    expect(await liveShares()).toHaveLength(0);
  });

  test("a share counts only while its grantee manages the person: not after a move, not on their return", async () => {
    await shareHistory(handle.db, alice, { all: true }, origin);
    expect((await whatMoReads()).canRead).toBe(true);
    await changeManager(handle.db, cast.alice, cast.other);
    const toOtto = (await loadMeeting(handle.db, ids.withFay!, otto.id))!;
    expect(allows(otto, "meeting:read", toOtto.record)).toBe(false);
    await changeManager(handle.db, cast.alice, cast.manager);
    subject = (await loadAccountHead(handle.db, cast.alice))!.subject;
    // Mo is back, but the share was made in his earlier spell: it hands him nothing now.
    expect(await whatMoReads()).toMatchObject({ listed: [], found: "", canRead: false });
  });

  test("only the person shares, and only their own earlier 1:1s", async () => {
    await expect(shareHistory(handle.db, alice, { all: false, meetingId: ids.withMo! }, origin)).rejects.toThrow(
      RecordNotFound,
    );
    await expect(shareHistory(handle.db, mo, { all: false, meetingId: ids.withFay! }, origin)).rejects.toThrow(
      RecordNotFound,
    );
  });
});
