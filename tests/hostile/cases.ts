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
  actors: Caller[];
  target?: { table: string; param: string };
  /** Tables a refused request may legitimately write, each with its reason. */
  mayWriteWhenRefused?: Record<string, string>;
  /** Field values sent as files (the import's upload). */
  files?: string[];
  /** A share of the runs, for an action whose every run is slow by design. */
  runShare?: number;
  /**
   * A JSON API instead of a form (the SCIM service): its requests, method and
   * JSON body ("@" references inside its strings are resolved). Its actor is
   * "scim", a provider with a live bearer token; every other viewer sends only
   * their cookie, which such a route must ignore.
   */
  api?: fc.Arbitrary<ApiRequest>;
}

export interface ApiRequest {
  method: string;
  body?: unknown;
}

export const VIEWERS = ["anon", "alice", "manager", "ceo", "peer", "other", "former", "hr", "admin"] as const;
export type Viewer = (typeof VIEWERS)[number];
/** Who sends a request: a viewer by their cookie, or an identity provider by its SCIM token. */
export type Caller = Viewer | "scim";

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
  // No longer read (an admin sets no password, ADR 025): one posted anyway must change nothing.
  password: fc.constantFrom("", "a-long-enough-password", "short", "p\u0000ssword-long-enough"),
};
/** A link's token: mostly a live one, freshly sent to a newcomer ("@passwordToken:…"), else made up. */
const passwordToken = (purpose: "invite" | "reset") =>
  fc.oneof(
    { arbitrary: fc.constant(`@passwordToken:${purpose}`), weight: 3 },
    { arbitrary: fc.stringMatching(/^[A-Za-z0-9_-]{43}$/), weight: 1 },
    { arbitrary: v.anyValue, weight: 1 },
  );
const GOOD_PASSWORD = "a long enough password";
const passwordFields = {
  password: fc.oneof(
    { arbitrary: fc.constant(GOOD_PASSWORD), weight: 3 },
    { arbitrary: fc.constantFrom("short", "password1234"), weight: 1 },
    { arbitrary: v.anyValue, weight: 1 },
  ),
  confirmPassword: fc.oneof({ arbitrary: fc.constant(GOOD_PASSWORD), weight: 3 }, { arbitrary: v.anyValue, weight: 1 }),
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
  {
    arbitrary: fc
      .array(csvRow, { minLength: 1, maxLength: 4 })
      .map((rows) => ["email,name,team,manager_email,roles", ...rows].join("\n")),
    weight: 4,
  },
  { arbitrary: v.anyValue, weight: 1 },
);

// ---- SCIM: what Okta and Entra send, and what a hostile client might ----------------

const ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
const USER_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:User";
const PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp";

/** Mostly what a provider sends; now and then what no provider does. */
const scimMostly = <T>(valid: fc.Arbitrary<T>) =>
  fc.oneof(
    { arbitrary: valid, weight: 8 },
    { arbitrary: fc.oneof(v.anyValue, fc.constantFrom(null, 7, true, {}, [], [1])), weight: 1 },
  );
