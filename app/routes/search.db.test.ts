import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { DatabaseHandle } from "#db/client";
import { meetingNotes, meetings } from "#db/schema";
import { useDatabaseForTests } from "~/services/db.server";
import { createCast } from "#tests/setup/db-builders";
import { loaderArgs, statusOf } from "#tests/setup/requests";
import { createTestDatabase } from "#tests/setup/test-database";
import * as history from "./me.history";
import * as accountSearch from "./people.$personId.search";

// The two search routes as their loaders answer: who may ask, and what bad input gets.
let handle: DatabaseHandle;
let cast: Awaited<ReturnType<typeof createCast>>;

beforeAll(async () => {
  handle = await createTestDatabase();
  useDatabaseForTests(handle);
  cast = await createCast(handle.db);
  const [m] = await handle.db
    .insert(meetings)
    .values({
      managerId: cast.manager,
      reportId: cast.alice,
      scheduledAt: new Date(),
      status: "held",
      heldAt: new Date(),
    })
    .returning();
  await handle.db
    .insert(meetingNotes)
    .values({ meetingId: m!.id, authorId: cast.manager, visibility: "shared", body: "Conference in spring" });
});
afterAll(() => handle.close());

const searchAs = (who: string | null, q: string) =>
  loaderArgs(who, `/people/${cast.alice}/search?q=${encodeURIComponent(q)}`, { personId: cast.alice });

describe("the account's search", () => {
  test("the direct manager gets the hits; everyone else the 404 of an account not theirs", async () => {
    const answer = (await accountSearch.loader(await searchAs(cast.manager, "conference"))) as {
      data: { hits: { href: string }[] };
    };
    expect(answer.data.hits).toHaveLength(1);
    expect(answer.data.hits[0]!.href).toMatch(/^\/meetings\//);
    for (const who of [cast.ceo, cast.former, cast.peer, cast.other, cast.hr, cast.admin])
      expect(await statusOf(async () => accountSearch.loader(await searchAs(who, "conference"))), who).toBe(404);
    expect(await statusOf(async () => accountSearch.loader(await searchAs(null, "conference")))).toBe(302);
  });

  test("what cannot be searched is a 400 with its reason, never a 500", async () => {
    for (const q of ["x".repeat(201), "&|!():*", Array.from({ length: 13 }, (_, i) => `w${i}`).join(" ")])
      expect(await statusOf(async () => accountSearch.loader(await searchAs(cast.manager, q)))).toBe(400);
    expect(await statusOf(async () => accountSearch.loader(await searchAs(cast.manager, "")))).toBe(200);
  });
});

describe("the report's history and its search", () => {
  test("answers the report with their 1:1s and hits; a hostile query is a 400", async () => {
    const answer = (await history.loader(await loaderArgs(cast.alice, "/me/history?q=spring"))) as {
      data: { meetings: unknown[]; search: { hits: unknown[] } };
    };
    expect(answer.data.meetings).toHaveLength(1);
    expect(answer.data.search.hits).toHaveLength(1);
    expect(await statusOf(async () => history.loader(await loaderArgs(cast.alice, "/me/history?q=%22%22")))).toBe(400);
    expect(await statusOf(async () => history.loader(await loaderArgs(null, "/me/history")))).toBe(302);
  });
});
