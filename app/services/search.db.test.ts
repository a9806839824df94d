import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { DatabaseHandle } from "#db/client";
import { actionItems, agendaTopics, commitments, goals, meetingNotes, meetings, risks } from "#db/schema";
import { allows } from "~/auth/authorize.server";
import type { Subject, Viewer } from "~/auth/policies";
import { MARK_END, MARK_START, parseSearchQuery, SEARCH_LIMIT, SEARCH_MAX_LENGTH } from "~/domain/search";
import { createCast, createPerson } from "#tests/setup/db-builders";
import { createTestDatabase } from "#tests/setup/test-database";
import { searchHistory, type SearchHit } from "./search.server";
import { loadSubject } from "./subjects.server";

let handle: DatabaseHandle;
let cast: Awaited<ReturnType<typeof createCast>>;
const viewer = (id: string, roles: Viewer["roles"] = []): Viewer => ({ id, name: id, email: `${id}@x`, roles });
let mo: Viewer, alice: Viewer, fay: Viewer, ceo: Viewer, pat: Viewer, hr: Viewer, admin: Viewer, otto: Viewer;
let aliceSubject: Subject, patSubject: Subject;
const ids: Record<string, string | undefined> = {};
const DAY = 86_400_000;
const now = new Date();

async function meeting(managerId: string, reportId: string, daysAgo: number, held = true) {
  const at = new Date(now.getTime() - daysAgo * DAY);
  const [row] = await handle.db
    .insert(meetings)
    .values({ managerId, reportId, scheduledAt: at, status: held ? "held" : "planned", heldAt: held ? at : null })
    .returning();
  return row!.id;
}
async function note(meetingId: string, authorId: string, visibility: "shared" | "private", body: string) {
  const [row] = await handle.db.insert(meetingNotes).values({ meetingId, authorId, visibility, body }).returning();
  return row!.id;
}

async function search(who: Viewer, subject: Subject, text: string): Promise<SearchHit[]> {
  const query = parseSearchQuery(text);
  if (!query.ok) throw new Error(`refused: ${query.message}`);
  return searchHistory(handle.db, who, subject, query);
}
const found = async (who: Viewer, subject: Subject, text: string) =>
  (await search(who, subject, text)).map((h) => h.id);

beforeAll(async () => {
  handle = await createTestDatabase();
  const db = handle.db;
  cast = await createCast(db);
  mo = viewer(cast.manager, ["manager"]);
  alice = viewer(cast.alice);
  fay = viewer(cast.former, ["manager"]);
  ceo = viewer(cast.ceo, ["manager"]);
  pat = viewer(cast.peer);
  hr = viewer(cast.hr, ["hr"]);
  admin = viewer(cast.admin, ["admin"]);
  otto = viewer(cast.other, ["manager"]);
  aliceSubject = (await loadSubject(db, cast.alice))!;
  patSubject = (await loadSubject(db, cast.peer))!;

  // Alice's 1:1 with Fay, her manager before Mo.
  const withFay = await meeting(cast.former, cast.alice, 120);
  ids.fayNote = await note(withFay, cast.former, "shared", "Fay and Alice talked about the ocelot migration.");

  // Alice's 1:1s with Mo: an older one and a recent one.
  const older = await meeting(cast.manager, cast.alice, 40);
  ids.olderNote = await note(older, cast.manager, "shared", "The conference budget is approved for the team.");
  const recent = await meeting(cast.manager, cast.alice, 10);
  ids.recentMeeting = recent;
  ids.bothWords = await note(recent, cast.manager, "shared", "We agreed Alice speaks at the conference in spring.");
  ids.moPrivate = await note(recent, cast.manager, "private", "Worried about zebra nerves before the talk.");
  ids.alicePrivate = await note(recent, cast.alice, "private", "I want the aardvark budget for myself.");
  const topics = await db
    .insert(agendaTopics)
    .values([
      { meetingId: recent, authorId: cast.manager, source: "manager", title: "Quokka promotion case", private: true },
      { meetingId: recent, authorId: cast.alice, source: "report", title: "Feeling wombat", private: true },
      { meetingId: recent, authorId: cast.alice, source: "report", title: "Conference travel", details: "Trains" },
    ])
    .returning();
  [ids.moTopic, ids.aliceTopic, ids.sharedTopic] = topics.map((t) => t.id);
  const [item] = await db
    .insert(actionItems)
    .values({
      reportId: cast.alice,
      managerId: cast.manager,
      ownerId: cast.alice,
      meetingId: recent,
      title: "Book the conference hotel",
      createdBy: cast.manager,
    })
    .returning();
  ids.actionItem = item!.id;
  const [goal] = await db
    .insert(goals)
    .values({ ownerId: cast.alice, title: "Speak at a conference", whyItMatters: "Visibility outside the team" })
    .returning();
  ids.goal = goal!.id;
  const [commitment] = await db
    .insert(commitments)
    .values({ personId: cast.alice, createdBy: cast.alice, change: "Write a talk every month", firstStep: "Outline" })
    .returning();
  ids.commitment = commitment!.id;
  await db.insert(risks).values({
    subjectId: cast.alice,
    authorId: cast.manager,
    kind: "flight",
    description: "A narwhal offer from a conference sponsor",
    likelihood: 2,
    impact: 3,
  });

  // Another pair: Mo and Pat.
  const withPat = await meeting(cast.manager, cast.peer, 5);
  ids.patNote = await note(withPat, cast.manager, "shared", "Pat wants the platypus conference ticket.");
});
afterAll(() => handle.close());