const scimBool = fc.oneof(
  { arbitrary: fc.boolean(), weight: 4 },
  { arbitrary: fc.constantFrom("True", "False", "true", "FALSE"), weight: 2 },
  { arbitrary: fc.constantFrom<unknown>("yes", 1, 0, null, ""), weight: 1 },
);
/** Managers among the victims, the cast's manager, or someone who is nobody. */
const scimManagerId = v.id("@person:victim", "@person:victim2", "@person:manager");
const scimManager = fc.oneof(
  { arbitrary: scimManagerId.map((value) => ({ value })), weight: 4 },
  { arbitrary: scimManagerId, weight: 2 },
  { arbitrary: scimManagerId.map((value) => [{ value }]), weight: 1 },
  { arbitrary: fc.constantFrom<unknown>(null, "", { value: "" }, { value: 42 }, {}, [{}, {}]), weight: 1 },
);
const scimDepartment = fc.constantFrom("Team A", "team b", "New Team", "");
const scimUser = fc.record(
  {
    schemas: fc.oneof(
      { arbitrary: fc.constantFrom([USER_SCHEMA], [USER_SCHEMA, ENTERPRISE]), weight: 8 },
      { arbitrary: fc.constantFrom<unknown>(["urn:nope"], "x"), weight: 1 },
    ),
    userName: scimMostly(v.email),
    name: scimMostly(
      fc.record({ formatted: v.text(120), givenName: v.text(50), familyName: v.text(50) }, { requiredKeys: [] }),
    ),
    displayName: scimMostly(v.text(120)),
    active: scimBool,
    externalId: scimMostly(fc.oneof(fc.uuid(), fc.string({ minLength: 1, maxLength: 20 }))),
    emails: fc.constantFrom<unknown>([{ value: "x@y.test", type: "work", primary: true }], "nope"),
    title: v.anyValue,
    [ENTERPRISE]: scimMostly(
      fc.record({ manager: scimManager, department: scimDepartment, employeeNumber: v.anyValue }, { requiredKeys: [] }),
    ),
  },
  { requiredKeys: ["userName"] },
);
/** A path and a value that fits it, mostly. */
const scimPathValue = fc.oneof(
  fc.tuple(fc.constant("active"), scimBool),
  fc.tuple(
    fc.constantFrom("displayName", "name.formatted", "name.givenName", "title", 'emails[type eq "work"].value'),
    scimMostly(v.text(120)),
  ),
  fc.tuple(fc.constant("userName"), scimMostly(v.email)),
  fc.tuple(fc.constant("externalId"), scimMostly(fc.uuid())),
  fc.tuple(fc.constant(`${ENTERPRISE}:manager`), scimManager),
  fc.tuple(fc.constant(`${ENTERPRISE}:manager.value`), scimManagerId),
  fc.tuple(fc.constant(`${ENTERPRISE}:department`), scimDepartment),
  fc.tuple(
    fc.constantFrom("id", "meta.created", "emails[type eq", "__proto__", "a..b", `urn:custom:ext:User:x`, ""),
    v.anyValue,
  ),
);
const scimOperation = fc.oneof(
  {
    arbitrary: fc
      .tuple(fc.constantFrom("replace", "Replace", "add", "Add"), scimPathValue)
      .map(([op, [path, value]]) => ({ op, path, value })),
    weight: 6,
  },
  {
    arbitrary: fc.record({
      op: fc.constantFrom("replace", "add"),
      value: fc.record({ active: scimBool, displayName: v.text(120) }, { requiredKeys: [] }),
    }),
    weight: 2,
  },
  {
    arbitrary: fc.record({
      op: fc.constantFrom("remove", "Remove"),
      path: fc.constantFrom("externalId", `${ENTERPRISE}:manager`, "displayName", "active"),
    }),
    weight: 1,
  },
  { arbitrary: fc.record({ op: v.anyValue, path: v.anyValue, value: v.anyValue }, { requiredKeys: [] }), weight: 1 },
);
const scimPatch = fc.record(
  {
    schemas: fc.oneof(
      { arbitrary: fc.constant([PATCH_OP]), weight: 8 },
      { arbitrary: fc.constant(["urn:nope"]), weight: 1 },
    ),
    Operations: fc.oneof(
      { arbitrary: fc.array(scimOperation, { minLength: 1, maxLength: 4 }), weight: 12 },
      { arbitrary: fc.constantFrom<unknown>([], "x", null), weight: 1 },
    ),
  },
  { requiredKeys: ["Operations"] },
);
/** Bodies no provider sends: not an object, a prototype key, nothing. */
const scimGarbage = fc.oneof(
  v.anyValue,
  fc.constantFrom<unknown>(null, [], 42, JSON.parse('{"__proto__":{"polluted":1},"userName":"proto@test.rapport"}')),
);

