import { sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import type { DatabaseHandle } from "#db/client";
import { accessCounts, accessReceipts, commitments, meetings, meetingSeries, risks } from "#db/schema";
import { createCast } from "#tests/setup/db-builders";
import { actionArgs, loaderArgs, statusOf } from "#tests/setup/requests";
import { createTestDatabase } from "#tests/setup/test-database";
import { isoWeekStart, TARGET_WORDS } from "~/domain/access-receipts";
import { ACCESS_TARGETS } from "~/domain/enums";
import { recordAccessReceipt } from "~/services/access-receipts.server";
import { useDatabaseForTests } from "~/services/db.server";
import * as adminPerson from "./admin.people.$personId";
import * as commitmentPage from "./commitments.$commitmentId";
import * as meetingPage from "./meetings.$meetingId";
import * as meetingCalendar from "./meetings.$meetingId_.calendar[.ics]";
import * as privacy from "./me.privacy";
import * as pairLink from "./one-on-ones.$pairId";
import * as account from "./people.$personId._index";
import * as checklistPage from "./people.$personId.checklist";
import * as rhythmCalendar from "./people.$personId.rhythm.calendar[.ics]";
import * as rhythmPage from "./people.$personId.rhythm";
import * as riskPage from "./people.$personId.risks.$riskId";
import * as searchPage from "./people.$personId.search";

let handle: DatabaseHandle;
const id = {} as Record<string, string> & Awaited<ReturnType<typeof createCast>>;
let commitmentId = "";
let meetingId = "";
let riskId = "";
let pairId = "";

beforeAll(async () => {
  handle = await createTestDatabase();
  useDatabaseForTests(handle);
  Object.assign(id, await createCast(handle.db));
  const [commitment] = await handle.db
    .insert(commitments)
    .values({
      personId: id.alice!,
      createdBy: id.manager!,
      change: "Lead the planning review",
      painOfDoingNothing: "Nobody else knows the numbers",
      firstStep: "Sit in on the next review",
      managerSupport: "I will introduce you",
      checkInEveryDays: 14,
    })
    .returning({ id: commitments.id });
  commitmentId = commitment!.id;
  const [meeting] = await handle.db
    .insert(meetings)
    .values({ managerId: id.manager!, reportId: id.alice!, scheduledAt: new Date(Date.now() + 3 * 86_400_000) })
    .returning({ id: meetings.id });
  meetingId = meeting!.id;
  // Written after the cast's change of manager, so the manager and the manager's manager both read it.
  const [risk] = await handle.db
    .insert(risks)
    .values({
      subjectId: id.alice!,
      authorId: id.manager!,
      kind: "flight",
      pointKey: 14,
      description: "Talks of leaving",
      likelihood: 2,
      impact: 3,
    })
    .returning({ id: risks.id });
  riskId = risk!.id;
  const [pair] = await handle.db
    .insert(meetingSeries)
    .values({ managerId: id.manager!, reportId: id.alice!, intervalDays: 14 })
    .returning({ id: meetingSeries.id });
  pairId = pair!.id;
});
afterAll(() => handle.close());

// Each test starts from no receipts; the test database lets its reset (replica role) empty them.
beforeEach(async () => {
  await handle.db.transaction(async (tx) => {
    await tx.execute(sql`set local session_replication_role = replica`);
    await tx.execute(sql`delete from access_receipts`);
    await tx.execute(sql`delete from access_counts`);
  });
});

const openAccount = async (who: string) =>
  statusOf(async () => account.loader(await loaderArgs(id[who]!, `/people/${id.alice}`, { personId: id.alice! })));
const openCommitment = async (who: string) =>
  statusOf(async () =>
    commitmentPage.loader(await loaderArgs(id[who]!, `/commitments/${commitmentId}`, { commitmentId })),
  );
const openMeeting = async (who: string) =>
  statusOf(async () => meetingPage.loader(await loaderArgs(id[who]!, `/meetings/${meetingId}`, { meetingId })));
const openAdminPage = async (who: string, personId = id.alice!) =>
  statusOf(async () => adminPerson.loader(await loaderArgs(id[who]!, `/admin/people/${personId}`, { personId })));

/** The database's own refusal, under drizzle's "Failed query" wrapper. */
async function refusal(run: Promise<unknown>): Promise<string> {
  try {
    await run;
  } catch (error) {
    const { message, cause } = error as { message: string; cause?: { message?: string } };
    return `${message} ${cause?.message ?? ""}`;
  }
  return "not refused";
}

const receipts = () =>
  handle.db
    .select({
      subjectId: accessReceipts.subjectId,
      readerId: accessReceipts.readerId,
      readerName: accessReceipts.readerName,
      role: accessReceipts.role,
      target: accessReceipts.target,
      recordId: accessReceipts.recordId,
    })
    .from(accessReceipts)
    .orderBy(accessReceipts.readAt);
const counts = () => handle.db.select().from(accessCounts);

describe("a skip-level manager's read", () => {
  test("of the account writes a receipt with who, in what role, what", async () => {
    expect(await openAccount("ceo")).toBe(200);
    expect(await receipts()).toEqual([
      {
        subjectId: id.alice,
        readerId: id.ceo,
        readerName: "Cleo Ceo",
        role: "skip-level-manager",
        target: "account",
        recordId: null,
      },
    ]);
    expect(await counts()).toEqual([]);
  });

  test("of a commitment names the commitment; every view is its own receipt", async () => {
    expect(await openCommitment("ceo")).toBe(200);
    expect(await openCommitment("ceo")).toBe(200);
    const rows = await receipts();
    expect(rows).toHaveLength(2);
    expect(rows.every((r) => r.target === "commitment" && r.recordId === commitmentId)).toBe(true);
  });

  test("shows on the report's /me/privacy, and on nobody else's", async () => {
    await openAccount("ceo");
    const page = (await privacy.loader(await loaderArgs(id.alice!, "/me/privacy"))) as Awaited<
      ReturnType<typeof privacy.loader>
    >;
    expect(page.receipts.map((r) => [r.readerName, r.role, r.target])).toEqual([
      ["Cleo Ceo", "skip-level-manager", "account"],
    ]);
    expect(page.total).toBe(1);
    const theirs = (await privacy.loader(await loaderArgs(id.peer!, "/me/privacy"))) as Awaited<
      ReturnType<typeof privacy.loader>
    >;
    expect(theirs.receipts).toEqual([]);
  });
});

describe("the direct manager's reads", () => {
  test("are counted per week, across account, commitments and 1:1s, never listed", async () => {
    expect(await openAccount("manager")).toBe(200);
    expect(await openAccount("manager")).toBe(200);
    expect(await openCommitment("manager")).toBe(200);
    expect(await openMeeting("manager")).toBe(200);
    expect(await receipts()).toEqual([]);
    const rows = await counts();
    expect(rows.map((r) => [r.subjectId, r.readerId, r.readerName, r.weekStart, r.reads])).toEqual([
      [id.alice, id.manager, "Mo Manager", isoWeekStart(new Date()), 4],
    ]);
    const page = (await privacy.loader(await loaderArgs(id.alice!, "/me/privacy"))) as Awaited<
      ReturnType<typeof privacy.loader>
    >;
    expect(page.counts).toEqual([
      { readerId: id.manager, readerName: "Mo Manager", weekStart: isoWeekStart(new Date()), reads: 4 },
    ]);
  });
});

test("the person's own reads write nothing", async () => {
  expect(await openCommitment("alice")).toBe(200);
  expect(await openMeeting("alice")).toBe(200);
  expect(await receipts()).toEqual([]);
  expect(await counts()).toEqual([]);
});

test("a refused read writes nothing: a 404 is not a read", async () => {
  expect(await openAccount("peer")).toBe(404);
  expect(await openAccount("admin")).toBe(404);
  expect(await openAdminPage("admin", "00000000-0000-4000-8000-000000000000")).toBe(404);
  expect(await receipts()).toEqual([]);
});

describe("an admin's read of the person's record", () => {
  test("writes one receipt, as an admin", async () => {
    expect(await openAdminPage("admin")).toBe(200);
    expect(await receipts()).toEqual([
      {
        subjectId: id.alice,
        readerId: id.admin,
        readerName: "Adam Admin",
        role: "admin",
        target: "person-record",
        recordId: null,
      },
    ]);
  });
  test("of their own record writes nothing", async () => {
    expect(await openAdminPage("admin", id.admin!)).toBe(200);
    expect(await receipts()).toEqual([]);
  });
});

test("an export names every person it includes, in one statement", async () => {
  await handle.db.transaction((tx) =>
    recordAccessReceipt(tx, {
      subjectIds: [id.alice!, id.peer!, id.admin!],
      reader: { id: id.admin!, name: "Adam Admin" },
      role: "export",
      target: "export",
    }),
  );
  const rows = await receipts();
  // The admin is in their own export; that is their own read, so it leaves nothing.
  expect(rows.map((r) => r.subjectId).sort()).toEqual([id.alice, id.peer].sort());
});

/** The other pages about a person, each opened through its real loader as `who`. */
const pages = {
  risk: (who: string, risk = riskId) =>
    statusOf(async () =>
      riskPage.loader(
        await loaderArgs(id[who]!, `/people/${id.alice}/risks/${risk}`, { personId: id.alice!, riskId: risk }),
      ),
    ),
  checklist: (who: string) =>
    statusOf(async () =>
      checklistPage.loader(await loaderArgs(id[who]!, `/people/${id.alice}/checklist`, { personId: id.alice! })),
    ),
  rhythm: (who: string) =>
    statusOf(async () =>
      rhythmPage.loader(await loaderArgs(id[who]!, `/people/${id.alice}/rhythm`, { personId: id.alice! })),
    ),
  rhythmCalendar: (who: string) =>
    statusOf(async () =>
      rhythmCalendar.loader(
        await loaderArgs(id[who]!, `/people/${id.alice}/rhythm/calendar.ics`, { personId: id.alice! }),
      ),
    ),
  search: (who: string, q = "planning") =>
    statusOf(async () =>
      searchPage.loader(
        await loaderArgs(id[who]!, `/people/${id.alice}/search?q=${encodeURIComponent(q)}`, { personId: id.alice! }),
      ),
    ),
  meetingCalendar: (who: string) =>
    statusOf(async () =>
      meetingCalendar.loader(await loaderArgs(id[who]!, `/meetings/${meetingId}/calendar.ics`, { meetingId })),
    ),
};
type Page = keyof typeof pages;

describe("the other pages about a person", () => {
  test("a skip-level read of a risk is listed as a read of the account, naming no risk", async () => {
    expect(await pages.risk("ceo")).toBe(200);
    expect(await receipts()).toEqual([
      {
        subjectId: id.alice,
        readerId: id.ceo,
        readerName: "Cleo Ceo",
        role: "skip-level-manager",
        target: "account",
        recordId: null,
      },
    ]);
    expect(await counts()).toEqual([]);
  });

  // The checklist's rating page, the rhythm, its calendar file, the search and the 1:1's calendar file are
  // the direct manager's (and the 1:1's, the report's) alone: a skip-level manager is refused before any read.
  test.each<Page>(["checklist", "rhythm", "rhythmCalendar", "search", "meetingCalendar"])(
    "a skip-level read of %s is refused and leaves nothing",
    async (page) => {
      expect(await pages[page]("ceo")).toBe(404);
      expect(await receipts()).toEqual([]);
      expect(await counts()).toEqual([]);
    },
  );

  test("the direct manager's reads of each are counted in the week, never listed", async () => {
    for (const page of Object.keys(pages) as Page[]) expect([page, await pages[page]("manager")]).toEqual([page, 200]);
    expect(await receipts()).toEqual([]);
    expect((await counts()).map((r) => [r.subjectId, r.readerId, r.weekStart, r.reads])).toEqual([
      [id.alice, id.manager, isoWeekStart(new Date()), Object.keys(pages).length],
    ]);
  });

  test("the person's own reads leave nothing (their search, their 1:1's file; the rest refuse them)", async () => {
    expect(await pages.search("alice")).toBe(200);
    expect(await pages.meetingCalendar("alice")).toBe(200);
    for (const page of ["risk", "checklist", "rhythm", "rhythmCalendar"] as const)
      expect(await pages[page]("alice")).toBe(404);
    expect(await receipts()).toEqual([]);
    expect(await counts()).toEqual([]);
  });

  test("a stranger's read is a 404 and leaves nothing; so does a risk that is not there", async () => {
    for (const page of Object.keys(pages) as Page[])
      for (const who of ["peer", "other", "hr", "admin"])
        expect([page, who, await pages[page](who)]).toEqual([page, who, 404]);
    expect(await pages.risk("ceo", "00000000-0000-4000-8000-000000000000")).toBe(404);
    expect(await pages.risk("manager", "00000000-0000-4000-8000-000000000000")).toBe(404);
    expect(await receipts()).toEqual([]);
    expect(await counts()).toEqual([]);
  });

  test("an empty or refused search read nothing of theirs, so it leaves nothing", async () => {
    expect(await pages.search("manager", "")).toBe(200);
    expect(await pages.search("manager", "!!!")).toBe(400);
    expect(await counts()).toEqual([]);
  });

  test("the pair's lasting link only redirects: the 1:1 it opens counts, the link does not", async () => {
    const answer = await pairLink.loader(await loaderArgs(id.manager!, `/one-on-ones/${pairId}`, { pairId }));
    expect(answer.status).toBe(302);
    expect(answer.headers.get("Location")).toBe(`/meetings/${meetingId}`);
    expect(await receipts()).toEqual([]);
    expect(await counts()).toEqual([]);
  });

  test("the report's /me/privacy says what was read in words, and counts without naming a page", async () => {
    await pages.risk("ceo");
    await pages.risk("manager");
    const page = (await privacy.loader(await loaderArgs(id.alice!, "/me/privacy"))) as Awaited<
      ReturnType<typeof privacy.loader>
    >;
    expect(page.receipts.map((r) => [r.readerName, r.target, r.recordId])).toEqual([["Cleo Ceo", "account", null]]);
    expect(page.counts.map((c) => c.reads)).toEqual([1]);
  });
});

test("the database takes a receipt of every kind of page the app names, and the person's page has words for each", async () => {
  await handle.db.transaction(async (tx) => {
    for (const target of ACCESS_TARGETS)
      await recordAccessReceipt(tx, {
        subjectIds: [id.alice!],
        reader: { id: id.ceo!, name: "Cleo Ceo" },
        role: "other",
        target,
      });
  });
  expect((await receipts()).map((r) => r.target).sort()).toEqual([...ACCESS_TARGETS].sort());
  for (const target of ACCESS_TARGETS) expect(TARGET_WORDS[target]).toMatch(/\byour?\b/);
});

describe("a receipt that cannot be written fails the read", () => {
  const failing = async (table: "access_receipts" | "access_counts", run: () => Promise<number>) => {
    await handle.db.execute(
      sql.raw(`create function rapport_test_refuse() returns trigger language plpgsql as $$
        begin raise exception 'receipts are down'; end $$`),
    );
    await handle.db.execute(
      sql.raw(
        `create trigger rapport_test_refuse before insert or update on ${table} for each row execute function rapport_test_refuse()`,
      ),
    );
    try {
      expect(await refusal(run())).toMatch(/receipts are down/);
    } finally {
      await handle.db.execute(sql.raw(`drop trigger rapport_test_refuse on ${table}`));
      await handle.db.execute(sql.raw(`drop function rapport_test_refuse()`));
    }
  };
  test("a skip-level read of the account", async () => {
    await failing("access_receipts", () => openAccount("ceo"));
    expect(await receipts()).toEqual([]);
  });
  test("an admin's read of the record", async () => {
    await failing("access_receipts", () => openAdminPage("admin"));
  });
  test("a skip-level read of a risk", async () => {
    await failing("access_receipts", () => pages.risk("ceo"));
  });
  test("the direct manager's count of the checklist", async () => {
    await failing("access_counts", () => pages.checklist("manager"));
  });
  test("the direct manager's count", async () => {
    await failing("access_counts", () => openMeeting("manager"));
    expect(await counts()).toEqual([]);
  });
});

describe("nobody changes or removes a receipt, through the app's own connection", () => {
  test("UPDATE and DELETE of a receipt are refused", async () => {
    await openAccount("ceo");
    expect(await refusal(handle.db.update(accessReceipts).set({ readerName: "Nobody" }))).toMatch(
      /cannot be changed or deleted/,
    );
    expect(await refusal(handle.db.delete(accessReceipts))).toMatch(/cannot be changed or deleted/);
    expect(await refusal(handle.db.execute(sql`delete from access_receipts where subject_id = ${id.alice}`))).toMatch(
      /cannot be changed or deleted/,
    );
    expect(await receipts()).toHaveLength(1);
  });

  test("a week's count only ever goes up", async () => {
    await openAccount("manager");
    await openAccount("manager");
    expect(await refusal(handle.db.update(accessCounts).set({ reads: 1 }))).toMatch(/only ever counted up/);
    expect(await refusal(handle.db.update(accessCounts).set({ readerName: "Nobody" }))).toMatch(/only ever counted up/);
    expect(await refusal(handle.db.delete(accessCounts))).toMatch(/only ever counted up/);
    expect((await counts()).map((r) => r.reads)).toEqual([2]);
  });
});

test("/me/privacy refuses every POST, the admin's too, and the receipts stay", async () => {
  await openAccount("ceo");
  for (const who of ["admin", "alice"]) {
    const args = await actionArgs(id[who]!, "/me/privacy", { intent: "delete", subjectId: id.alice! });
    expect(await statusOf(() => privacy.action(args))).toBe(405);
  }
  expect(await receipts()).toHaveLength(1);
});
