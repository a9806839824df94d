import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { count, eq } from "drizzle-orm";
import type { DatabaseHandle } from "#db/client";
import { risks } from "#db/schema";
import { useDatabaseForTests } from "~/services/db.server";
import { createCast } from "#tests/setup/db-builders";
import { actionArgs, loaderArgs, statusOf } from "#tests/setup/requests";
import { createTestDatabase } from "#tests/setup/test-database";
import * as riskPage from "./people.$personId.risks.$riskId";
import * as newRisk from "./people.$personId.risks.new";

let handle: DatabaseHandle;
const id = {} as Record<string, string> & Awaited<ReturnType<typeof createCast>>;

beforeAll(async () => {
  handle = await createTestDatabase();
  useDatabaseForTests(handle);
  const db = handle.db;
  Object.assign(id, await createCast(db));
  id.risk = await insertRisk(id.alice, "Talking to a competitor");
  id.peerRisk = await insertRisk(id.peer, "Overloaded by the migration");
});
afterAll(() => handle.close());

async function insertRisk(subjectId: string, description: string) {
  const [row] = await handle.db
    .insert(risks)
    .values({ subjectId, authorId: id.manager!, kind: "flight", pointKey: 14, description, likelihood: 2, impact: 3 })
    .returning({ id: risks.id });
  return row!.id;
}

const newPath = () => `/people/${id.alice}/risks/new`;
const riskPath = (riskId = id.risk!) => `/people/${id.alice}/risks/${riskId}`;
const riskParams = (riskId = id.risk!) => ({ personId: id.alice!, riskId });
const asWho = (who: string | null) => (who ? id[who]! : null);

const validRisk = {
  kind: "overload",
  pointKey: "6",
  description: "Three launches in one quarter",
  likelihood: "3",
  impact: "2",
  mitigation: "Move the importer to next quarter",
  reviewOn: "2026-05-01",
};

const storedRisk = async (riskId = id.risk!) => (await handle.db.select().from(risks).where(eq(risks.id, riskId)))[0]!;
const riskCount = async () => (await handle.db.select({ n: count() }).from(risks))[0]!.n;

type Reply = {
  error?: Record<string, string[] | null>;
  initialValue?: Record<string, unknown>;
  conflict: { currentVersion: number } | null;
};
const replyOf = (result: unknown) => (result as { data: Reply }).data;

describe("recording a risk: the direct manager only", () => {
  const loadAs = async (who: string | null) =>
    statusOf(async () => newRisk.loader(await loaderArgs(asWho(who), newPath(), { personId: id.alice! })));

  test.each([
    ["manager", 200],
    ["ceo", 404],
    ["alice", 404],
    ["peer", 404],
    ["other", 404],
    ["former", 404],
    ["hr", 404],
    ["admin", 404],
    [null, 302],
  ])("the form for %s -> %i", async (who, status) => {
    expect(await loadAs(who)).toBe(status);
  });

  test("the form offers the fifteen points and takes a preselection from the link", async () => {
    const result = (await newRisk.loader(
      await loaderArgs(id.manager!, `${newPath()}?kind=flight&point=14`, { personId: id.alice! }),
    )) as Awaited<ReturnType<typeof newRisk.loader>>;
    expect(result.points).toHaveLength(15);
    expect(result.initial).toEqual({ kind: "flight", pointKey: 14 });
    const junk = (await newRisk.loader(
      await loaderArgs(id.manager!, `${newPath()}?kind=nope&point=99`, { personId: id.alice! }),
    )) as Awaited<ReturnType<typeof newRisk.loader>>;
    expect(junk.initial).toEqual({ kind: undefined, pointKey: undefined });
  });

  test.each(["ceo", "alice", "peer", "other", "former", "hr", "admin"])(
    "%s posting a risk gets 404 and nothing is written",
    async (who) => {
      const before = await riskCount();
      expect(
        await statusOf(async () =>
          newRisk.action(await actionArgs(id[who]!, newPath(), validRisk, { personId: id.alice! })),
        ),
      ).toBe(404);
      expect(await riskCount()).toBe(before);
    },
  );

  test("the manager's risk is saved and they are sent back to the account's risks", async () => {
    const before = await riskCount();
    const response = (await newRisk.action(
      await actionArgs(id.manager!, newPath(), validRisk, { personId: id.alice! }),
    )) as Response;
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe(`/people/${id.alice}#risks`);
    expect(await riskCount()).toBe(before + 1);
  });

  test("a malformed form is a 400 with a message per field, never a 500", async () => {
    const bad = {
      kind: "gossip",
      pointKey: "16",
      description: "  ",
      likelihood: "7",
      impact: "high",
      reviewOn: "soon",
    };
    const result = await newRisk.action(await actionArgs(id.manager!, newPath(), bad, { personId: id.alice! }));
    expect(await statusOf(async () => result)).toBe(400);
    const { error } = replyOf(result);
    expect(Object.keys(error ?? {}).sort()).toEqual([
      "description",
      "impact",
      "kind",
      "likelihood",
      "pointKey",
      "reviewOn",
    ]);
    expect(
      await statusOf(async () => newRisk.action(await actionArgs(id.manager!, newPath(), {}, { personId: id.alice! }))),
    ).toBe(400);
  });

  test("an oversized description is a 400 on its field", async () => {
    const result = await newRisk.action(
      await actionArgs(
        id.manager!,
        newPath(),
        { ...validRisk, description: "x".repeat(2001) },
        { personId: id.alice! },
      ),
    );
    expect(await statusOf(async () => result)).toBe(400);
    expect(replyOf(result).error?.description).toEqual(["What could happen can be at most 2000 characters."]);
  });

  test("an unknown or malformed person is a 404", async () => {
    for (const personId of ["00000000-0000-4000-8000-000000000000", "not-a-uuid"]) {
      expect(await statusOf(async () => newRisk.loader(await loaderArgs(id.manager!, "/", { personId })))).toBe(404);
      expect(
        await statusOf(async () => newRisk.action(await actionArgs(id.manager!, "/", validRisk, { personId }))),
      ).toBe(404);
    }
  });
});

