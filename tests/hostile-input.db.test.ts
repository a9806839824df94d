import { issueUnsubscribeToken } from "~/services/messages/preferences.server";
import fs from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { and, asc, eq, sql } from "drizzle-orm";
import type { ActionFunctionArgs, AppLoadContext, LoaderFunctionArgs } from "@remix-run/node";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { rowsOf, type DatabaseHandle } from "#db/client";
import {
  actionItems,
  agendaTopics,
  commitments,
  goals,
  meetings,
  meetingSeries,
  people,
  risks,
  teams,
} from "#db/schema";
import { randomBytes } from "node:crypto";
import { rereadEnv } from "~/env.server";
import { sessionCookieFor } from "~/http/session.server";
import { useDatabaseForTests } from "~/services/db.server";
import { sendPasswordLinkAsAdmin } from "~/services/passwords.server";
import { createScimToken } from "~/services/scim-tokens.server";
import { createCast, createPerson, pendingPasswordToken } from "./setup/db-builders";
import { createTestDatabase } from "./setup/test-database";
import { CASES, VIEWERS, type ApiRequest, type Caller, type RouteCase, type Viewer } from "./hostile/cases";
import { snapshotter, type Snapshot } from "./hostile/snapshot";
import { anyValue, extraName } from "./hostile/values";

/**
 * Every route action gets random and hostile form data
 * (tests/hostile/values.ts) as every kind of viewer. Whatever comes in, the
 * answer is a 4xx, a redirect or data with form errors, never a 500; a refused
 * request writes nothing; and what an accepted one stored still loads. The
 * escaping of stored text in HTML is checked against the built server in
 * tests/e2e/hostile/escaping.test.ts.
 *
 * FC_SEED=<n> replays a run; FC_RUNS=<n> changes the runs per action.
 */

const SEED = process.env.FC_SEED ? Number(process.env.FC_SEED) : 20_260_601;
const RUNS = process.env.FC_RUNS ? Number(process.env.FC_RUNS) : 40;
const ROUTES_DIR = path.resolve(__dirname, "../app/routes");

type Module = {
  action?: (args: ActionFunctionArgs) => Promise<unknown>;
  loader?: (args: LoaderFunctionArgs) => Promise<unknown>;
};
const modules: Record<string, Module> = {};

let handle: DatabaseHandle;
let snapshot: (exclude?: readonly string[]) => Promise<Snapshot>;
const refs: Record<string, string> = {};
const personOf: Partial<Record<Viewer, string>> = {};
// A fresh session per request: sign-out, run as anyone, really ends the session it is handed.
const cookieOf = (who: Viewer) => sessionCookieFor(personOf[who]!);
/** The "scim" caller's live bearer token, created by the cast's admin. */
let scimToken: string;