describe("what the search finds, and in what order", () => {
  test("every kind of record is found by its words, each with where it leads", async () => {
    const hits = await search(mo, aliceSubject, "conference");
    const byId = new Map(hits.map((h) => [h.id, h]));
    expect(byId.get(ids.bothWords!)).toMatchObject({ kind: "note", meetingId: ids.recentMeeting });
    expect(byId.get(ids.sharedTopic!)).toMatchObject({ kind: "topic", title: "Conference travel" });
    expect(byId.get(ids.actionItem!)).toMatchObject({ kind: "action-item", status: "open" });
    expect(byId.get(ids.goal!)).toMatchObject({ kind: "goal", meetingId: null, personId: cast.alice });
    expect(byId.get(ids.olderNote!)).toMatchObject({ kind: "note" });
    // Stemmed: "talks" finds "talk"; the commitment's first step is part of its text.
    expect(await found(mo, aliceSubject, "talks outline")).toContain(ids.commitment);
  });

  test("a hit with every word ranks above hits with some; the matched words are marked in the snippet", async () => {
    const hits = await search(mo, aliceSubject, "What did we agree about the conference in spring?");
    expect(hits[0]!.id).toBe(ids.bothWords);
    expect(hits[0]!.snippet).toContain(`${MARK_START}conference${MARK_END}`);
    expect(hits[0]!.snippet).toContain(`${MARK_START}spring${MARK_END}`);
    // Some words only: still found, below.
    expect(hits.map((h) => h.id)).toContain(ids.olderNote);
    expect(hits.map((h) => h.rank)).toEqual([...hits.map((h) => h.rank)].sort((a, b) => b - a));
  });

  test("quotes ask for the exact phrase: no partial matches then", async () => {
    expect(await found(mo, aliceSubject, '"conference in spring"')).toEqual([ids.bothWords]);
    expect(await found(mo, aliceSubject, "conference -spring")).not.toContain(ids.bothWords);
  });

  test(`at most ${SEARCH_LIMIT} hits, in one statement however many match`, async () => {
    const many = await meeting(cast.manager, cast.alice, 60);
    await handle.db.insert(meetingNotes).values(
      Array.from({ length: SEARCH_LIMIT + 10 }, (_, i) => ({
        meetingId: many,
        authorId: cast.manager,
        visibility: "shared" as const,
        body: `Kangaroo retrospective number ${i}`,
      })),
    );
    let before = handle.queryCount();
    const hits = await search(mo, aliceSubject, "kangaroo retrospective");
    expect(handle.queryCount() - before).toBe(1);
    expect(hits).toHaveLength(SEARCH_LIMIT);
    before = handle.queryCount();
    expect(await search(alice, aliceSubject, "nothingmatchesthis")).toEqual([]);
    expect(handle.queryCount() - before).toBe(1);
  });
});