describe("a risk's page", () => {
  const loadAs = async (who: string | null, riskId = id.risk!) =>
    statusOf(async () => riskPage.loader(await loaderArgs(asWho(who), riskPath(riskId), riskParams(riskId))));
  const load = async (who: string) =>
    (await riskPage.loader(await loaderArgs(id[who]!, riskPath(), riskParams()))) as Awaited<
      ReturnType<typeof riskPage.loader>
    >;

  test.each([
    ["manager", 200],
    ["ceo", 200],
    ["alice", 404],
    ["peer", 404],
    ["other", 404],
    ["former", 404],
    ["hr", 404],
    ["admin", 404],
    [null, 302],
  ])("%s -> %i", async (who, status) => {
    expect(await loadAs(who)).toBe(status);
  });

  test("the report never gets their risk, whichever way they ask", async () => {
    await expect(riskPage.loader(await loaderArgs(id.alice!, riskPath(), riskParams()))).rejects.toMatchObject({
      status: 404,
    });
    const edit = { intent: "edit", version: "1", ...validRisk };
    await expect(riskPage.action(await actionArgs(id.alice!, riskPath(), edit, riskParams()))).rejects.toMatchObject({
      status: 404,
    });
    await expect(newRisk.loader(await loaderArgs(id.alice!, newPath(), { personId: id.alice! }))).rejects.toMatchObject(
      { status: 404 },
    );
  });

  test("the manager gets the risk and the forms; the skip-level manager reads it without them", async () => {
    const forManager = await load("manager");
    expect(forManager.risk).toMatchObject({
      id: id.risk,
      description: "Talking to a competitor",
      authorName: "Mo Manager",
    });
    expect(forManager).toMatchObject({ canWrite: true, pointTitle: expect.any(String), name: "Alice Report" });
    expect(forManager.points).toHaveLength(15);
    const forCeo = await load("ceo");
    expect(forCeo.risk.id).toBe(id.risk);
    expect(forCeo).toMatchObject({ canWrite: false, points: [] });
  });

  test("a risk of someone else, an unknown risk or a malformed id is a 404", async () => {
    expect(await loadAs("manager", id.peerRisk)).toBe(404);
    expect(await loadAs("manager", "00000000-0000-4000-8000-000000000000")).toBe(404);
    expect(await loadAs("manager", "not-a-uuid")).toBe(404);
    const close = { intent: "close", version: "1" };
    expect(
      await statusOf(async () =>
        riskPage.action(await actionArgs(id.manager!, riskPath(id.peerRisk), close, riskParams(id.peerRisk))),
      ),
    ).toBe(404);
    expect(
      await statusOf(async () => riskPage.action(await actionArgs(id.manager!, riskPath("x"), close, riskParams("x")))),
    ).toBe(404);
    expect((await storedRisk(id.peerRisk)).status).toBe("open");
  });
});

