import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { and, count, eq } from "drizzle-orm";
import type { ActionFunctionArgs } from "@remix-run/node";
import type { DatabaseHandle } from "#db/client";
import {
  actionItems,
  agendaTopics,
  commitmentCheckIns,
  commitments,
  goals,
  goalUpdates,
  meetings,
  people,
  sessions,
} from "#db/schema";
import { hashPassword } from "~/auth/password.server";
import { useDatabaseForTests } from "~/services/db.server";
import { createCast } from "#tests/setup/db-builders";
import { actionArgs } from "#tests/setup/requests";
import { createTestDatabase } from "#tests/setup/test-database";
import * as commitmentPage from "./commitments.$commitmentId";
import * as followUps from "./follow-ups";
import * as goalPage from "./me.goals.$goalId";
import * as meetingPage from "./meetings.$meetingId";
import * as ownProposal from "./me.commitments.new";
import * as reportProposal from "./people.$personId.commitments.new";
import * as signInPage from "./sign-in";

/**
 * Every form that carries a `redirectTo` (sign-in and six others), posted with
 * values that point elsewhere or can not be a header: each saves exactly once
 * and then sends the browser to a path of ours, the route's own default.
 */

const BASE = "http://rapport.test";
const PASSWORD = "correct horse battery";

const HOSTILE = [
  // A browser drops the tab and reads "\" as "/": both are "//evil.example/", another host.
  "/\t/evil.example/",
  "/\t\\evil.example/",
  "/\\\t/evil.example/",
  "/%09/evil.example/",
  "/%5C%5Cevil.example/",
  "//evil.example/",
  "/\\evil.example/",
  "/.//evil.example/",
  "/%2e%2e//evil.example/",
  "https://evil.example/",
  "http:evil.example",
  "javascript:alert(1)",
  " /me",
  // Not a header value at all: Remix's redirect() throws on these, after the write.
  "/me\n",
  "/me\r",
  "/me\r\nSet-Cookie: __rapport=stolen",
  "/\n/evil.example/",
  "/me\v",
  "/me\0",
  "/me%0d%0aSet-Cookie:%20x=1",
  "/me%00",
];

let handle: DatabaseHandle;
const id = {} as Awaited<ReturnType<typeof createCast>>;

beforeAll(async () => {
  handle = await createTestDatabase();
  useDatabaseForTests(handle);
  Object.assign(id, await createCast(handle.db));
  await handle.db
    .update(people)
    .set({ email: "alice@redirect.test", passwordHash: await hashPassword(PASSWORD) })
    .where(eq(people.id, id.alice));
});
afterAll(() => handle.close());

const n = async (rows: Promise<Array<{ n: number }>>) => (await rows)[0]!.n;

interface Form {
  label: string;
  /** The Location the route falls back to. */
  fallback: () => string;
  /** Builds one request; what it writes is counted by `written`. */
  post: (redirectTo: string) => Promise<ActionFunctionArgs>;
  run: (args: ActionFunctionArgs) => Promise<unknown>;
  written: () => Promise<number>;
}

let goalId = "";
let meetingId = "";
let committedId = "";
let itemId = "";
let proposalId = "";

