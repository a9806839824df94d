import { parse } from "csv-parse/sync";
import { and, eq } from "drizzle-orm";
import { unzipSync, strFromU8 } from "fflate";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { DatabaseHandle } from "#db/client";
import {
  actionItems,
  agendaTopics,
  commitmentCheckIns,
  commitments,
  meetingNotes,
  meetings,
  people,
  pulses,
  securityEvents,
} from "#db/schema";
import type { Subject, Viewer } from "~/auth/policies";
import { allows } from "~/auth/authorize.server";
import { recordAssessments } from "~/services/assessments.server";
import { useDatabaseForTests } from "~/services/db.server";
import { createGoal, recordGoalProgress } from "~/services/goals.server";
import { createRisk } from "~/services/risks.server";
import { loadSubject } from "~/services/subjects.server";
import {
  buildYourData,
  csvText,
  DATA_COLUMNS,
  DATA_KINDS,
  fileNameOf,
  type DataCell,
  type YourData,
} from "~/services/your-data.server";
import { createPerson, createTeam } from "#tests/setup/db-builders";
import { loaderArgs, statusOf } from "#tests/setup/requests";
import { createTestDatabase } from "#tests/setup/test-database";
import * as jsonRoute from "./me.privacy_.data[.]json";
import * as zipRoute from "./me.privacy_.data[.]zip";
import * as privacyPage from "./me.privacy";

/**
 * "Download your data" (ADR 042). Sam has one of everything; around Sam sit the things the file must never
 * hold, each carrying the word ZEBRA: a risk about Sam, Maya's rating of Sam, Maya's private note and private
 * topic in Sam's 1:1, Pat's records (Pat reports to Maya too), and Sam's own password hash. The file is walked
 * field by field, its zip's CSVs are parsed back and compared with it, and the route gives nobody else's.
 */

const MARKER = "ZEBRA";
/** Keys that name something the file never holds. */
const FORBIDDEN_KEYS =
  /password|hash|token|session|secret|risk|likelihood|impact|mitigation|perspective|assessor|address|agent|external|^detail$/i;

let handle: DatabaseHandle;
let maya: Viewer, sam: Viewer, pat: Viewer, adam: Viewer;
const own = {} as {
  goal: string;
  goalUpdate: string;
  commitment: string;
  checkIn: string;
  meetings: string[];
  topics: string[];
  notes: string[];
  followUp: string;
  rating: string;
  pulse: string;
};
const forbidden = {} as { mayaPrivateTopic: string; mayaPrivateNote: string; patNote: string; patGoal: string };

const viewerOf = (person: { id: string; name: string; email: string }, roles: Viewer["roles"] = []): Viewer => ({
  id: person.id,
  name: person.name,
  email: person.email,
  roles,
});

