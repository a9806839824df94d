import fc from "fast-check";
import * as v from "./values";

/**
 * Every route action and the form it reads, as field -> value generator.
 * Intents list what the route's forms send; the test adds unknown ones.
 * `actors` are the viewers who may get past authorization, picked more often
 * so the hostile values reach the schema and the services. `target` names
 * the record whose version "@version" stands for.
 */
export interface RouteCase {
  params?: Record<string, fc.Arbitrary<string>>;
  fields: Record<string, fc.Arbitrary<string>>;
  intents?: string[];
  actors: Viewer[];
  target?: { table: string; param: string };
  /** Tables a refused request may legitimately write, each with its reason. */
  mayWriteWhenRefused?: Record<string, string>;
  /** Field values sent as files (the import's upload). */
  files?: string[];
  /** A share of the runs, for an action whose every run is slow by design. */
  runShare?: number;
}

export const VIEWERS = ["anon", "alice", "manager", "ceo", "peer", "other", "former", "hr", "admin"] as const;
export type Viewer = (typeof VIEWERS)[number];

const goalFields = { title: v.text(200), whyItMatters: v.text(2000), successMeasure: v.text(2000), targetDate: v.date };
const commitmentFields = {
  change: v.text(300),
  painOfDoingNothing: v.text(2000),
  firstStep: v.text(1000),
  managerSupport: v.text(1000),
  checkInEveryDays: v.int(1, 365),
  redirectTo: v.mostly(["/me"], ["//evil.example", "https://evil.example", "/\\evil.example", "javascript:alert(1)"]),
};
const riskFields = {
  kind: v.oneOf("flight", "change", "overload", "indecision", "remorse", "other"),
  pointKey: v.int(1, 15),
  description: v.text(2000),
  likelihood: v.int(1, 3),
  impact: v.int(1, 3),
  mitigation: v.text(2000),
  reviewOn: v.date,
};
const checklistFields = Object.fromEntries(
  [0, 1, 2].flatMap((i) => [
    [`entries[${i}].pointKey`, v.int(1, 15)],
    [`entries[${i}].rating`, v.int(1, 5)],
    [`entries[${i}].note`, v.text(2000)],
  ]),
);
const personFields = {
  name: v.text(120),
  email: v.email,
  teamId: v.id("@team:a", "@team:b"),
  managerEmail: v.managerEmail,
  roles: v.mostly(["manager", "hr", "admin"], ["wizard", "ADMIN"]),
  // Mostly empty (kept as is): a valid password costs a scrypt hash per run.
  password: fc.constantFrom("", "", "", "", "", "a-long-enough-password", "short", "p\u0000ssword-long-enough"),
};
const alicePerson = v.id("@person:alice", "@person:peer", "@person:otherReport", "@person:manager");