const keyBefore = process.env.RAPPORT_BACKUP_KEY;
beforeAll(async () => {
  // The backup's own key for this run, so it never makes one in a real data folder (ADR 045).
  process.env.RAPPORT_BACKUP_KEY = randomBytes(32).toString("base64");
  rereadEnv();
  handle = await createTestDatabase();
  useDatabaseForTests(handle);
  const db = handle.db;
  const cast = await createCast(db);
  const otherReport = (await createPerson(db, { name: "Rae Report", managerId: cast.other })).id;
  const victim = await createPerson(db, { name: "Vic Victim", managerId: cast.manager, email: "victim@test.rapport" });
  const victim2 = (await createPerson(db, { name: "Val Victim" })).id;
  const [teamA] = await db.insert(teams).values({ name: "Team A" }).returning();
  const [teamB] = await db.insert(teams).values({ name: "Team B", parentTeamId: teamA!.id }).returning();

  const meetingFor = async (managerId: string, reportId: string, status: "planned" | "held", days: number) => {
    const [series] = await db
      .select()
      .from(meetingSeries)
      .where(and(eq(meetingSeries.managerId, managerId), eq(meetingSeries.reportId, reportId)));
    const seriesId =
      series?.id ??
      (
        await db.insert(meetingSeries).values({ managerId, reportId, intervalDays: 14, lengthMinutes: 30 }).returning()
      )[0]!.id;
    const when = new Date(Date.now() + days * 86_400_000);
    const [row] = await db
      .insert(meetings)
      .values({
        seriesId,
        managerId,
        reportId,
        scheduledAt: when,
        lengthMinutes: 30,
        status,
        heldAt: status === "held" ? when : null,
      })
      .returning();
    return row!.id;
  };
  await meetingFor(cast.manager, cast.alice, "held", -3);
  // Held with Fay, Alice's manager before Mo: the one 1:1 she can share with Mo (ADR 043).
  const aliceEarlier = await meetingFor(cast.former, cast.alice, "held", -40);
  const aliceNext = await meetingFor(cast.manager, cast.alice, "planned", 4);
  const otherMeeting = await meetingFor(cast.other, otherReport, "planned", 2);

  const goal = async (ownerId: string) =>
    (await db.insert(goals).values({ ownerId, title: "Ship the importer" }).returning())[0]!.id;
  const commitment = async (personId: string, createdBy: string) =>
    (
      await db
        .insert(commitments)
        .values({ personId, createdBy, change: "Hand over the weekly report", checkInEveryDays: 14 })
        .returning()
    )[0]!.id;
  const risk = async (subjectId: string, authorId: string) =>
    (
      await db
        .insert(risks)
        .values({
          subjectId,
          authorId,
          kind: "flight",
          description: "Talking to a competitor",
          likelihood: 2,
          impact: 3,
        })
        .returning()
    )[0]!.id;
  const topic = async (meetingId: string, authorId: string, source: "report" | "manager", isPrivate: boolean) =>
    (
      await db
        .insert(agendaTopics)
        .values({ meetingId, authorId, source, title: "Career path", private: isPrivate })
        .returning()
    )[0]!.id;
  const item = async (reportId: string, managerId: string, meetingId: string) =>
    (
      await db
        .insert(actionItems)
        .values({ reportId, managerId, ownerId: reportId, createdBy: managerId, meetingId, title: "Book the course" })
        .returning()
    )[0]!.id;

  Object.assign(refs, {
    "@person:alice": cast.alice,
    "@person:peer": cast.peer,
    "@person:manager": cast.manager,
    "@person:otherReport": otherReport,
    "@person:victim": victim.id,
    "@person:victim2": victim2,
    "@email:victim": victim.email,
    "@team:a": teamA!.id,
    "@team:b": teamB!.id,
    "@meeting:otherReport": otherMeeting,
    "@meeting:aliceEarlier": aliceEarlier,
    "@goal:alice": await goal(cast.alice),
    "@goal:peer": await goal(cast.peer),
    "@goal:otherReport": await goal(otherReport),
    "@commitment:alice": await commitment(cast.alice, cast.manager),
    "@commitment:otherReport": await commitment(otherReport, cast.other),
    "@risk:alice": await risk(cast.alice, cast.manager),
    "@risk:otherReport": await risk(otherReport, cast.other),
    "@topic:alice": await topic(aliceNext, cast.alice, "report", false),
    "@topic:managerPrivate": await topic(aliceNext, cast.manager, "manager", true),
    "@topic:otherReport": await topic(otherMeeting, otherReport, "report", false),
    "@item:otherReport": await item(otherReport, cast.other, otherMeeting),
  });
  for (const [email, personId] of [
    ["@email:alice", cast.alice],
    ["@email:manager", cast.manager],
  ] as const) {
    refs[email] = (await db.select({ email: people.email }).from(people).where(eq(people.id, personId)))[0]!.email;
  }
  for (const who of VIEWERS) if (who !== "anon") personOf[who] = cast[who];
  const admin = { id: cast.admin, name: "Adam Admin", email: "", roles: ["admin" as const] };
  scimToken = (await createScimToken(db, admin, { name: "the scim caller" })).token;
  refs["@scimToken:a"] = (await createScimToken(db, admin, { name: "Okta" })).id;
  refs["@scimToken:b"] = (await createScimToken(db, admin, { name: "Entra" })).id;
  snapshot = await snapshotter(db);

  for (const file of routeFiles()) modules[file] = (await import(path.join(ROUTES_DIR, `${file}.tsx`))) as Module;
}, 120_000);
afterAll(async () => {
  if (keyBefore === undefined) delete process.env.RAPPORT_BACKUP_KEY;
  else process.env.RAPPORT_BACKUP_KEY = keyBefore;
  rereadEnv();
  await handle?.close();
});

