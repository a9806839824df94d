import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { count, eq } from "drizzle-orm";
import type { DatabaseHandle } from "#db/client";
import { auditEvents, commitments } from "#db/schema";
import { useDatabaseForTests } from "~/services/db.server";
import { createCast } from "#tests/setup/db-builders";
import { actionArgs, loaderArgs, statusOf } from "#tests/setup/requests";
import { createTestDatabase } from "#tests/setup/test-database";
import * as page from "./commitments.$commitmentId";
import * as mine from "./me.commitments.new";
import * as forReport from "./people.$personId.commitments.new";

let handle: DatabaseHandle;
const id = {} as Record<string, string> & Awaited<ReturnType<typeof createCast>>;

beforeAll(async () => {
  handle = await createTestDatabase();
  useDatabaseForTests(handle);
  const db = handle.db;
  Object.assign(id, await createCast(db));
});
afterAll(() => handle.close());

const wording = {
  change: "Hand the weekly report to the team",
  painOfDoingNothing: "Friday evenings spent on slides",
  firstStep: "Pair with Sam on this week's report",
  managerSupport: "I will tell the directors who owns it now",
  checkInEveryDays: 14,
};

async function insertCommitment(values: Partial<typeof commitments.$inferInsert> = {}) {
  const [row] = await handle.db
    .insert(commitments)
    .values({ ...wording, personId: id.alice!, createdBy: id.manager!, ...values })
    .returning();
  return row!;
}

const stored = async (commitmentId: string) =>
  (await handle.db.select().from(commitments).where(eq(commitments.id, commitmentId)))[0]!;
const audits = async (commitmentId: string) =>
  (await handle.db.select({ n: count() }).from(auditEvents).where(eq(auditEvents.entityId, commitmentId)))[0]!.n;

const load = async (who: string | null, commitmentId: string) =>
  page.loader(await loaderArgs(who ? id[who]! : null, `/commitments/${commitmentId}`, { commitmentId }));
const post = async (who: string, commitmentId: string, form: Record<string, string>) =>
  page.action(await actionArgs(id[who]!, `/commitments/${commitmentId}`, form, { commitmentId }));

type Reply = { data: { error: Record<string, string[] | null> | null; conflict: unknown }; init: { status: number } };

describe("the commitment page", () => {
  test.each([
    ["alice", 200],
    ["manager", 200],
    ["ceo", 200],
    ["peer", 404],
    ["other", 404],
    ["former", 404],
    ["hr", 404],
    ["admin", 404],
  ])("%s -> %i", async (who, status) => {
    const c = await insertCommitment();
    expect(await statusOf(() => load(who, c.id))).toBe(status);
  });

  test("a stranger is sent to sign in; an unknown or malformed id is a 404, never a 500", async () => {
    const c = await insertCommitment();
    expect(await statusOf(() => load(null, c.id))).toBe(302);
    for (const commitmentId of ["00000000-0000-4000-8000-000000000000", "not-a-uuid", "' or 1=1 --"]) {
      expect(await statusOf(() => load("manager", commitmentId))).toBe(404);
    }
  });

  test("offers each viewer only what they may do: the report answers the remorse check, the skip-level only reads", async () => {
    const proposed = await insertCommitment();
    const forManager = (await load("manager", proposed.id)) as Awaited<ReturnType<typeof page.loader>>;
    expect(forManager).toMatchObject({
      viewerRole: "manager",
      canWrite: true,
      canEdit: true,
      canCheckIn: false,
      nextStates: ["committed", "abandoned"],
      personName: "Alice Report",
    });
    expect(forManager.commitment).toMatchObject({
      change: wording.change,
      state: "proposed",
      description: "proposed: not agreed yet",
    });

    const forCeo = (await load("ceo", proposed.id)) as Awaited<ReturnType<typeof page.loader>>;
    expect(forCeo).toMatchObject({
      viewerRole: "skip-level",
      canWrite: false,
      canEdit: false,
      canCheckIn: false,
      nextStates: [],
    });

    const longAgo = new Date(Date.now() - 60 * 86_400_000);
    const doneAWhileAgo = await insertCommitment({
      state: "done",
      committedAt: longAgo,
      finishedAt: longAgo,
      remorseCheckDueOn: "2000-01-01",
    });
    const forAlice = (await load("alice", doneAWhileAgo.id)) as Awaited<ReturnType<typeof page.loader>>;
    expect(forAlice).toMatchObject({ viewerRole: "report", canAnswerRemorse: true, canEdit: false, nextStates: [] });
    expect(((await load("manager", doneAWhileAgo.id)) as typeof forAlice).canAnswerRemorse).toBe(false);

    const stalled = await insertCommitment({ state: "in_progress", committedAt: longAgo, createdAt: longAgo });
    const stalledView = (await load("alice", stalled.id)) as Awaited<ReturnType<typeof page.loader>>;
    expect(stalledView.commitment).toMatchObject({
      stalled: true,
      description: expect.stringMatching(/^stalled: check-in overdue by 4[56] days$/),
    });
  });
});