const FORMS: Form[] = [
  {
    label: "sign-in",
    fallback: () => "/",
    post: (redirectTo) =>
      actionArgs(null, "/sign-in", { email: "alice@redirect.test", password: PASSWORD, redirectTo }),
    run: (args) => signInPage.action(args),
    written: () => n(handle.db.select({ n: count() }).from(sessions).where(eq(sessions.personId, id.alice))),
  },
  {
    label: "a goal's progress",
    fallback: () => `/me/goals/${goalId}`,
    post: async (redirectTo) => {
      const [goal] = await handle.db.select({ version: goals.version }).from(goals).where(eq(goals.id, goalId));
      const form = { intent: "progress", goalId, version: String(goal!.version), progress: "40", redirectTo };
      return actionArgs(id.alice, `/me/goals/${goalId}`, form, { goalId });
    },
    run: (args) => goalPage.action(args),
    written: () => n(handle.db.select({ n: count() }).from(goalUpdates).where(eq(goalUpdates.goalId, goalId))),
  },
  {
    label: "the report's own proposal",
    fallback: () => `/commitments/${proposalId}`,
    post: (redirectTo) =>
      actionArgs(id.alice, "/me/commitments/new", { change: "Own change", checkInEveryDays: "14", redirectTo }),
    run: async (args) => {
      const response = await ownProposal.action(args);
      proposalId = (await newestProposal(id.alice))!;
      return response;
    },
    written: () =>
      n(
        handle.db
          .select({ n: count() })
          .from(commitments)
          .where(and(eq(commitments.personId, id.alice), eq(commitments.createdBy, id.alice))),
      ),
  },
  {
    label: "the manager's proposal for a report",
    fallback: () => `/commitments/${proposalId}`,
    post: (redirectTo) =>
      actionArgs(
        id.manager,
        `/people/${id.alice}/commitments/new`,
        { change: "Manager's idea", checkInEveryDays: "14", redirectTo },
        { personId: id.alice },
      ),
    run: async (args) => {
      const response = await reportProposal.action(args);
      proposalId = (await newestProposal(id.manager))!;
      return response;
    },
    written: () =>
      n(
        handle.db
          .select({ n: count() })
          .from(commitments)
          .where(and(eq(commitments.personId, id.alice), eq(commitments.createdBy, id.manager))),
      ),
  },
  {
    label: "a commitment's check-in",
    fallback: () => `/commitments/${committedId}`,
    post: async (redirectTo) => {
      const [c] = await handle.db
        .select({ version: commitments.version })
        .from(commitments)
        .where(eq(commitments.id, committedId));
      const form = { intent: "check-in", version: String(c!.version), note: "Going fine", redirectTo };
      return actionArgs(id.alice, `/commitments/${committedId}`, form, { commitmentId: committedId });
    },
    run: (args) => commitmentPage.action(args),
    written: () =>
      n(
        handle.db
          .select({ n: count() })
          .from(commitmentCheckIns)
          .where(eq(commitmentCheckIns.commitmentId, committedId)),
      ),
  },
  {
    label: "a topic for the 1:1",
    fallback: () => `/meetings/${meetingId}`,
    post: (redirectTo) =>
      actionArgs(
        id.alice,
        `/meetings/${meetingId}`,
        { intent: "add-topic", title: "Hours", redirectTo },
        { meetingId },
      ),
    run: (args) => meetingPage.action(args),
    written: () => n(handle.db.select({ n: count() }).from(agendaTopics).where(eq(agendaTopics.meetingId, meetingId))),
  },
  {
    label: "a follow-up settled",
    fallback: () => "/follow-ups",
    post: async (redirectTo) => {
      const [item] = await handle.db
        .insert(actionItems)
        .values({
          reportId: id.alice,
          managerId: id.manager,
          ownerId: id.alice,
          createdBy: id.manager,
          title: "Book the course",
        })
        .returning();
      itemId = item!.id;
      return actionArgs(id.alice, "/follow-ups", { itemId, status: "done", redirectTo });
    },
    run: (args) => followUps.action(args),
    written: () => n(handle.db.select({ n: count() }).from(actionItems).where(eq(actionItems.status, "done"))),
  },
];

async function newestProposal(createdBy: string): Promise<string | undefined> {
  const rows = await handle.db
    .select({ id: commitments.id, at: commitments.createdAt })
    .from(commitments)
    .where(eq(commitments.createdBy, createdBy));
  return rows.sort((a, b) => b.at.getTime() - a.at.getTime())[0]?.id;
}

beforeAll(async () => {
  const [goal] = await handle.db.insert(goals).values({ ownerId: id.alice, title: "Ship the importer" }).returning();
  goalId = goal!.id;
  const [meeting] = await handle.db
    .insert(meetings)
    .values({ managerId: id.manager, reportId: id.alice, scheduledAt: new Date(Date.now() + 3 * 86_400_000) })
    .returning();
  meetingId = meeting!.id;
  const [committed] = await handle.db
    .insert(commitments)
    .values({
      personId: id.alice,
      createdBy: id.manager,
      change: "Hand over the report",
      state: "committed",
      committedAt: new Date(),
    })
    .returning();
  committedId = committed!.id;
});

/** A path on our own origin, as a browser would resolve it, and a valid header value. */
function expectOurPath(location: string | null, label: string) {
  expect(location, label).toBeTruthy();
  expect(
    [...location!].filter((c) => c < " " || c === "\x7f" || c === "\\"),
    label,
  ).toEqual([]);
  expect(location!.startsWith("/") && !location!.startsWith("//"), `${label}: ${location}`).toBe(true);
  expect(new URL(location!, BASE).origin, label).toBe(BASE);
}

describe.each(FORMS)("$label", (form) => {
  test.each(HOSTILE)("redirectTo %j saves once and falls back to a path of ours", async (redirectTo) => {
    const before = await form.written();
    const response = (await form.run(await form.post(redirectTo))) as Response;
    expect(await form.written(), "written exactly once").toBe(before + 1);
    expect(response).toBeInstanceOf(Response);
    expect(response.status).toBe(302);
    const location = response.headers.get("Location");
    expectOurPath(location, JSON.stringify(redirectTo));
    expect(location).toBe(form.fallback());
  });

  test("a path of ours, with its query and fragment, is kept", async () => {
    const response = (await form.run(await form.post("/me?tab=goals#now"))) as Response;
    expect(response.headers.get("Location")).toBe("/me?tab=goals#now");
  });
});