function routeFiles(): string[] {
  return fs
    .readdirSync(ROUTES_DIR, { withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith(".tsx"))
    .map((entry) => entry.name.slice(0, -".tsx".length))
    .sort();
}

// ---- resolving "@" references ----------------------------------------------

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Alice's next 1:1 moves on when one is finished or cancelled, so it is looked up each time. */
/** A live password link for a newcomer of its own (an invitation without a password, a reset with one). */
let newcomers = 0;
async function freshPasswordToken(purpose: "invite" | "reset"): Promise<string> {
  const email = `newcomer${++newcomers}@hostile.test`;
  const person = await createPerson(handle.db, {
    name: `Newcomer ${newcomers}`,
    email,
    passwordHash: purpose === "reset" ? "scrypt$not-a-real-hash" : null,
  });
  const admin = { id: personOf.admin!, name: "Adam Admin", email: "", roles: ["admin" as const] };
  await sendPasswordLinkAsAdmin(handle.db, admin, person.id, new Date());
  return pendingPasswordToken(handle.db, email);
}

async function nextMeetingOfAlice(): Promise<string> {
  const [row] = await handle.db
    .select({ id: meetings.id })
    .from(meetings)
    .where(
      and(
        eq(meetings.reportId, refs["@person:alice"]!),
        eq(meetings.managerId, refs["@person:manager"]!),
        eq(meetings.status, "planned"),
      ),
    )
    .orderBy(asc(meetings.scheduledAt))
    .limit(1);
  return row?.id ?? heldMeetingOfAlice();
}

/** An open follow-up of Alice's: settling one closes it, so a fresh one is made when none is left. */
async function openItemOfAlice(): Promise<string> {
  const alice = refs["@person:alice"]!;
  const [row] = await handle.db
    .select({ id: actionItems.id })
    .from(actionItems)
    .where(and(eq(actionItems.ownerId, alice), eq(actionItems.status, "open")))
    .limit(1);
  if (row) return row.id;
  const manager = refs["@person:manager"]!;
  const [item] = await handle.db
    .insert(actionItems)
    .values({ reportId: alice, managerId: manager, ownerId: alice, createdBy: manager, title: "Book the course" })
    .returning();
  return item!.id;
}

/** A held 1:1 of Alice's still waiting for her pulse: answering one uses it up. */
async function heldMeetingOfAlice(): Promise<string> {
  const alice = refs["@person:alice"]!;
  const rows = rowsOf<{ id: string }>(
    await handle.db.execute(
      sql`select m.id from meetings m where m.report_id = ${alice} and m.manager_id = ${refs["@person:manager"]!} and m.status = 'held' and not exists (select 1 from pulses p where p.meeting_id = m.id) limit 1`,
    ),
  );
  if (rows[0]) return rows[0].id;
  const when = new Date(Date.now() - 86_400_000);
  const [meeting] = await handle.db
    .insert(meetings)
    .values({ managerId: refs["@person:manager"]!, reportId: alice, scheduledAt: when, heldAt: when, status: "held" })
    .returning();
  return meeting!.id;
}

async function currentVersion(target: RouteCase["target"], params: Record<string, string>): Promise<number> {
  const recordId = target ? params[target.param] : undefined;
  if (!target || !recordId || !UUID.test(recordId)) return 1;
  const rows = rowsOf<{ version: number }>(
    await handle.db.execute(sql`select version from ${sql.identifier(target.table)} where id = ${recordId}`),
  );
  return rows[0]?.version ?? 1;
}

async function resolveParams(params: Record<string, string>): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(params)) out[key] = await resolveRef(value, 1);
  return out;
}

async function resolveRef(value: string, version: number): Promise<string> {
  const prefixed = /^([a-z-]+:)(@.*)$/.exec(value);
  if (prefixed) return prefixed[1]! + (await resolveRef(prefixed[2]!, version));
  if (value === "@passwordToken:invite" || value === "@passwordToken:reset")
    return freshPasswordToken(value.endsWith("invite") ? "invite" : "reset");
  if (value === "@unsubscribeToken")
    return issueUnsubscribeToken(handle.db, refs["@person:alice"]!, "weekly-digest", new Date());
  if (value === "@meeting:alice") return nextMeetingOfAlice();
  if (value === "@meeting:aliceHeld") return heldMeetingOfAlice();
  if (value === "@item:alice") return openItemOfAlice();
  if (value === "@version") return String(version);
  if (value === "@version-1") return String(version - 1);
  if (value === "@version+1") return String(version + 1);
  // References inside a longer value (a CSV row naming someone's email).
  return value.replace(/@[a-z]+:[A-Za-z0-9]+/g, (ref) => refs[ref] ?? ref);
}