describe("acting on a commitment", () => {
  test.each([
    ["alice", 302],
    ["manager", 302],
    ["ceo", 404],
    ["peer", 404],
    ["other", 404],
    ["former", 404],
    ["hr", 404],
    ["admin", 404],
  ])("%s committing -> %i", async (who, status) => {
    const c = await insertCommitment();
    expect(await statusOf(() => post(who, c.id, { intent: "transition", version: "1", to: "committed" }))).toBe(status);
    expect((await stored(c.id)).state).toBe(status === 302 ? "committed" : "proposed");
  });

  test("success goes back where the form came from, or to the commitment", async () => {
    const c = await insertCommitment({ state: "committed", committedAt: new Date() });
    const back = (await post("alice", c.id, {
      intent: "check-in",
      version: "1",
      note: "Paired on it",
      redirectTo: "/me",
    })) as Response;
    expect(back.headers.get("Location")).toBe("/me");
    const stay = (await post("alice", c.id, {
      intent: "check-in",
      version: "2",
      note: "Again",
      redirectTo: "https://evil.example",
    })) as Response;
    expect(stay.headers.get("Location")).toBe(`/commitments/${c.id}`);
  });

  test("an invalid transition is a 400 with the state machine's message, and nothing is written", async () => {
    const c = await insertCommitment();
    const reply = (await post("manager", c.id, { intent: "transition", version: "1", to: "done" })) as unknown as Reply;
    expect(reply.init.status).toBe(400);
    expect(reply.data.error?.[""]).toEqual([
      "A proposed commitment cannot become done. From proposed it can become committed or abandoned.",
    ]);
    expect(await stored(c.id)).toEqual(c);
    expect(await audits(c.id)).toBe(0);
  });

  test.each([
    ["no intent", {}],
    ["an unknown intent", { intent: "delete", version: "1" }],
    ["an unknown state", { intent: "transition", version: "1", to: "stalled" }],
    ["no version", { intent: "transition", to: "committed" }],
    ["a check-in with nothing in it", { intent: "check-in", version: "1" }],
    ["a note too long", { intent: "check-in", version: "1", note: "x".repeat(1001) }],
    ["a wording without the change", { intent: "edit", version: "1", change: "", checkInEveryDays: "14" }],
    ["a cadence out of range", { intent: "edit", version: "1", change: "Fine", checkInEveryDays: "400" }],
    ["a cadence that is not a number", { intent: "edit", version: "1", change: "Fine", checkInEveryDays: "often" }],
    ["a remorse answer that is neither yes nor no", { intent: "remorse", version: "1", stillGlad: "maybe" }],
  ])("a malformed form (%s) is a 400 with field errors, never a 500", async (_label, form) => {
    const c = await insertCommitment({ state: "committed", committedAt: new Date() });
    const reply = (await post("alice", c.id, form as Record<string, string>)) as unknown as Reply;
    expect(reply.init.status).toBe(400);
    expect(Object.values(reply.data.error ?? {}).flat().length).toBeGreaterThan(0);
    expect(await stored(c.id)).toEqual(c);
  });

  test("the check-in refusal lands on the note field", async () => {
    const c = await insertCommitment({ state: "committed", committedAt: new Date() });
    const reply = (await post("alice", c.id, { intent: "check-in", version: "1", note: "" })) as unknown as Reply;
    expect(reply.data.error?.note).toEqual(["Say in a few words how it is going, or tick “first step done”."]);
  });

  test("a stale save is a 409 with what changed, and the typed text is kept", async () => {
    const c = await insertCommitment({ state: "committed", committedAt: new Date() });
    await post("manager", c.id, { intent: "check-in", version: "1", note: "Talked in our 1:1", firstStepDone: "on" });
    const reply = (await post("alice", c.id, {
      intent: "edit",
      version: "1",
      ...wording,
      checkInEveryDays: "7",
      change: "My new wording",
    })) as unknown as Reply & {
      data: { initialValue: Record<string, unknown>; conflict: { changedBy: string; changes: { field: string }[] } };
    };
    expect(reply.init.status).toBe(409);
    expect(reply.data.conflict).toMatchObject({ changedBy: "Mo Manager", currentVersion: 2 });
    expect(reply.data.conflict.changes.map((ch) => ch.field)).toEqual(
      expect.arrayContaining(["state", "firstStepDone"]),
    );
    expect(reply.data.initialValue).toMatchObject({ change: "My new wording" });
    expect(await stored(c.id)).toMatchObject({ change: wording.change, state: "in_progress", version: 2 });
  });

  test("the manager cannot answer the report's remorse check", async () => {
    const longAgo = new Date(Date.now() - 60 * 86_400_000);
    const c = await insertCommitment({
      state: "done",
      committedAt: longAgo,
      finishedAt: longAgo,
      remorseCheckDueOn: "2000-01-01",
    });
    const reply = (await post("manager", c.id, {
      intent: "remorse",
      version: "1",
      stillGlad: "yes",
    })) as unknown as Reply;
    expect(reply.init.status).toBe(400);
    expect(
      await statusOf(() =>
        post("alice", c.id, { intent: "remorse", version: "1", stillGlad: "no", note: "I miss the visibility" }),
      ),
    ).toBe(302);
    expect(await stored(c.id)).toMatchObject({ stillGlad: false, remorseNote: "I miss the visibility" });
  });
});

