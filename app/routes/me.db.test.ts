import { afterAll, beforeAll, expect, test } from "vitest";
import type { DatabaseHandle } from "#db/client";
import { goals, meetings, risks } from "#db/schema";
import { useDatabaseForTests } from "~/services/db.server";
import { createPerson } from "#tests/setup/db-builders";
import { actionArgs, loaderArgs } from "#tests/setup/requests";
import { createTestDatabase } from "#tests/setup/test-database";
import * as me from "./me._index";
import * as rateMyself from "./me.checklist";

let handle: DatabaseHandle;
let reportId: string;

beforeAll(async () => {
  handle = await createTestDatabase();
  useDatabaseForTests(handle);
  const m = await createPerson(handle.db, { name: "Mo Manager" });
  const r = await createPerson(handle.db, { name: "Ana Report", managerId: m.id });
  const peer = await createPerson(handle.db, { name: "Pat Peer", managerId: m.id });
  reportId = r.id;
  await handle.db
    .insert(meetings)
    .values({ managerId: m.id, reportId: r.id, scheduledAt: new Date(Date.now() + 3 * 86_400_000) });
  await handle.db.insert(goals).values([
    { ownerId: r.id, title: "Ship the importer" },
    { ownerId: peer.id, title: "Pat's own goal" },
  ]);
  await handle.db.insert(risks).values({
    subjectId: r.id,
    authorId: m.id,
    kind: "flight",
    description: "Talking to a competitor",
    likelihood: 3,
    impact: 3,
  });
});
afterAll(() => handle.close());

test("Me shows the report's next 1:1 with their manager's name, their own goals, and nothing private to others", async () => {
  const data = (await me.loader(await loaderArgs(reportId, "/me"))) as Awaited<ReturnType<typeof me.loader>>;
  expect(data.home.nextMeeting?.managerName).toBe("Mo Manager");
  expect(data.home.goals.map((g) => g.title)).toEqual(["Ship the importer"]);
  const page = JSON.stringify(data);
  expect(page).not.toContain("Pat's own goal");
  expect(page).not.toContain("competitor");
});

test("rating myself asks the report's own question for each point, and the saved page says so", async () => {
  const data = (await rateMyself.loader(await loaderArgs(reportId, "/me/checklist"))) as Awaited<
    ReturnType<typeof rateMyself.loader>
  >;
  expect(data.points).toHaveLength(15);
  const point1 = data.points.find((p) => p.key === 1)!;
  expect(point1.selfQuestion).toMatch(/^How much are our 1:1s about you/);
  expect(data.points.every((p) => p.selfQuestion.length > 0)).toBe(true);

  const saved = (await rateMyself.action(
    await actionArgs(reportId, "/me/checklist", { "entries[0].pointKey": "1", "entries[0].rating": "4" }),
  )) as Response;
  expect(saved.status).toBe(302);
  expect(saved.headers.get("Location")).toBe("/me?rated=1");
});