// ---- sending a request -------------------------------------------------------

type Encoding = "multipart" | "urlencoded" | "text" | "json" | "bad-multipart" | "none" | "scim-json";
interface Input {
  viewer: Caller;
  params: Record<string, string>;
  entries: [string, string][];
  encoding: Encoding;
  /** A JSON API's request (RouteCase.api); forms are always POSTed. */
  api?: ApiRequest;
}

function bodyFor(
  entries: [string, string][],
  encoding: Encoding,
  files: readonly string[],
  json?: string,
): { body: BodyInit; type?: string } {
  if (json !== undefined && (encoding === "json" || encoding === "scim-json")) {
    return { body: json, type: encoding === "json" ? "application/json" : "application/scim+json" };
  }
  switch (encoding) {
    case "multipart": {
      const form = new FormData();
      for (const [name, value] of entries) {
        if (files.includes(name)) form.append(name, new File([value], "upload.csv", { type: "text/csv" }));
        else form.append(name, value);
      }
      return { body: form };
    }
    case "urlencoded":
      return { body: new URLSearchParams(entries) };
    case "text":
      return { body: entries.map(([k, val]) => `${k}=${val}`).join("\n"), type: "text/plain" };
    case "json":
    case "scim-json":
      return { body: JSON.stringify(Object.fromEntries(entries)), type: "application/json" };
    case "bad-multipart":
      return {
        body: `--nope\r\n${entries.map(([k, val]) => `${k}: ${val}`).join("\r\n")}`,
        type: "multipart/form-data; boundary=elsewhere",
      };
    case "none":
      return { body: new TextEncoder().encode(entries.map(([k, val]) => `${k}=${val}`).join("&")) };
  }
}

async function request(
  file: string,
  c: RouteCase,
  input: Input,
  params: Record<string, string>,
  entries: [string, string][],
  json?: string,
): Promise<ActionFunctionArgs> {
  const headers = new Headers();
  if (input.viewer === "scim") headers.set("Authorization", `Bearer ${scimToken}`);
  const cookie = input.viewer === "anon" || input.viewer === "scim" ? undefined : await cookieOf(input.viewer);
  if (cookie) headers.set("Cookie", cookie);
  const method = input.api?.method ?? "POST";
  const { body, type } = bodyFor(entries, input.encoding, c.files ?? [], json);
  if (type) headers.set("Content-Type", type);
  return {
    request: new Request(`http://rapport.test/${file}`, { method, headers, body }),
    params,
    context: { clientAddress: "203.0.113.9" } as AppLoadContext,
  };
}

// ---- what came back ------------------------------------------------------------

type Outcome = {
  kind: "accepted" | "refused";
  status: number;
  messages: number | null;
  location?: string | null;
  detail?: string;
};

/** A 3xx the action returns is success; a thrown one (to sign in) and every 4xx are refusals. */
async function outcomeOf(run: () => Promise<unknown>): Promise<Outcome> {
  let result: unknown;
  try {
    result = await run();
  } catch (thrown) {
    if (thrown instanceof Response) return { kind: "refused", status: thrown.status, messages: null };
    throw thrown;
  }
  if (result instanceof Response) {
    return {
      kind: result.status < 400 ? "accepted" : "refused",
      status: result.status,
      messages: null,
      location: result.headers.get("Location"),
    };
  }
  const init = (result as { init?: { status?: number } | null } | null)?.init;
  const status = init?.status ?? 200;
  const payload = init ? (result as { data: unknown }).data : result;
  return {
    kind: status < 400 ? "accepted" : "refused",
    status,
    messages: countMessages(payload),
    detail: JSON.stringify((payload as { error?: unknown })?.error ?? "").slice(0, 200),
  };
}

/** Messages in a conform reply ({ error: { field: [..] } }) or the import's { errors: [..] }. */
function countMessages(payload: unknown): number {
  const p = payload as { error?: Record<string, string[] | null> | null; errors?: unknown[] } | null;
  const fieldMessages = Object.values(p?.error ?? {}).reduce((n, list) => n + (list?.length ?? 0), 0);
  return fieldMessages + (p?.errors?.length ?? 0);
}

// ---- the pages that show what was stored ------------------------------------------