const csvCell = fc.oneof(v.text(120), v.anyValue, v.csvEmail);
const csvRow = fc
  .tuple(
    v.csvEmail,
    v.text(120),
    fc.oneof({ arbitrary: fc.constantFrom("", "Team A", "New Team"), weight: 4 }, { arbitrary: csvCell, weight: 1 }),
    fc.oneof({ arbitrary: v.managerEmail, weight: 4 }, { arbitrary: csvCell, weight: 1 }),
    v.mostly(["", "manager", "hr;admin", "manager|"], ["wizard"]),
  )
  .map((cells) => cells.map((c) => (/[",\n\r]/.test(c) ? `"${c.replaceAll('"', '""')}"` : c)).join(","));
const csv = fc.oneof(
  { arbitrary: fc.array(csvRow, { minLength: 1, maxLength: 4 }).map((rows) => ["email,name,team,manager_email,roles", ...rows].join("\n")), weight: 4 },
  { arbitrary: v.anyValue, weight: 1 },
);

export const CASES: Record<string, RouteCase> = {
  "admin.import": { fields: { csv, file: csv }, files: ["file"], intents: ["preview", "import"], actors: ["admin"] },
  "admin.people.$personId": {
    params: { personId: v.id("@person:victim", "@person:victim2") },
    fields: { ...personFields, version: v.version, active: v.oneOf("true", "false") },
    intents: ["edit", "active"],
    actors: ["admin"],
    target: { table: "people", param: "personId" },
  },
  "admin.people.new": { fields: personFields, actors: ["admin"] },
  "admin.teams": { fields: { name: v.text(120), parentTeamId: v.id("@team:a", "@team:b") }, actors: ["admin"] },
  "commitments.$commitmentId": {
    params: { commitmentId: v.id("@commitment:alice", "@commitment:otherReport") },
    fields: {
      ...commitmentFields,
      version: v.version,
      to: v.mostly(["proposed", "committed", "in_progress", "done", "abandoned"], ["stalled", "PROPOSED"]),
      note: v.text(1000),
      firstStepDone: v.bool,
      stillGlad: v.oneOf("yes", "no"),
    },
    intents: ["edit", "transition", "check-in", "remorse"],
    actors: ["alice", "manager"],
    target: { table: "commitments", param: "commitmentId" },
  },
  "follow-ups": {
    fields: { itemId: v.id("@item:alice", "@item:otherReport"), status: v.mostly(["done", "dropped"], ["open", "deleted"]), redirectTo: commitmentFields.redirectTo },
    actors: ["alice", "manager"],
  },
  "me.checklist": { fields: checklistFields, actors: ["alice"] },
  "me.commitments.new": { fields: commitmentFields, actors: ["alice"] },
  "me.goals.$goalId": {
    params: { goalId: v.id("@goal:alice", "@goal:peer", "@goal:otherReport") },
    fields: { ...goalFields, version: v.version, goalId: v.id("@goal:alice", "@goal:peer"), progress: v.int(0, 100), note: v.text(1000), status: v.oneOf("active", "achieved", "dropped") },
    intents: ["edit", "progress", "status"],
    actors: ["alice"],
    target: { table: "goals", param: "goalId" },
  },
  "me.goals.new": { fields: goalFields, actors: ["alice"] },
  "meetings.$meetingId": {
    params: { meetingId: v.id("@meeting:alice", "@meeting:aliceHeld", "@meeting:otherReport") },
    fields: {
      version: v.version,
      scheduledAt: v.mostly(["2026-09-01T10:00", "2027-01-31T08:30"], ["2026-02-30T10:00", "9999-12-31T23:59", "0000-01-01T00:00", "2026-09-01T10:00:00Z", "2026-09-01T24:00"]),
      title: v.text(300),
      details: v.text(2000),
      private: v.bool,
      topicId: v.id("@topic:alice", "@topic:managerPrivate", "@topic:otherReport"),
      direction: v.mostly(["up", "down"], ["sideways"]),
      itemKey: fc.tuple(fc.constantFrom("goal", "topic", "action-item", "commitment", "risk", "checklist", "x"), v.id("@goal:alice", "@topic:alice", "@item:alice")).map(([k, i]) => `${k}:${i}`),
      checked: v.oneOf("true", "false"),
      visibility: v.mostly(["shared", "private"], ["public"]),
      body: v.text(20000),
      owner: v.mostly(["report", "manager"], ["hr"]),
      dueOn: v.date,
    },
    intents: ["reschedule", "cancel", "add-topic", "move-topic", "remove-topic", "check", "add-note", "add-action", "finish"],
    actors: ["alice", "manager"],
    target: { table: "meetings", param: "meetingId" },
  },
  "meetings.$meetingId_.pulse": {
    params: { meetingId: v.id("@meeting:aliceHeld", "@meeting:alice", "@meeting:otherReport") },
    fields: { understood: v.int(1, 5), progressing: v.int(1, 5), overloaded: v.int(1, 5), enps: v.int(0, 10) },
    actors: ["alice"],
  },
  "people.$personId.checklist": { params: { personId: alicePerson }, fields: checklistFields, actors: ["manager"] },
  "people.$personId.commitments.new": { params: { personId: alicePerson }, fields: commitmentFields, actors: ["manager"] },
  "people.$personId.rhythm": {
    params: { personId: alicePerson },
    fields: {
      cadence: v.mostly(["weekly", "biweekly", "monthly", "days"], ["hourly"]),
      intervalDays: v.int(1, 92),
      lengthMinutes: v.int(10, 240),
      weekday: v.int(1, 7),
      startTime: v.mostly(["10:00", "23:59", "00:00"], ["24:00", "9:00", "10:00:00", "10:00\u0000"]),
    },
    actors: ["manager"],
  },
  "people.$personId.risks.$riskId": {
    params: { personId: alicePerson, riskId: v.id("@risk:alice", "@risk:otherReport") },
    fields: { ...riskFields, version: v.version, note: v.text(1000), nextReviewOn: v.date },
    intents: ["edit", "review", "close", "reopen"],
    actors: ["manager"],
    target: { table: "risks", param: "riskId" },
  },
  "people.$personId.risks.new": { params: { personId: alicePerson }, fields: riskFields, actors: ["manager"] },
  "sign-in": {
    fields: { email: v.email, password: fc.oneof(fc.constant("not-the-password"), v.anyValue), redirectTo: commitmentFields.redirectTo },
    actors: ["anon"],
    // Every attempt checks a password (a decoy hash for unknown emails), so that neither time nor answer tells who exists.
    runShare: 0.5,
    mayWriteWhenRefused: {
      // The throttle records every failed attempt before it checks the password, so that
      // parallel guesses count against each other (app/services/sign-in.server.ts).
      sign_in_failures: "a refused sign-in is counted by the throttle",
    },
  },
  "sign-out": { fields: {}, actors: ["alice"] },
};
