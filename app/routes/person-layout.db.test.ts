import type { LoaderFunctionArgs } from "@remix-run/node";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { DatabaseHandle } from "#db/client";
import { risks } from "#db/schema";
import { useDatabaseForTests } from "~/services/db.server";
import { createCast } from "#tests/setup/db-builders";
import { loaderArgs, statusOf } from "#tests/setup/requests";
import { createTestDatabase } from "#tests/setup/test-database";
import * as layout from "./people.$personId";
import * as account from "./people.$personId._index";
import * as checklist from "./people.$personId.checklist";
import * as proposal from "./people.$personId.commitments.new";
import * as rhythm from "./people.$personId.rhythm";
import * as rhythmCalendar from "./people.$personId.rhythm.calendar[.ics]";
import * as risk from "./people.$personId.risks.$riskId";
import * as newRisk from "./people.$personId.risks.new";

let handle: DatabaseHandle;
const id = {} as Record<string, string> & Awaited<ReturnType<typeof createCast>>;

beforeAll(async () => {
  handle = await createTestDatabase();
  useDatabaseForTests(handle);
  Object.assign(id, await createCast(handle.db));
  const [row] = await handle.db
    .insert(risks)
    .values({
      subjectId: id.alice,
      authorId: id.manager,
      kind: "flight",
      description: "Talking to a competitor",
      likelihood: 2,
      impact: 3,
    })
    .returning({ id: risks.id });
  id.risk = row!.id;
});
afterAll(() => handle.close());

type Loader = (args: LoaderFunctionArgs) => Promise<unknown>;
const open = async (loader: Loader, who: string | null, personId = id.alice!) =>
  statusOf(async () =>
    loader(await loaderArgs(who ? id[who]! : null, `/people/${personId}`, { personId, riskId: id.risk! })),
  );

const PAGES: [string, Loader][] = [
  ["account", account.loader],
  ["checklist", checklist.loader],
  ["proposal", proposal.loader],
  ["rhythm", rhythm.loader],
  ["rhythm calendar", rhythmCalendar.loader],
  ["risk", risk.loader],
  ["new risk", newRisk.loader],
];

describe("the layout of a person's pages", () => {
  test("gives their manager the person's id and name", async () => {
    const data = await layout.loader(await loaderArgs(id.manager!, `/people/${id.alice}`, { personId: id.alice! }));
    expect(data).toEqual({ person: { id: id.alice, name: "Alice Report" } });
  });

  test.each(["manager", "ceo", "alice", "peer", "other", "former", "hr", "admin"])(
    "for %s: refuses exactly where the account page does, and lets through everyone a page lets through",
    async (who) => {
      const status = await open(layout.loader, who);
      expect(status).toBe(await open(account.loader, who));
      for (const [page, loader] of PAGES) {
        if ((await open(loader, who)) === 200) expect(status, `${page} opens for ${who}`).toBe(200);
      }
    },
  );

  test("a stranger is sent to sign in; an unknown or malformed person is a 404", async () => {
    expect(await open(layout.loader, null)).toBe(302);
    for (const personId of ["00000000-0000-4000-8000-000000000000", "not-a-uuid"]) {
      expect(await open(layout.loader, "manager", personId)).toBe(404);
    }
  });

  test("keeps its data while one moves between the person's pages, and reloads for another person", () => {
    const args = (from: string, to: string) =>
      ({
        currentParams: { personId: from },
        nextParams: { personId: to },
        defaultShouldRevalidate: true,
      }) as unknown as Parameters<typeof layout.shouldRevalidate>[0];
    expect(layout.shouldRevalidate(args("a", "a"))).toBe(false);
    expect(layout.shouldRevalidate(args("a", "b"))).toBe(true);
  });
});