async function pagesStillLoad(): Promise<void> {
  const alice = refs["@person:alice"]!;
  const meetingId = await nextMeetingOfAlice();
  const pages: [string, Viewer, string, Record<string, string>][] = [
    ["me._index", "alice", "/me", {}],
    ["people.$personId._index", "manager", `/people/${alice}`, { personId: alice }],
    ["meetings.$meetingId", "alice", `/meetings/${meetingId}`, { meetingId }],
    ["meetings.$meetingId", "manager", `/meetings/${meetingId}`, { meetingId }],
    ["follow-ups", "manager", "/follow-ups", {}],
    ["commitments.$commitmentId", "alice", "/", { commitmentId: refs["@commitment:alice"]! }],
    ["admin.people._index", "admin", "/admin/people", {}],
    ["admin.teams", "admin", "/admin/teams", {}],
    // The download holds whatever hostile text was stored: it is made, never a 5xx (ADR 042).
    ["me.privacy_.data[.]json", "alice", "/me/privacy/data.json", {}],
    ["me.privacy_.data[.]zip", "alice", "/me/privacy/data.zip", {}],
  ];
  for (const [file, who, url, params] of pages) {
    const headers = new Headers({ Cookie: await cookieOf(who) });
    const outcome = await outcomeOf(() =>
      modules[file]!.loader!({
        request: new Request(`http://rapport.test${url}`, { headers }),
        params,
        context: {} as AppLoadContext,
      }),
    );
    expect(outcome.status, `${file} as ${who}`).toBeLessThan(400);
  }
}

// ---- the property ----------------------------------------------------------------

const UNKNOWN_INTENTS = [
  "",
  "EDIT",
  "edit ",
  "delete",
  "destroy",
  "__proto__",
  "constructor",
  "toString",
  "add-topic\u0000",
];

function inputFor(c: RouteCase): fc.Arbitrary<Input> {
  const fieldValue = (arb: fc.Arbitrary<string>) =>
    fc.oneof(
      { arbitrary: arb.map((x) => [x]), weight: 24 },
      { arbitrary: fc.array(fc.oneof(arb, anyValue), { minLength: 0, maxLength: 3 }), weight: 1 },
      { arbitrary: anyValue.map((x) => [x]), weight: 2 },
    );
  const fields = fc.record(
    Object.fromEntries(
      Object.entries(c.fields).map(([name, arb]) => [name, fc.option(fieldValue(arb), { freq: 16, nil: undefined })]),
    ),
  );
  const intent = c.intents
    ? fc.option(
        fc.oneof(
          { arbitrary: fc.constantFrom(...c.intents).map((x) => [x]), weight: 8 },
          { arbitrary: fc.constantFrom(...UNKNOWN_INTENTS).map((x) => [x]), weight: 1 },
          { arbitrary: fc.constant([...c.intents.slice(0, 2)]), weight: 1 },
        ),
        { freq: 12, nil: undefined },
      )
    : fc.option(
        fc.constantFrom(...UNKNOWN_INTENTS).map((x) => [x]),
        { freq: 2, nil: undefined },
      );
  const extras = fc.array(fc.tuple(extraName, anyValue), { maxLength: 3 });
  // Thousands of fields, repeated or not: conform once merged repeats at a quadratic cost.
  const flood = fc.oneof(
    { arbitrary: fc.constant<[string, string][]>([]), weight: 30 },
    {
      arbitrary: fc
        .tuple(fc.constantFrom(600, 5_000), fc.boolean())
        .map(([n, same]) => Array.from({ length: n }, (_, i): [string, string] => [same ? "title" : `f${i}`, "x"])),
      weight: 1,
    },
  );
  const params = fc.record(c.params ?? {});
  const viewer: fc.Arbitrary<Caller> = fc.oneof(
    { arbitrary: fc.constantFrom(...c.actors), weight: 3 },
    { arbitrary: fc.constantFrom(...VIEWERS), weight: 2 },
  );
  if (c.api) {
    // Mostly JSON as providers send it; now and then a form or garbage, which must be refused as well.
    const apiEncoding = fc.oneof(
      { arbitrary: fc.constant<Encoding>("scim-json"), weight: 12 },
      { arbitrary: fc.constant<Encoding>("json"), weight: 2 },
      { arbitrary: fc.constantFrom<Encoding>("multipart", "text", "bad-multipart", "none"), weight: 1 },
    );
    return fc
      .record({ viewer, params, api: c.api, extras, encoding: apiEncoding })
      .map(({ viewer, params, api, extras, encoding }) => ({ viewer, params, api, entries: extras, encoding }));
  }
  const encoding = fc.oneof(
    { arbitrary: fc.constant<Encoding>("multipart"), weight: 12 },
    { arbitrary: fc.constant<Encoding>("urlencoded"), weight: 4 },
    { arbitrary: fc.constantFrom<Encoding>("text", "json", "bad-multipart", "none"), weight: 1 },
  );
  return fc
    .record({ viewer, params, fields, intent, extras, flood, encoding })
    .map(({ viewer, params, fields, intent, extras, flood, encoding }) => {
      const entries: [string, string][] = [];
      for (const value of intent ?? []) entries.push(["intent", value]);
      for (const [name, values] of Object.entries(fields))
        for (const value of values ?? []) entries.push([name, value]);
      entries.push(...extras, ...flood);
      return { viewer, params, entries, encoding };
    });
}

