import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { DatabaseHandle } from "#db/client";
import { actionItems, agendaTopics, meetingNotes, meetings, risks } from "#db/schema";
import type { Viewer } from "~/auth/policies";
import { createCast } from "#tests/setup/db-builders";
import { createTestDatabase } from "#tests/setup/test-database";
import { getMyHistory, type HistoryMeeting } from "./history.server";

let handle: DatabaseHandle;
let cast: Awaited<ReturnType<typeof createCast>>;
let alice: Viewer, mo: Viewer;
let history: HistoryMeeting[];
const ids: Record<string, string | undefined> = {};
const DAY = 86_400_000;
const now = new Date();

async function meeting(managerId: string, reportId: string, days: number, status: "held" | "planned" | "cancelled") {
  const at = new Date(now.getTime() + days * DAY);
  const [row] = await handle.db
    .insert(meetings)
    .values({ managerId, reportId, scheduledAt: at, status, heldAt: status === "held" ? at : null })
    .returning();
  return row!.id;
}

beforeAll(async () => {
  handle = await createTestDatabase();
  const db = handle.db;
  cast = await createCast(db);
  alice = { id: cast.alice, name: "Alice Report", email: "a@x", roles: [] };
  mo = { id: cast.manager, name: "Mo Manager", email: "m@x", roles: ["manager"] };
  ids.withFay = await meeting(cast.former, cast.alice, -100, "held");
  ids.older = await meeting(cast.manager, cast.alice, -30, "held");
  ids.recent = await meeting(cast.manager, cast.alice, -7, "held");
  ids.cancelled = await meeting(cast.manager, cast.alice, -3, "cancelled");
  ids.next = await meeting(cast.manager, cast.alice, 7, "planned");
  ids.later = await meeting(cast.manager, cast.alice, 21, "planned");
  ids.patMeeting = await meeting(cast.manager, cast.peer, -7, "held");
  await db.insert(meetingNotes).values([
    { meetingId: ids.recent, authorId: cast.manager, visibility: "shared", body: "We agreed on the conference." },
    { meetingId: ids.recent, authorId: cast.manager, visibility: "private", body: "Mo's private worry" },
    { meetingId: ids.recent, authorId: cast.alice, visibility: "private", body: "Alice's own reminder" },
    { meetingId: ids.withFay, authorId: cast.former, visibility: "shared", body: "Fay's handover note" },
    { meetingId: ids.patMeeting, authorId: cast.manager, visibility: "shared", body: "Pat's note" },
  ]);
  await db.insert(agendaTopics).values([
    { meetingId: ids.recent, authorId: cast.alice, source: "report", title: "Travel", discussed: true },
    { meetingId: ids.recent, authorId: cast.manager, source: "manager", title: "Mo's secret topic", private: true },
    { meetingId: ids.recent, authorId: cast.manager, source: "manager", title: "Not reached", discussed: false },
    { meetingId: ids.next, authorId: cast.alice, source: "report", title: "Next time: budget" },
  ]);
  const item = (title: string, ownerId: string, status: "open" | "done", dueOn: string | null) => ({
    reportId: cast.alice,
    managerId: cast.manager,
    ownerId,
    meetingId: ids.recent,
    title,
    status,
    dueOn,
    completedAt: status === "done" ? now : null,
    createdBy: cast.manager,
  });
  await db
    .insert(actionItems)
    .values([
      item("Book the hotel", cast.alice, "open", "2020-01-01"),
      item("Approve the budget", cast.manager, "done", null),
    ]);
  await db.insert(risks).values({
    subjectId: cast.alice,
    authorId: cast.manager,
    kind: "flight",
    description: "A risk Alice never reads",
    likelihood: 2,
    impact: 2,
  });
  const before = handle.queryCount();
  history = await getMyHistory(db, alice, now);
  ids.statements = String(handle.queryCount() - before);
});
afterAll(() => handle.close());

const byId = (id: string | undefined) => history.find((m) => m.id === id)!;

describe("the report's 1:1 history", () => {
  test("the next 1:1 first, then the held ones newest first; not the later plan, the cancelled one or another pair's", () => {
    expect(history.map((m) => m.id)).toEqual([ids.next, ids.recent, ids.older, ids.withFay]);
    expect(history[0]).toMatchObject({ status: "planned", managerName: "Mo Manager" });
    expect(byId(ids.withFay).managerName).toBe("Fay Former");
  });

  test("shared notes and their own private notes; never the manager's private note", () => {
    const notes = byId(ids.recent).notes;
    expect(notes.map((n) => n.body).sort()).toEqual(["Alice's own reminder", "We agreed on the conference."]);
    expect(notes.find((n) => n.body === "Alice's own reminder")).toMatchObject({ mine: true, visibility: "private" });
    // A former manager's 1:1 is still the report's own.
    expect(byId(ids.withFay).notes.map((n) => n.body)).toEqual(["Fay's handover note"]);
  });

  test("topics with whether they were discussed; the manager's private topic never", () => {
    expect(byId(ids.recent).topics.map((t) => [t.title, t.discussed])).toEqual([
      ["Travel", true],
      ["Not reached", false],
    ]);
    expect(byId(ids.next).topics.map((t) => t.title)).toEqual(["Next time: budget"]);
  });

  test("the follow-ups agreed in each, with their status and whose they are", () => {
    expect(byId(ids.recent).followUps).toEqual([
      expect.objectContaining({ title: "Book the hotel", status: "open", dueOn: "2020-01-01", mine: true }),
      expect.objectContaining({ title: "Approve the budget", status: "done", mine: false, ownerName: "Mo Manager" }),
    ]);
  });

  test("nothing of a risk, anywhere", () => {
    expect(JSON.stringify(history)).not.toContain("A risk Alice never reads");
  });

  test("one statement, however many 1:1s", () => {
    expect(ids.statements).toBe("1");
  });

  test("it is only ever the viewer's own: the manager's history holds none of their report's 1:1s", async () => {
    expect(await getMyHistory(handle.db, mo, now)).toEqual([]);
  });
});
