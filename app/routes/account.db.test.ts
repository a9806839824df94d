import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { DatabaseHandle } from "#db/client";
import { goals, risks } from "#db/schema";
import { useDatabaseForTests } from "~/services/db.server";
import { createCast } from "#tests/setup/db-builders";
import { actionArgs, loaderArgs, statusOf } from "#tests/setup/requests";
import { createTestDatabase } from "#tests/setup/test-database";
import * as account from "./people.$personId._index";
import * as managerChecklist from "./people.$personId.checklist";
import * as myPeople from "./people._index";

let handle: DatabaseHandle;
const id = {} as Record<string, string> & Awaited<ReturnType<typeof createCast>>;

beforeAll(async () => {
  handle = await createTestDatabase();
  useDatabaseForTests(handle);
  const db = handle.db;
  Object.assign(id, await createCast(db));
  await db.insert(goals).values({ ownerId: id.alice, title: "Run the Q3 planning offsite" });
  await db.insert(risks).values({
    subjectId: id.alice,
    authorId: id.manager,
    kind: "flight",
    description: "Talking to a competitor",
    likelihood: 2,
    impact: 3,
  });
});
afterAll(() => handle.close());

const openAccount = async (who: string | null) =>
  statusOf(async () =>
    account.loader(await loaderArgs(who ? id[who]! : null, `/people/${id.alice}`, { personId: id.alice! })),
  );

describe("the account page", () => {
  test.each([
    ["manager", 200],
    ["ceo", 200],
    ["alice", 404],
    ["peer", 404],
    ["other", 404],
    ["former", 404],
    ["hr", 404],
    ["admin", 404],
  ])("%s -> %i", async (who, status) => {
    expect(await openAccount(who)).toBe(status);
  });

  test("a stranger is sent to sign in", async () => {
    expect(await openAccount(null)).toBe(302);
  });

  test("the manager gets the account; the skip-level manager reads it without the right to change it", async () => {
    const forManager = (await account.loader(
      await loaderArgs(id.manager!, `/people/${id.alice}`, { personId: id.alice! }),
    )) as Awaited<ReturnType<typeof account.loader>>;
    expect(forManager.goals.map((g) => g.title)).toEqual(["Run the Q3 planning offsite"]);
    expect(forManager.canManage).toBe(true);
    const forCeo = (await account.loader(
      await loaderArgs(id.ceo!, `/people/${id.alice}`, { personId: id.alice! }),
    )) as Awaited<ReturnType<typeof account.loader>>;
    expect(forCeo.canManage).toBe(false);
  });

  test("an unknown or malformed id is a 404, never a 500", async () => {
    for (const personId of ["00000000-0000-4000-8000-000000000000", "not-a-uuid", "' or 1=1 --"]) {
      expect(await statusOf(async () => account.loader(await loaderArgs(id.manager!, `/people/x`, { personId })))).toBe(
        404,
      );
    }
  });
});

describe("rating the checklist as manager", () => {
  const form = { "entries[0].pointKey": "3", "entries[0].rating": "4", "entries[0].note": "Strong quarter" };
  test.each([
    ["manager", 302],
    ["ceo", 404],
    ["alice", 404],
    ["peer", 404],
    ["former", 404],
    ["hr", 404],
    ["admin", 404],
  ])("%s -> %i", async (who, status) => {
    expect(
      await statusOf(async () =>
        managerChecklist.action(
          await actionArgs(id[who]!, `/people/${id.alice}/checklist`, form, { personId: id.alice! }),
        ),
      ),
    ).toBe(status);
  });

  test("a saved rating returns to the account's checklist with a confirmation to show", async () => {
    const saved = (await managerChecklist.action(
      await actionArgs(id.manager!, `/people/${id.alice}/checklist`, form, { personId: id.alice! }),
    )) as Response;
    expect(saved.headers.get("Location")).toBe(`/people/${id.alice}?rated=1#checklist`);
  });

  test("a malformed form is a 400 with messages, not a 500", async () => {
    const bad = {
      "entries[0].pointKey": "3",
      "entries[0].rating": "9",
      "entries[1].pointKey": "14",
      "entries[1].rating": "2",
    };
    expect(
      await statusOf(async () =>
        managerChecklist.action(await actionArgs(id.manager!, "/", bad, { personId: id.alice! })),
      ),
    ).toBe(400);
    expect(
      await statusOf(async () =>
        managerChecklist.action(await actionArgs(id.manager!, "/", {}, { personId: id.alice! })),
      ),
    ).toBe(400);
  });
});

describe("My people", () => {
  test("lists only the viewer's own direct reports, for anyone", async () => {
    const rows = async (who: string) =>
      (
        (await myPeople.loader(await loaderArgs(id[who]!, "/people"))) as Awaited<ReturnType<typeof myPeople.loader>>
      ).rows
        .map((r) => r.name)
        .sort();
    expect(await rows("manager")).toEqual(["Alice Report", "Pat Peer"]);
    expect(await rows("former")).toEqual([]);
    expect(await rows("alice")).toEqual([]);
    expect(await rows("hr")).toEqual([]);
  });
});