export const CASES: Record<string, RouteCase> = {
  "admin.import": {
    fields: { csv, file: csv },
    files: ["file"],
    intents: ["preview", "import", "invite-new"],
    actors: ["admin"],
  },
  "admin.people.$personId": {
    params: { personId: v.id("@person:victim", "@person:victim2") },
    fields: { ...personFields, version: v.version, active: v.oneOf("true", "false") },
    intents: ["edit", "active", "invite"],
    actors: ["admin"],
    target: { table: "people", param: "personId" },
  },
  "admin.people.new": { fields: personFields, actors: ["admin"] },
  // The organisation backup (ADR 045): the form sends nothing but its write-once key; admins only.
  "admin.backup_.download": { fields: {}, actors: ["admin"], runShare: 0.3 },
  "admin.scim": {
    fields: { name: v.text(80), tokenId: v.id("@scimToken:a", "@scimToken:b") },
    intents: ["create", "revoke"],
    actors: ["admin"],
  },
  "admin.teams": {
    fields: { name: v.text(120), parentTeamId: v.id("@team:a", "@team:b"), teamId: v.id("@team:a", "@team:b") },
    intents: ["create", "edit", "remove"],
    actors: ["admin"],
  },
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
    fields: {
      itemId: v.id("@item:alice", "@item:otherReport"),
      status: v.mostly(["done", "dropped"], ["open", "deleted"]),
      redirectTo: commitmentFields.redirectTo,
    },
    actors: ["alice", "manager"],
  },
  "me.checklist": { fields: checklistFields, actors: ["alice"] },
  // Who read what about you (ADR 041): a forged "remove this receipt", by its person or an admin, is always refused.
  // Sharing earlier 1:1s (ADR 043) is the person's alone, with their manager now: all of them, or one.
  "me.privacy": {
    fields: {
      scope: fc.oneof(
        v.mostly(["all"], ["none", "ALL"]),
        v.id("@meeting:aliceEarlier", "@meeting:aliceHeld", "@meeting:otherReport"),
      ),
      subjectId: v.id("@person:alice", "@person:peer"),
    },
    intents: ["share-history", "stop-sharing-history", "delete", "edit"],
    actors: ["alice", "admin"],
  },
  "me.commitments.new": { fields: commitmentFields, actors: ["alice"] },
  "me.goals.$goalId": {
    params: { goalId: v.id("@goal:alice", "@goal:peer", "@goal:otherReport") },
    fields: {
      ...goalFields,
      version: v.version,
      goalId: v.id("@goal:alice", "@goal:peer"),
      progress: v.int(0, 100),
      note: v.text(1000),
      status: v.oneOf("active", "achieved", "dropped"),
    },
    intents: ["edit", "progress", "status"],
    actors: ["alice"],
    target: { table: "goals", param: "goalId" },
  },
  "me.goals.new": { fields: goalFields, actors: ["alice"] },
  "meetings.$meetingId": {
    params: { meetingId: v.id("@meeting:alice", "@meeting:aliceHeld", "@meeting:otherReport") },
    fields: {
      version: v.version,
      scheduledAt: v.mostly(
        ["2026-09-01T10:00", "2027-01-31T08:30"],
        ["2026-02-30T10:00", "9999-12-31T23:59", "0000-01-01T00:00", "2026-09-01T10:00:00Z", "2026-09-01T24:00"],
      ),
      title: v.text(300),
      details: v.text(2000),
      private: v.bool,
      topicId: v.id("@topic:alice", "@topic:managerPrivate", "@topic:otherReport"),
      direction: v.mostly(["up", "down"], ["sideways"]),
      itemKey: fc
        .tuple(
          fc.constantFrom("goal", "topic", "action-item", "commitment", "risk", "checklist", "x"),
          v.id("@goal:alice", "@topic:alice", "@item:alice"),
        )
        .map(([k, i]) => `${k}:${i}`),
      checked: v.oneOf("true", "false"),
      visibility: v.mostly(["shared", "private"], ["public"]),
      body: v.text(20000),
      owner: v.mostly(["report", "manager"], ["hr"]),
      dueOn: v.date,
    },
    intents: [
      "reschedule",
      "cancel",
      "add-topic",
      "move-topic",
      "remove-topic",
      "check",
      "add-note",
      "add-action",
      "finish",
    ],
    actors: ["alice", "manager"],
    target: { table: "meetings", param: "meetingId" },
  },
  "meetings.$meetingId_.pulse": {
    params: { meetingId: v.id("@meeting:aliceHeld", "@meeting:alice", "@meeting:otherReport") },
    fields: { understood: v.int(1, 5), progressing: v.int(1, 5), overloaded: v.int(1, 5), enps: v.int(0, 10) },
    actors: ["alice"],
  },
  "people.$personId.checklist": { params: { personId: alicePerson }, fields: checklistFields, actors: ["manager"] },
  "people.$personId.commitments.new": {
    params: { personId: alicePerson },
    fields: commitmentFields,
    actors: ["manager"],
  },
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
  "scim.v2.Users": {
    fields: {},
    actors: ["scim"],
    api: fc.oneof(
      { arbitrary: scimUser.map((body) => ({ method: "POST", body })), weight: 10 },
      { arbitrary: scimGarbage.map((body) => ({ method: "POST", body })), weight: 1 },
      { arbitrary: fc.constantFrom({ method: "PUT", body: {} }, { method: "DELETE" }), weight: 1 },
    ),
    mayWriteWhenRefused: {
      scim_tokens: "the token's last use is stamped when it is checked, before the request is read",
      security_events: "the security log takes the token's use as often as its last use is stamped",
    },
  },
  "scim.v2.Users_.$id": {
    // Only the victims: the cast the other actions are tried as must keep their lines and addresses.
    params: { id: v.id("@person:victim", "@person:victim2") },
    fields: {},
    actors: ["scim"],
    api: fc.oneof(
      { arbitrary: scimPatch.map((body) => ({ method: "PATCH", body })), weight: 6 },
      { arbitrary: scimUser.map((body) => ({ method: "PUT", body })), weight: 3 },
      { arbitrary: fc.constant({ method: "DELETE" }), weight: 1 },
      {
        arbitrary: fc.tuple(fc.constantFrom("PATCH", "PUT"), scimGarbage).map(([method, body]) => ({ method, body })),
        weight: 1,
      },
      { arbitrary: fc.constant({ method: "POST", body: {} }), weight: 1 },
    ),
    mayWriteWhenRefused: {
      scim_tokens: "the token's last use is stamped when it is checked, before the request is read",
      security_events: "the security log takes the token's use as often as its last use is stamped",
    },
  },
  "forgot-password": {
    fields: { email: v.email },
    actors: ["anon"],
    mayWriteWhenRefused: { sign_in_failures: "every reset request is counted by the throttle, known address or not" },
  },
  "invite.$token": { params: { token: passwordToken("invite") }, fields: passwordFields, actors: ["anon", "alice"] },
  "reset-password.$token": {
    params: { token: passwordToken("reset") },
    fields: passwordFields,
    actors: ["anon", "alice"],
  },
  "unsubscribe.$token": {
    params: {
      token: fc.oneof(
        { arbitrary: fc.constant("@unsubscribeToken"), weight: 3 },
        { arbitrary: fc.stringMatching(/^[A-Za-z0-9_-]{43}$/), weight: 1 },
        { arbitrary: v.anyValue, weight: 1 },
      ),
    },
    fields: { "List-Unsubscribe": v.mostly(["One-Click"], ["one-click", "", "One-Click "]) },
    actors: ["anon", "alice"],
  },
  settings: {
    fields: {
      ...passwordFields,
      currentPassword: fc.oneof(fc.constant("not-the-password"), v.anyValue),
      sessionId: v.id("@person:alice", "@person:peer"),
      kinds: v.mostly(["report-reminder", "weekly-digest"], ["everything", "Report-Reminder"]),
      reportLeadMinutes: v.mostly(["15", "1440", "2880"], ["7", "-60", "1e9", "2881"]),
      managerLeadMinutes: v.mostly(["60"], ["0", "abc"]),
      digestWeekday: v.mostly(["1", "7"], ["0", "8", "1.5"]),
      digestHour: v.mostly(["0", "23"], ["24", "-1"]),
    },
    intents: [
      "password",
      "sign-out-session",
      "sign-out-others",
      "sign-out-everywhere",
      "messages",
      "calendar-feed-make",
      "calendar-feed-off",
    ],
    actors: ["alice"],
  },
  "sign-in": {
    fields: {
      email: v.email,
      password: fc.oneof(fc.constant("not-the-password"), v.anyValue),
      redirectTo: commitmentFields.redirectTo,
    },
    actors: ["anon"],
    // Every attempt checks a password (a decoy hash for unknown emails), so that neither time nor answer tells who exists.
    runShare: 0.5,
    mayWriteWhenRefused: {
      // The throttle records every failed attempt before it checks the password, so that
      // parallel guesses count against each other (app/services/sign-in.server.ts).
      sign_in_failures: "a refused sign-in is counted by the throttle",
      security_events: "a refused sign-in is in the security log: who tried, from where, why it failed",
    },
  },
  "sign-out": { fields: {}, actors: ["alice"] },
};