describe("it never returns what the searcher may not read", () => {
  test("the manager's private note and topic: found by the manager, never by the report", async () => {
    expect(await found(mo, aliceSubject, "zebra")).toEqual([ids.moPrivate]);
    expect(await found(mo, aliceSubject, "quokka")).toEqual([ids.moTopic]);
    expect(await found(alice, aliceSubject, "zebra")).toEqual([]);
    expect(await found(alice, aliceSubject, "quokka")).toEqual([]);
  });

  test("the report's private note and topic: found by the report, never by the manager", async () => {
    expect(await found(alice, aliceSubject, "aardvark")).toEqual([ids.alicePrivate]);
    expect(await found(alice, aliceSubject, "wombat")).toEqual([ids.aliceTopic]);
    expect(await found(mo, aliceSubject, "aardvark")).toEqual([]);
    expect(await found(mo, aliceSubject, "wombat")).toEqual([]);
  });

  test("a risk is never searched: not for the report, not even for the manager who wrote it", async () => {
    expect(await found(alice, aliceSubject, "narwhal")).toEqual([]);
    expect(await found(mo, aliceSubject, "narwhal")).toEqual([]);
    expect((await search(alice, aliceSubject, "sponsor offer")).map((h) => h.kind)).toEqual([]);
  });

  test("another pair's history never shows, from either side", async () => {
    expect(await found(mo, aliceSubject, "platypus")).toEqual([]);
    expect(await found(alice, aliceSubject, "platypus")).toEqual([]);
    // Alice searching Pat's account (the policy refuses; the query alone still gives nothing).
    expect(await found(alice, patSubject, "platypus")).toEqual([]);
    expect(await found(mo, patSubject, "platypus")).toEqual([ids.patNote]);
    expect(await found(pat, patSubject, "conference")).toEqual([ids.patNote]);
  });

  test("the report finds their 1:1s with a former manager; the new manager and the former one do not", async () => {
    expect(await found(alice, aliceSubject, "ocelot")).toEqual([ids.fayNote]);
    expect(await found(mo, aliceSubject, "ocelot")).toEqual([]);
    expect(await found(fay, aliceSubject, "ocelot")).toEqual([]);
  });

  test("the policy lets the report and the direct manager search, nobody else", () => {
    for (const who of [alice, mo]) expect(allows(who, "history:search", { subject: aliceSubject })).toBe(true);
    for (const who of [ceo, fay, pat, otto, hr, admin])
      expect(allows(who, "history:search", { subject: aliceSubject })).toBe(false);
  });

  test("and those it refuses get nothing from the query either: skip-level, former manager, peer, HR, admin", async () => {
    for (const who of [ceo, fay, pat, otto, hr, admin]) {
      expect(await found(who, aliceSubject, "conference spring talk budget")).toEqual([]);
    }
  });

  test("an inactive report's history is found by nobody", async () => {
    const gone = await createPerson(handle.db, { name: "Gone", managerId: cast.manager, active: false });
    const m = await meeting(cast.manager, gone.id, 3);
    await note(m, cast.manager, "shared", "Gazelle handover");
    expect(await found(mo, { id: gone.id, managerChain: [cast.manager] }, "gazelle")).toEqual([]);
  });
});

describe("hostile and empty queries", () => {
  test("an empty box is no search; too long, too many words or no letters say why", () => {
    expect(parseSearchQuery("   ")).toEqual({ ok: false, message: null });
    expect(parseSearchQuery(null)).toEqual({ ok: false, message: null });
    const long = parseSearchQuery("a".repeat(SEARCH_MAX_LENGTH + 1));
    expect(long.ok ? null : long.message).toMatch(/too long/);
    const punctuation = parseSearchQuery("!!! & | :* ()");
    expect(punctuation.ok ? null : punctuation.message).toMatch(/Type a word/);
    const words = parseSearchQuery(Array.from({ length: 13 }, (_, i) => `w${i}`).join(" "));
    expect(words.ok ? null : words.message).toMatch(/up to 12 words/);
  });

  test.each([
    '"unbalanced quote',
    "conference & | ! :* (spring",
    "'); drop table meeting_notes; --",
    "- - -conference",
    "or or and",
    "the and of",
    "<script>alert(1)</script>",
    "conférence naïve 日本語",
    "\\x00 \\' %_",
  ])("%s: answered, never an error", async (text) => {
    const query = parseSearchQuery(text);
    if (!query.ok) return expect(query.message).toBeTruthy();
    await expect(searchHistory(handle.db, alice, aliceSubject, query)).resolves.toBeInstanceOf(Array);
  });

  test("stop words alone find nothing rather than everything", async () => {
    expect(await search(mo, aliceSubject, "the and of")).toEqual([]);
  });
});
