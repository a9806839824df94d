import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { DatabaseHandle } from "#db/client";
import { actionItems, agendaTopics, formSubmissions, goals, meetingNotes, meetings, risks } from "#db/schema";
import { useDatabaseForTests } from "~/services/db.server";
import { writeOnce } from "~/services/submissions.server";
import { createCast } from "#tests/setup/db-builders";
import { actionArgs, statusOf } from "#tests/setup/requests";
import { createTestDatabase } from "#tests/setup/test-database";
import * as goalPage from "./me.goals.new";
import * as meetingPage from "./meetings.$meetingId";
import * as riskPage from "./people.$personId.risks.new";

/**
 * Two identical posts in quick succession (a double click, a resent request)
 * write once: each form carries a key (the forms kit's SubmissionKey) and the
 * action claims it in the same transaction as the write (ADR 031).
 */

let handle: DatabaseHandle;
let cast: Awaited<ReturnType<typeof createCast>>;
let meetingId: string;

beforeAll(async () => {
  handle = await createTestDatabase();
  useDatabaseForTests(handle);
  cast = await createCast(handle.db);
  const [meeting] = await handle.db
    .insert(meetings)
    .values({ managerId: cast.manager, reportId: cast.alice, scheduledAt: new Date(Date.now() + 3 * 86_400_000) })
    .returning();
  meetingId = meeting!.id;
});
afterAll(() => handle.close());

let n = 0;
const newKey = () => `test-seed-${++n}:r${n}:`;
const rows = async (
  table: typeof agendaTopics | typeof meetingNotes | typeof actionItems | typeof goals | typeof risks,
) => (await handle.db.select({ n: count() }).from(table))[0]!.n;

/** Sends the same form twice at once, as a double click does, and returns both statuses. */
async function postTwice(send: () => Promise<unknown>): Promise<number[]> {
  return Promise.all([statusOf(send), statusOf(send)]);
}

const toMeeting = (who: string, form: Record<string, string>) => async () =>
  meetingPage.action(await actionArgs(who, `/meetings/${meetingId}`, form, { meetingId }));

describe("two identical posts write once", () => {
  const cases = [
    { what: "a topic", table: agendaTopics, form: { intent: "add-topic", title: "The conference in spring" } },
    {
      what: "a note",
      table: meetingNotes,
      form: { intent: "add-note", body: "We agreed on May.", visibility: "shared" },
    },
    {
      what: "a follow-up",
      table: actionItems,
      form: { intent: "add-action", title: "Book the hotel", owner: "report" },
    },
  ] as const;

  for (const { what, table, form } of cases) {
    test(`${what} in a 1:1`, async () => {
      const before = await rows(table);
      const key = newKey();
      expect(await postTwice(toMeeting(cast.manager, { ...form, submissionKey: key }))).toEqual([302, 302]);
      expect(await rows(table)).toBe(before + 1);
      // The form's next key (after the save reloaded the page) adds the next one.
      await statusOf(toMeeting(cast.manager, { ...form, submissionKey: newKey() }));
      expect(await rows(table)).toBe(before + 2);
    });
  }

  test("a goal", async () => {
    const before = await rows(goals);
    const form = { title: "Speak at the spring conference", submissionKey: newKey() };
    const send = async () => goalPage.action(await actionArgs(cast.alice, "/me/goals/new", form));
    expect(await postTwice(send)).toEqual([302, 302]);
    expect(await rows(goals)).toBe(before + 1);
  });

  test("a risk", async () => {
    const before = await rows(risks);
    const form = {
      kind: "overload",
      pointKey: "6",
      description: "Three launches in one quarter",
      likelihood: "3",
      impact: "2",
      submissionKey: newKey(),
    };
    const send = async () =>
      riskPage.action(
        await actionArgs(cast.manager, `/people/${cast.alice}/risks/new`, form, { personId: cast.alice }),
      );
    expect(await postTwice(send)).toEqual([302, 302]);
    expect(await rows(risks)).toBe(before + 1);
  });

  test("a key is one person's: the same key from the other side of the 1:1 still writes", async () => {
    const before = await rows(agendaTopics);
    const key = newKey();
    await statusOf(toMeeting(cast.manager, { intent: "add-topic", title: "Mine", submissionKey: key }));
    await statusOf(toMeeting(cast.alice, { intent: "add-topic", title: "Mine too", submissionKey: key }));
    expect(await rows(agendaTopics)).toBe(before + 2);
  });

  test("without a key (or with one no page makes) each post writes, as before", async () => {
    const before = await rows(agendaTopics);
    await postTwice(toMeeting(cast.manager, { intent: "add-topic", title: "No key" }));
    await postTwice(toMeeting(cast.manager, { intent: "add-topic", title: "Bad key", submissionKey: "x" }));
    expect(await rows(agendaTopics)).toBe(before + 4);
  });
});

describe("writeOnce", () => {
  test("a refused write leaves no claim behind: the corrected form, same key, goes through", async () => {
    const key = newKey();
    await expect(
      writeOnce(handle.db, cast.manager, key, new Date(), async () => {
        throw new Error("refused");
      }),
    ).rejects.toThrow("refused");
    const again = await writeOnce(handle.db, cast.manager, key, new Date(), async () => "written");
    expect(again).toEqual({ written: true, result: "written" });
    expect(await writeOnce(handle.db, cast.manager, key, new Date(), async () => "twice")).toEqual({ written: false });
  });

  test("a person's keys older than a day are cleared as new ones come in", async () => {
    const old = newKey();
    const now = new Date();
    await writeOnce(handle.db, cast.peer, old, new Date(now.getTime() - 25 * 3_600_000), async () => null);
    await writeOnce(handle.db, cast.peer, newKey(), now, async () => null);
    const kept = await handle.db
      .select({ key: formSubmissions.key })
      .from(formSubmissions)
      .where(eq(formSubmissions.personId, cast.peer));
    expect(kept.map((r) => r.key)).not.toContain(old);
    expect(kept).toHaveLength(1);
  });
});