beforeAll(async () => {
  handle = await createTestDatabase();
  useDatabaseForTests(handle);
  const db = handle.db;
  const team = await createTeam(db, { name: "Platform" });
  maya = viewerOf(await createPerson(db, { name: "Maya Manager", teamId: team.id }), ["manager"]);
  sam = viewerOf(
    await createPerson(db, {
      name: "Sam Report",
      teamId: team.id,
      managerId: maya.id,
      passwordHash: `scrypt$${MARKER}-hash`,
    }),
  );
  pat = viewerOf(await createPerson(db, { name: "Pat Peer", teamId: team.id, managerId: maya.id }));
  adam = viewerOf(await createPerson(db, { name: "Adam Admin", roles: ["admin"] }), ["admin"]);
  await db.update(people).set({ timeZone: "Europe/Berlin" }).where(eq(people.id, sam.id));
  const samSubject = (await loadSubject(db, sam.id)) as Subject;
  const now = new Date();

  // Sam's goal, with a progress update: two audit events of their own.
  const goal = await createGoal(db, sam, {
    title: "Speak at the guild",
    whyItMatters: "Grow as a speaker",
    successMeasure: "One talk",
  });
  await recordGoalProgress(
    db,
    sam,
    { goalId: goal.id, version: goal.version, progress: 40, note: "Outline done" },
    now,
  );
  own.goal = goal.id;

  const [commitment] = await db
    .insert(commitments)
    .values({ personId: sam.id, createdBy: maya.id, change: "Ask for help sooner", firstStep: "Tell Maya" })
    .returning();
  own.commitment = commitment!.id;
  const [checkIn] = await db
    .insert(commitmentCheckIns)
    .values({ commitmentId: commitment!.id, authorId: sam.id, note: "Asked twice this week" })
    .returning();
  own.checkIn = checkIn!.id;

  const [held, next] = await db
    .insert(meetings)
    .values([
      {
        managerId: maya.id,
        reportId: sam.id,
        scheduledAt: new Date(now.getTime() - 7 * 86_400_000),
        status: "held",
        heldAt: new Date(now.getTime() - 7 * 86_400_000),
      },
      { managerId: maya.id, reportId: sam.id, scheduledAt: new Date(now.getTime() + 7 * 86_400_000) },
    ])
    .returning();
  own.meetings = [held!.id, next!.id];

  const topics = await db
    .insert(agendaTopics)
    .values([
      { meetingId: held!.id, authorId: sam.id, source: "report", title: "My own worry", private: true },
      { meetingId: held!.id, authorId: sam.id, source: "report", title: "=SUM(1+1)", details: 'a, "quoted"\nline' },
      { meetingId: held!.id, authorId: maya.id, source: "manager", title: "Team offsite", position: 2 },
      { meetingId: held!.id, authorId: maya.id, source: "manager", title: `${MARKER} succession`, private: true },
    ])
    .returning();
  own.topics = topics.slice(0, 3).map((t) => t.id);
  forbidden.mayaPrivateTopic = topics[3]!.id;

  const notes = await db
    .insert(meetingNotes)
    .values([
      { meetingId: held!.id, authorId: sam.id, visibility: "private", body: "Ask about the move" },
      { meetingId: held!.id, authorId: sam.id, visibility: "shared", body: "We agreed on the talk" },
      { meetingId: held!.id, authorId: maya.id, visibility: "shared", body: "Good progress" },
      { meetingId: held!.id, authorId: maya.id, visibility: "private", body: `${MARKER} may leave` },
    ])
    .returning();
  own.notes = notes.slice(0, 3).map((n) => n.id);
  forbidden.mayaPrivateNote = notes[3]!.id;

  const [followUp] = await db
    .insert(actionItems)
    .values({
      reportId: sam.id,
      managerId: maya.id,
      ownerId: sam.id,
      meetingId: held!.id,
      title: "Draft the talk",
      createdBy: maya.id,
    })
    .returning();
  own.followUp = followUp!.id;

  const [rating] = await recordAssessments(db, sam, samSubject, "self", [
    { pointKey: 1, rating: 4, note: "I feel heard" },
  ]);
  own.rating = rating!.id;
  await recordAssessments(db, maya, samSubject, "manager", [{ pointKey: 1, rating: 2, note: `${MARKER} unsure` }]);
  await createRisk(db, maya, samSubject, {
    kind: "flight",
    description: `${MARKER} is interviewing`,
    likelihood: 2,
    impact: 3,
    mitigation: `${MARKER} talk about growth`,
  });

  const [pulse] = await db
    .insert(pulses)
    .values({ meetingId: held!.id, respondentId: sam.id, understood: 4, progressing: 3, overloaded: 2, enps: 9 })
    .returning();
  own.pulse = pulse!.id;

  // Pat's records: Maya's line, not Sam's.
  const patGoal = await createGoal(db, pat, { title: `${MARKER} Pat's goal`, whyItMatters: "", successMeasure: "" });
  forbidden.patGoal = patGoal.id;
  const [patMeeting] = await db
    .insert(meetings)
    .values({ managerId: maya.id, reportId: pat.id, scheduledAt: now, status: "held", heldAt: now })
    .returning();
  const [patNote] = await db
    .insert(meetingNotes)
    .values({ meetingId: patMeeting!.id, authorId: pat.id, visibility: "shared", body: `${MARKER} Pat's note` })
    .returning();
  forbidden.patNote = patNote!.id;
  await db
    .insert(pulses)
    .values({ meetingId: patMeeting!.id, respondentId: pat.id, understood: 1, progressing: 1, overloaded: 5, enps: 0 });
  await db.insert(actionItems).values({
    reportId: pat.id,
    managerId: maya.id,
    ownerId: pat.id,
    title: `${MARKER} Pat's follow-up`,
    createdBy: maya.id,
  });
});

afterAll(async () => {
  await handle?.close();
});

/** Every key and every leaf of a JSON value, with where it is. */
function walk(value: unknown, path: string, visit: (path: string, key: string | null, leaf: unknown) => void) {
  if (Array.isArray(value)) value.forEach((item, i) => walk(item, `${path}[${i}]`, visit));
  else if (value !== null && typeof value === "object")
    for (const [key, inner] of Object.entries(value)) {
      visit(`${path}.${key}`, key, undefined);
      walk(inner, `${path}.${key}`, visit);
    }
  else visit(path, null, value);
}