describe("changing a risk from its page", () => {
  const post = async (who: string, form: Record<string, string>, riskId = id.risk!) =>
    riskPage.action(await actionArgs(id[who]!, riskPath(riskId), form, riskParams(riskId)));

  test.each(["ceo", "alice", "peer", "other", "former", "hr", "admin"])(
    "%s gets 404 for every intent and nothing changes",
    async (who) => {
      const riskId = await insertRisk(id.alice!, `Untouched by ${who}`);
      for (const form of [
        { intent: "edit", version: "1", ...validRisk },
        { intent: "review", version: "1" },
        { intent: "close", version: "1" },
        { intent: "reopen", version: "1" },
      ]) {
        expect(await statusOf(() => post(who, form, riskId))).toBe(404);
      }
      expect(await storedRisk(riskId)).toMatchObject({ version: 1, status: "open", lastReviewedAt: null });
    },
  );

  test("the manager edits, reviews, closes and reopens, each time back to the account", async () => {
    const riskId = await insertRisk(id.alice!, "Unsure about the new team");
    const steps: Record<string, string>[] = [
      { intent: "edit", version: "1", ...validRisk },
      { intent: "review", version: "2", note: "Settling in", nextReviewOn: "2099-01-01" },
      { intent: "close", version: "3", note: "Settled" },
      { intent: "reopen", version: "4" },
    ];
    for (const form of steps) {
      const response = (await post("manager", form, riskId)) as Response;
      expect(response.status).toBe(302);
      expect(response.headers.get("Location")).toBe(`/people/${id.alice}#risks`);
    }
    expect(await storedRisk(riskId)).toMatchObject({
      version: 5,
      status: "open",
      closedAt: null,
      kind: "overload",
      reviewOn: "2099-01-01",
    });
  });

  test("a stale save is a 409 with the version now stored, and the typed text kept", async () => {
    const riskId = await insertRisk(id.alice!, "Quiet in meetings");
    expect(
      await statusOf(() =>
        post("manager", { intent: "edit", version: "1", ...validRisk, description: "First tab" }, riskId),
      ),
    ).toBe(302);
    const result = await post(
      "manager",
      { intent: "edit", version: "1", ...validRisk, description: "Second tab's words" },
      riskId,
    );
    expect(await statusOf(async () => result)).toBe(409);
    const reply = replyOf(result);
    expect(reply.conflict).toMatchObject({ currentVersion: 2, changedBy: "Mo Manager" });
    expect(reply.initialValue).toMatchObject({ description: "Second tab's words" });
    expect((await storedRisk(riskId)).description).toBe("First tab");
  });

  test.each([
    ["no intent", { version: "1" }],
    ["an unknown intent", { intent: "delete", version: "1" }],
    ["no version", { intent: "close" }],
    ["a version that is not a number", { intent: "close", version: "abc" }],
    ["a bad edit", { intent: "edit", version: "1", kind: "gossip", likelihood: "0", impact: "4", description: "" }],
    ["an oversized description", { intent: "edit", version: "1", ...validRisk, description: "y".repeat(2001) }],
    ["a review date that is not a date", { intent: "review", version: "1", nextReviewOn: "next week" }],
  ])("%s is a 400, never a 500", async (_label, form) => {
    const result = await post("manager", form);
    expect(await statusOf(async () => result)).toBe(400);
    expect(Object.keys(replyOf(result).error ?? {}).length).toBeGreaterThan(0);
    expect(await storedRisk()).toMatchObject({ version: 1 });
  });

  test("a next review in the past is a 400 on its field", async () => {
    const result = await post("manager", { intent: "review", version: "1", nextReviewOn: "2001-01-01" });
    expect(await statusOf(async () => result)).toBe(400);
    expect(replyOf(result).error?.nextReviewOn).toEqual(["The next review must be after today."]);
  });

  test("reopening an open risk is a 400 with a message, not a 500", async () => {
    const result = await post("manager", { intent: "reopen", version: "1" });
    expect(await statusOf(async () => result)).toBe(400);
    expect(replyOf(result).error?.[""]).toEqual(["This risk is already open."]);
  });
});