describe("proposing a change", () => {
  const form = { ...wording, checkInEveryDays: "21" };

  test.each([
    ["manager", 302],
    ["ceo", 404],
    ["alice", 404],
    ["peer", 404],
    ["former", 404],
    ["other", 404],
    ["hr", 404],
    ["admin", 404],
  ])("for a report, as %s -> %i", async (who, status) => {
    const args = await actionArgs(id[who]!, `/people/${id.alice}/commitments/new`, form, { personId: id.alice! });
    expect(await statusOf(() => forReport.action(args))).toBe(status);
    const loaded = await loaderArgs(id[who]!, `/people/${id.alice}/commitments/new`, { personId: id.alice! });
    expect(await statusOf(() => forReport.loader(loaded))).toBe(status === 302 ? 200 : 404);
  });

  test("the manager's proposal is the report's, proposed, and opens on its page", async () => {
    const response = (await forReport.action(
      await actionArgs(id.manager!, "/", { ...form, change: "Run the retro" }, { personId: id.alice! }),
    )) as Response;
    const [row] = await handle.db.select().from(commitments).where(eq(commitments.change, "Run the retro"));
    expect(row).toMatchObject({ personId: id.alice, createdBy: id.manager, state: "proposed", checkInEveryDays: 21 });
    expect(response.headers.get("Location")).toBe(`/commitments/${row!.id}`);
  });

  test("the report proposes their own, which is always theirs", async () => {
    const response = (await mine.action(
      await actionArgs(id.alice!, "/me/commitments/new", { ...form, change: "Mentor a new joiner", redirectTo: "/me" }),
    )) as Response;
    expect(response.headers.get("Location")).toBe("/me");
    const [row] = await handle.db.select().from(commitments).where(eq(commitments.change, "Mentor a new joiner"));
    expect(row).toMatchObject({ personId: id.alice, createdBy: id.alice, state: "proposed" });
  });

  test("a malformed proposal is a 400 with field errors", async () => {
    const bad = { change: "x".repeat(301), checkInEveryDays: "0" };
    const reply = (await mine.action(await actionArgs(id.alice!, "/me/commitments/new", bad))) as unknown as Reply;
    expect(reply.init.status).toBe(400);
    expect(Object.keys(reply.data.error ?? {}).sort()).toEqual(["change", "checkInEveryDays"]);
    const forManager = (await forReport.action(
      await actionArgs(id.manager!, "/", {}, { personId: id.alice! }),
    )) as unknown as Reply;
    expect(forManager.init.status).toBe(400);
  });
});