async function runOnce(file: string, c: RouteCase, input: Input): Promise<Outcome> {
  const params = await resolveParams(input.params);
  const version = await currentVersion(c.target, params);
  const entries: [string, string][] = [];
  for (const [name, value] of input.entries) entries.push([name, await resolveRef(value, version)]);
  const exclude = Object.keys(c.mayWriteWhenRefused ?? {});
  const json =
    input.api && "body" in input.api ? await resolveRef(JSON.stringify(input.api.body) ?? "null", version) : undefined;
  // The request (and its session) exists before the snapshot: only what the action writes counts.
  const args = await request(file, c, input, params, entries, json);
  const before = await snapshot(exclude);
  const outcome = await outcomeOf(async () => modules[file]!.action!(args));
  expect(outcome.status, "never a 5xx").toBeLessThan(500);
  expect(({} as Record<string, unknown>).polluted, "Object.prototype stays clean").toBeUndefined();
  // A hostile redirectTo must not send anyone off the site.
  if (outcome.location) expect(outcome.location, "redirects stay on the site").toMatch(/^\/(?![/\\])/);
  if (outcome.kind === "refused") {
    expect(await snapshot(exclude), "a refused request writes nothing").toEqual(before);
    if (outcome.messages !== null && outcome.status === 400)
      expect(outcome.messages, "a refused form says why").toBeGreaterThan(0);
  }
  return outcome;
}

describe("every route action, fed hostile input", () => {
  test("the table covers exactly the route modules that export an action", () => {
    const withAction = routeFiles().filter((file) => typeof modules[file]?.action === "function");
    expect(withAction.length).toBeGreaterThan(10);
    expect(Object.keys(CASES).sort()).toEqual(withAction);
    // Nested route folders would escape the listing above.
    expect(
      fs
        .readdirSync(ROUTES_DIR, { withFileTypes: true })
        .filter((e) => e.isDirectory())
        .map((e) => e.name),
    ).toEqual([]);
  });

  test.each(Object.keys(CASES))(
    "%s",
    async (file) => {
      const c = CASES[file]!;
      const runs = Math.max(5, Math.round(RUNS * (c.runShare ?? 1)));
      const seen = { accepted: 0, refused: 0, statuses: new Map<number, number>() };
      await fc.assert(
        fc.asyncProperty(inputFor(c), async (input) => {
          const outcome = await runOnce(file, c, input);
          seen[outcome.kind]++;
          seen.statuses.set(outcome.status, (seen.statuses.get(outcome.status) ?? 0) + 1);
          if (process.env.FC_VERBOSE === "2")
            console.log(file, outcome.status, JSON.stringify(input).slice(0, 300), outcome.detail ?? "");
        }),
        { seed: SEED, numRuns: runs },
      );
      // What the accepted runs stored still loads on every page that shows it.
      await pagesStillLoad();
      const tally = [...seen.statuses].map(([status, n]) => `${status}x${n}`).join(" ");
      if (process.env.FC_VERBOSE)
        console.log(`${file}: ${runs} runs, accepted ${seen.accepted}, refused ${seen.refused} (${tally})`);
      // A run that never gets past the door tests nothing: each action must both refuse and accept, but
      // sign-in, which these viewers never get through.
      if (file !== "sign-out") expect(seen.refused).toBeGreaterThan(0);
      if (file !== "sign-in") expect(seen.accepted, `statuses seen: ${tally}`).toBeGreaterThan(0);
    },
    120_000,
  );
});