async function responseOf(run: () => Promise<unknown>): Promise<Response> {
  try {
    return (await run()) as Response;
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

async function downloadJson(personId: string, path = "/me/privacy/data.json"): Promise<YourData> {
  const response = await responseOf(async () => jsonRoute.loader(await loaderArgs(personId, path)));
  expect(response.status).toBe(200);
  return JSON.parse(await response.text()) as YourData;
}

/** What a CSV cell holds for a JSON value: the same text, a formula-looking one with a ' before it. */
const csvCellOf = (value: DataCell) => {
  const text = csvText(value);
  return /^[=+\-@\t\r]/.test(text) && !/^[-+]?\d/.test(text) ? `'${text}` : text;
};

describe("the person's data", () => {
  test("holds every one of their own records", async () => {
    const data = await buildYourData(handle.db, sam);
    const ids = (rows: { id: string }[]) => rows.map((r) => r.id).sort();
    expect(data.profile).toEqual({
      name: "Sam Report",
      email: sam.email,
      team: "Platform",
      manager: "Maya Manager",
      timeZone: "Europe/Berlin",
      roles: "employee",
      memberSince: expect.any(String),
    });
    expect(ids(data.goals)).toEqual([own.goal]);
    expect(data.goals[0]).toMatchObject({ title: "Speak at the guild", progress: 40 });
    expect(data.goalUpdates).toMatchObject([
      { goalId: own.goal, progress: 40, note: "Outline done", by: "Sam Report" },
    ]);
    expect(data.goalHistory.map((h) => h.sentence)).toEqual([
      expect.stringMatching(/^You .*Speak at the guild/),
      expect.stringMatching(/^You .*40%/),
    ]);
    expect(JSON.parse(data.goalHistory[1]!.changes)).toEqual({ progress: [0, 40] });
    expect(ids(data.commitments)).toEqual([own.commitment]);
    expect(data.commitments[0]).toMatchObject({ change: "Ask for help sooner", proposedBy: "Maya Manager" });
    expect(ids(data.commitmentCheckIns)).toEqual([own.checkIn]);
    expect(ids(data.meetings)).toEqual([...own.meetings].sort());
    expect(ids(data.topics)).toEqual([...own.topics].sort());
    expect(data.topics.find((t) => t.title === "My own worry")).toMatchObject({ yours: true, private: true });
    expect(ids(data.notes)).toEqual([...own.notes].sort());
    expect(data.notes.find((n) => n.body === "Ask about the move")).toMatchObject({
      yours: true,
      visibility: "private",
    });
    expect(ids(data.followUps)).toEqual([own.followUp]);
    expect(data.checklistSelfRatings).toMatchObject([{ id: own.rating, point: 1, rating: 4, note: "I feel heard" }]);
    expect(data.pulseAnswers).toMatchObject([{ id: own.pulse, understood: 4, progressing: 3, overloaded: 2, enps: 9 }]);
  });

  test("no field anywhere holds a forbidden kind, key or marker", async () => {
    const data = await downloadJson(sam.id);
    const text = JSON.stringify(data);
    for (const id of Object.values(forbidden)) expect(text).not.toContain(id);
    let leaves = 0;
    walk(data, "$", (path, key, leaf) => {
      if (key !== null) {
        expect(key, path).not.toMatch(FORBIDDEN_KEYS);
        return;
      }
      leaves++;
      expect(["string", "number", "boolean"].includes(typeof leaf) || leaf === null, path).toBe(true);
      expect(String(leaf).toUpperCase(), path).not.toContain(MARKER);
    });
    // Every kind is a list of flat rows (so each is one CSV), and the walk saw them all.
    expect(Object.keys(data).sort()).toEqual(["exportedAt", "profile", ...DATA_KINDS].sort());
    for (const kind of DATA_KINDS) for (const row of data[kind]) expect(Object.keys(row)).toEqual(DATA_COLUMNS[kind]);
    expect(Object.keys(data.profile)).toEqual(DATA_COLUMNS.profile);
    expect(leaves).toBeGreaterThan(100);
  });

  test("the zip's CSVs, parsed back, hold exactly what the JSON holds", async () => {
    const response = await responseOf(async () => zipRoute.loader(await loaderArgs(sam.id, "/me/privacy/data.zip")));
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("application/zip");
    expect(response.headers.get("Content-Disposition")).toMatch(
      /^attachment; filename="rapport-data-\d{4}-\d{2}-\d{2}\.zip"$/,
    );
    expect(response.headers.get("Cache-Control")).toContain("no-store");
    const files = unzipSync(new Uint8Array(await response.arrayBuffer()));
    const data = await buildYourData(handle.db, sam);
    expect(Object.keys(files).sort()).toEqual(
      ["README.txt", fileNameOf("profile"), ...DATA_KINDS.map(fileNameOf)].sort(),
    );
    const readme = strFromU8(files["README.txt"]!);
    expect(readme).toContain("What is never in it");
    expect(readme).toContain("goal-history.csv");
    for (const [name, bytes] of Object.entries(files))
      expect(strFromU8(bytes).toUpperCase(), name).not.toContain(MARKER);

    const sheets = { ...data, profile: [data.profile] } as unknown as Record<string, Record<string, DataCell>[]>;
    for (const kind of ["profile", ...DATA_KINDS] as const) {
      const rows = parse(strFromU8(files[fileNameOf(kind)]!), { columns: true, bom: true }) as Record<string, string>[];
      const expected = sheets[kind]!.map((row) =>
        Object.fromEntries(DATA_COLUMNS[kind].map((c) => [c, csvCellOf(row[c] ?? null)])),
      );
      expect(rows, kind).toEqual(expected);
    }
    // A cell that looks like a formula is text in a spreadsheet; quotes, commas and new lines survive.
    const topics = parse(strFromU8(files["topics.csv"]!), { columns: true }) as Record<string, string>[];
    expect(topics.map((t) => t.title)).toContain("'=SUM(1+1)");
    expect(topics.map((t) => t.details)).toContain('a, "quoted"\nline');
  });

  test("the JSON is an attachment named for the day in the person's zone, never cached", async () => {
    const response = await responseOf(async () => jsonRoute.loader(await loaderArgs(sam.id, "/me/privacy/data.json")));
    expect(response.headers.get("Content-Type")).toBe("application/json; charset=utf-8");
    const day = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Berlin" }).format(new Date());
    expect(response.headers.get("Content-Disposition")).toBe(`attachment; filename="rapport-data-${day}.json"`);
    expect(response.headers.get("Cache-Control")).toBe("private, no-store");
    expect(await response.text()).toMatch(/^\{\n {2}"exportedAt"/);
  });

  test("each download is on the security log: who and which file, nothing of what it holds", async () => {
    const before = await handle.db
      .select()
      .from(securityEvents)
      .where(and(eq(securityEvents.kind, "export.your-data"), eq(securityEvents.subjectId, sam.id)));
    await downloadJson(sam.id);
    const after = await handle.db
      .select()
      .from(securityEvents)
      .where(and(eq(securityEvents.kind, "export.your-data"), eq(securityEvents.subjectId, sam.id)));
    expect(after.length).toBe(before.length + 1);
    const last = after.find((e) => !before.some((b) => b.id === e.id))!;
    expect(last).toMatchObject({ actorId: sam.id, outcome: "success", detail: { method: "json" } });
  });
});

describe("nobody downloads someone else's data", () => {
  test("the policy lets only the person themselves", () => {
    const record = { subject: { id: sam.id } };
    expect(allows(sam, "data:export", record)).toBe(true);
    for (const other of [maya, pat, adam]) expect(allows(other, "data:export", record)).toBe(false);
  });

  test("their manager and an admin get their own data, whatever they put in the address", async () => {
    for (const other of [maya, adam]) {
      const data = await downloadJson(other.id, `/me/privacy/data.json?person=${sam.id}&personId=${sam.id}`);
      expect(data.profile.name).toBe(other.name);
      const text = JSON.stringify(data);
      for (const id of [own.goal, own.commitment, own.pulse, own.rating, ...own.notes, ...own.topics])
        expect(text).not.toContain(id);
      expect(text).not.toContain("Sam Report");
    }
  });

  test("without a session both files send you to sign in", async () => {
    for (const [route, path] of [
      [jsonRoute, "/me/privacy/data.json"],
      [zipRoute, "/me/privacy/data.zip"],
    ] as const) {
      const response = await responseOf(async () => route.loader(await loaderArgs(null, path)));
      expect(response.status).toBe(302);
      expect(response.headers.get("Location")).toBe(`/sign-in?redirectTo=${encodeURIComponent(path)}`);
    }
    expect(await statusOf(async () => privacyPage.loader(await loaderArgs(null, "/me/privacy")))).toBe(302);
  });
});
