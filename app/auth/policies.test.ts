import { describe, expect, test } from "vitest";
import { can, policies, refusalReasons, relationship, type Action, type Subject, type Viewer } from "./policies";

// A small org: ceo > manager > (alice, bob); ceo > otherManager > carol.
// formerManager managed alice until she moved; futureManager is to take her over and does not yet;
// hr and admin are outside every line.
const person = (id: string, roles: Viewer["roles"] = []): Viewer => ({ id, name: id, email: `${id}@x.test`, roles });
const viewers = {
  self: person("alice"),
  manager: person("manager", ["manager"]),
  skipLevel: person("ceo", ["manager"]),
  peer: person("bob"),
  otherManager: person("otherManager", ["manager"]),
  formerManager: person("formerManager", ["manager"]),
  futureManager: person("futureManager", ["manager"]),
  hr: person("hr", ["hr"]),
  admin: person("admin", ["admin"]),
  hrAndAdmin: person("root", ["hr", "admin"]),
} as const;
type Who = keyof typeof viewers;
const everyone = Object.keys(viewers) as Who[];

const alice: Subject = { id: "alice", managerChain: ["manager", "ceo"] };
const account = { subject: alice };
const meetingWithManager = { subject: alice, managerId: "manager", sharedWith: [] };
const meetingWithFormerManager = { subject: alice, managerId: "formerManager", sharedWith: [] };
// An earlier line's 1:1 alice shared with her manager (ADR 043); and one with a share to every viewer
// there is, of which only her direct manager now may count.
const sharedWithManager = { subject: alice, managerId: "formerManager", sharedWith: ["manager"] };
const sharedWithEveryone = {
  subject: alice,
  managerId: "formerManager",
  sharedWith: Object.values(viewers).map((v) => v.id),
};
const privateByAlice = { subject: alice, authorId: "alice", private: true };
const privateByManager = { subject: alice, authorId: "manager", private: true };
const sharedByAlice = { subject: alice, authorId: "alice", private: false };
const agreedWithManager = { subject: alice, managerId: "manager" };
const agreedWithFormerManager = { subject: alice, managerId: "formerManager" };
// Alice's current line began on 1 March, for the manager and (as the later link) for the ceo above them.
const LINE_BEGAN = "2026-03-01T00:00:00.000Z";
const writtenInLine = {
  subject: alice,
  authorId: "manager",
  writtenAt: "2026-04-01T00:00:00.000Z",
  lineStartedAt: LINE_BEGAN,
};
const writtenByEarlierLine = {
  subject: alice,
  authorId: "formerManager",
  writtenAt: "2026-02-01T00:00:00.000Z",
  lineStartedAt: LINE_BEGAN,
};
const writtenByManagerBefore = {
  subject: alice,
  authorId: "manager",
  writtenAt: "2026-01-01T00:00:00.000Z",
  lineStartedAt: LINE_BEGAN,
};
const writtenWithNoLine = {
  subject: alice,
  authorId: "formerManager",
  writtenAt: "2026-04-01T00:00:00.000Z",
  lineStartedAt: null,
};

interface Row {
  action: Action;
  record: unknown;
  label: string;
  /** Who may, with skip-level read on (the default); everyone else must be refused. */
  allowed: Who[];
}

const rows: Row[] = [
  { action: "account:read", record: account, label: "alice's account", allowed: ["manager", "skipLevel"] },
  { action: "account:manage", record: account, label: "alice's account", allowed: ["manager"] },
  { action: "goal:read", record: account, label: "alice's goal", allowed: ["self", "manager", "skipLevel"] },
  { action: "goal:write", record: account, label: "alice's goal", allowed: ["self"] },
  { action: "risk:read", record: account, label: "a risk about alice", allowed: ["manager", "skipLevel"] },
  { action: "risk:write", record: account, label: "a risk about alice", allowed: ["manager"] },
  {
    action: "line-entry:read",
    record: writtenInLine,
    label: "a risk written in alice's current line",
    allowed: ["manager", "skipLevel"],
  },
  { action: "line-entry:read", record: writtenByEarlierLine, label: "a risk her earlier manager wrote", allowed: [] },
  {
    action: "line-entry:read",
    record: writtenByManagerBefore,
    label: "a risk her manager wrote in an earlier spell",
    allowed: ["manager"],
  },
  { action: "line-entry:read", record: writtenWithNoLine, label: "an entry with no line to date it", allowed: [] },
  {
    action: "commitment:read",
    record: account,
    label: "alice's commitment",
    allowed: ["self", "manager", "skipLevel"],
  },
  { action: "commitment:write", record: account, label: "alice's commitment", allowed: ["self", "manager"] },
  { action: "commitment:answer-remorse", record: account, label: "alice's still-glad check", allowed: ["self"] },
  { action: "assessment:read", record: account, label: "alice's checklist", allowed: ["self", "manager", "skipLevel"] },
  {
    action: "assessment:read-all",
    record: account,
    label: "the manager's ratings of alice",
    allowed: ["manager", "skipLevel"],
  },
  { action: "assessment:write-self", record: account, label: "alice's checklist", allowed: ["self"] },
  { action: "assessment:write-manager", record: account, label: "alice's checklist", allowed: ["manager"] },
  { action: "meeting:read", record: meetingWithManager, label: "alice's 1:1", allowed: ["self", "manager"] },
  { action: "meeting:read", record: meetingWithFormerManager, label: "alice's old 1:1", allowed: ["self"] },
  {
    action: "meeting:read",
    record: sharedWithManager,
    label: "alice's old 1:1 she shared with her manager",
    allowed: ["self", "manager"],
  },
  {
    action: "meeting:read",
    record: sharedWithEveryone,
    label: "alice's old 1:1 shared with every viewer",
    allowed: ["self", "manager"],
  },
  { action: "meeting:run", record: meetingWithManager, label: "alice's 1:1", allowed: ["manager"] },
  { action: "meeting:run", record: meetingWithFormerManager, label: "alice's old 1:1", allowed: [] },
  { action: "meeting:run", record: sharedWithEveryone, label: "alice's shared old 1:1", allowed: [] },
  { action: "meeting:write", record: meetingWithManager, label: "alice's 1:1", allowed: ["self", "manager"] },
  { action: "meeting:write", record: meetingWithFormerManager, label: "alice's old 1:1", allowed: ["self"] },
  { action: "meeting:write", record: sharedWithEveryone, label: "alice's shared old 1:1", allowed: ["self"] },
  { action: "meeting:add-topic", record: meetingWithManager, label: "alice's 1:1", allowed: ["self", "manager"] },
  { action: "meeting:add-topic", record: sharedWithEveryone, label: "alice's shared old 1:1", allowed: ["self"] },
  { action: "pulse:answer", record: meetingWithManager, label: "alice's pulse", allowed: ["self"] },
  { action: "authored:read", record: privateByAlice, label: "alice's private note", allowed: ["self"] },
  { action: "authored:read", record: privateByManager, label: "the manager's private note", allowed: ["manager"] },
  { action: "authored:read", record: sharedByAlice, label: "a shared note", allowed: ["self", "manager"] },
  { action: "authored:write", record: sharedByAlice, label: "alice's shared note", allowed: ["self"] },
  { action: "authored:write", record: privateByManager, label: "the manager's private note", allowed: ["manager"] },
  { action: "action-item:read", record: account, label: "alice's action item", allowed: ["self", "manager"] },
  { action: "history:search", record: account, label: "alice's 1:1 history", allowed: ["self", "manager"] },
  {
    action: "action-item:write",
    record: agreedWithManager,
    label: "alice's action item",
    allowed: ["self", "manager"],
  },
  {
    action: "action-item:write",
    record: agreedWithFormerManager,
    label: "alice's item from her old manager",
    allowed: ["self"],
  },
  { action: "data:export", record: account, label: "alice's data download", allowed: ["self"] },
  { action: "privacy:read", record: account, label: "who read what about alice", allowed: ["self"] },
  { action: "history:share", record: account, label: "sharing alice's earlier 1:1s", allowed: ["self"] },
  { action: "org:admin", record: null, label: "the org chart", allowed: ["admin", "hrAndAdmin"] },
  { action: "org:backup", record: null, label: "the organisation backup", allowed: ["admin", "hrAndAdmin"] },
  { action: "trends:read", record: null, label: "HR trends", allowed: ["hr", "hrAndAdmin"] },
  {
    action: "trends:read-line",
    record: null,
    label: "a manager's own line",
    allowed: ["manager", "skipLevel", "otherManager", "formerManager", "futureManager"],
  },
];

describe("every policy, for every kind of viewer", () => {
  const cases = rows.flatMap((row) => everyone.map((who) => ({ ...row, who, expected: row.allowed.includes(who) })));
  test.each(cases)("$who on $label ($action) -> $expected", ({ who, action, record, expected }) => {
    expect(can(viewers[who], action, record as never, { skipLevelRead: true })).toBe(expected);
  });

  test("every policy has a row", () => {
    const covered = new Set(rows.map((r) => r.action));
    expect(Object.keys(policies).filter((a) => !covered.has(a as Action))).toEqual([]);
  });
});

describe("skip-level read can be switched off", () => {
  const reads: Action[] = [
    "account:read",
    "goal:read",
    "risk:read",
    "commitment:read",
    "assessment:read",
    "assessment:read-all",
  ];
  test.each(reads)("%s refuses the manager's manager when off", (action) => {
    expect(can(viewers.skipLevel, action, account as never, { skipLevelRead: false })).toBe(false);
    expect(can(viewers.manager, action, account as never, { skipLevelRead: false })).toBe(true);
  });
  test("skip-level never writes", () => {
    const writes = (Object.keys(policies) as Action[]).filter((a) => /write|manage|run/.test(a));
    for (const action of writes) {
      const record = action.startsWith("meeting")
        ? meetingWithManager
        : action.startsWith("authored")
          ? sharedByAlice
          : account;
      expect(can(viewers.skipLevel, action, record as never, { skipLevelRead: true }), action).toBe(false);
    }
  });
});

describe("who read what about a person is theirs alone", () => {
  test("not their manager, skip-level, HR or an admin, with skip-level read on or off", () => {
    for (const skipLevelRead of [true, false]) {
      expect(can(viewers.self, "privacy:read", account, { skipLevelRead })).toBe(true);
      for (const who of ["manager", "skipLevel", "hr", "admin", "hrAndAdmin"] as Who[])
        expect(can(viewers[who], "privacy:read", account, { skipLevelRead }), who).toBe(false);
    }
  });
  test("no rule writes or removes a receipt", () => {
    expect(Object.keys(policies).filter((a) => a.startsWith("privacy:") && a !== "privacy:read")).toEqual([]);
  });
});

describe("a handover the report controls (ADR 043)", () => {
  const read = (who: Who, record: typeof sharedWithManager) =>
    can(viewers[who], "meeting:read", record, { skipLevelRead: true });
  test("a share counts only while its grantee is the direct manager", () => {
    const toFormer = { ...sharedWithManager, sharedWith: ["formerManager"] };
    const toFuture = { ...sharedWithManager, sharedWith: ["futureManager"] };
    expect(read("formerManager", toFormer)).toBe(false);
    expect(read("futureManager", toFuture)).toBe(false);
    // Once futureManager takes alice over, the same share counts.
    const movedOn = { ...toFuture, subject: { id: "alice", managerChain: ["futureManager", "ceo"] } };
    expect(read("futureManager", movedOn)).toBe(true);
    expect(read("manager", movedOn)).toBe(false);
  });
  test("a shared 1:1 is read-only for the manager it was shared with", () => {
    for (const action of ["meeting:write", "meeting:run", "meeting:add-topic"] as const)
      expect(can(viewers.manager, action, sharedWithEveryone, { skipLevelRead: true }), action).toBe(false);
    const followUp = { subject: alice, managerId: "formerManager" };
    expect(can(viewers.manager, "action-item:write", followUp, { skipLevelRead: true })).toBe(false);
  });
  test("a share opens no private note or topic", () => {
    for (const authorId of ["alice", "formerManager"])
      expect(
        can(viewers.manager, "authored:read", { subject: alice, authorId, private: true }, { skipLevelRead: true }),
      ).toBe(false);
  });
});

describe("risks never reach the report, HR, admins or other managers", () => {
  test.each(["self", "peer", "hr", "admin", "hrAndAdmin", "otherManager", "formerManager"] as Who[])("%s", (who) => {
    expect(can(viewers[who], "risk:read", account, { skipLevelRead: true })).toBe(false);
  });
});

describe("a manager's own line is not for HR", () => {
  const hrManager = person("hrLead", ["manager", "hr"]);
  test("an HR manager is refused, and told why: the line could be subtracted from the team view", () => {
    expect(can(hrManager, "trends:read-line", null, { skipLevelRead: true })).toBe(false);
    expect(refusalReasons["trends:read-line"](hrManager)).toMatch(/subtracted/);
    expect(refusalReasons["trends:read-line"](viewers.hr)).toMatch(/subtracted/);
  });
  test("someone nobody reports to is told there is no team", () => {
    expect(refusalReasons["trends:read-line"](viewers.self)).toBe(
      "Nobody reports to you, so there is no team to show.",
    );
    expect(refusalReasons["trends:read-line"](viewers.admin)).toBe(
      "Nobody reports to you, so there is no team to show.",
    );
  });
});

describe("the still-glad check is the report's alone", () => {
  test("not even the direct manager answers it, though they may write the commitment", () => {
    expect(can(viewers.manager, "commitment:write", account, { skipLevelRead: true })).toBe(true);
    expect(can(viewers.manager, "commitment:answer-remorse", account, { skipLevelRead: true })).toBe(false);
  });
});

describe("the report reads their own checklist ratings, never the manager's", () => {
  test("self reads the history but not the manager's side", () => {
    expect(can(viewers.self, "assessment:read", account, { skipLevelRead: true })).toBe(true);
    expect(can(viewers.self, "assessment:read-all", account, { skipLevelRead: true })).toBe(false);
  });
});

describe("relationship", () => {
  test.each([
    ["alice", "self"],
    ["manager", "direct-manager"],
    ["ceo", "skip-level-manager"],
    ["bob", "none"],
    ["formerManager", "none"],
  ] as const)("%s is %s", (id, expected) => {
    expect(relationship({ id }, alice)).toBe(expected);
  });
});

describe("a change of reporting line hands nothing the earlier line wrote to the new one", () => {
  const risk = (authorId: string, writtenAt: string, lineStartedAt: string | null) => ({
    subject: alice,
    authorId,
    writtenAt,
    lineStartedAt,
  });
  const read = (who: Who, record: ReturnType<typeof risk>, skipLevelRead = true) =>
    can(viewers[who], "line-entry:read", record, { skipLevelRead });

  test("the new manager reads what is written from the day the line began, and nothing before", () => {
    expect(read("manager", risk("formerManager", "2026-02-28T23:59:59.999Z", LINE_BEGAN))).toBe(false);
    expect(read("manager", risk("manager", LINE_BEGAN, LINE_BEGAN))).toBe(true);
    expect(read("manager", risk("manager", "2026-03-02T00:00:00Z", LINE_BEGAN))).toBe(true);
  });

  test("someone newly above the report likewise, from when the link that puts them there began", () => {
    const ceoAboveSince = "2026-05-01T00:00:00Z";
    expect(read("skipLevel", risk("manager", "2026-04-01T00:00:00Z", ceoAboveSince))).toBe(false);
    expect(read("skipLevel", risk("manager", "2026-05-02T00:00:00Z", ceoAboveSince))).toBe(true);
    expect(read("skipLevel", risk("manager", "2026-05-02T00:00:00Z", ceoAboveSince), false)).toBe(false);
  });

  test("what a manager wrote stays theirs while they stay in the line; a former manager reads nothing", () => {
    expect(read("skipLevel", risk("ceo", "2025-01-01T00:00:00Z", LINE_BEGAN))).toBe(true);
    expect(read("formerManager", risk("formerManager", "2026-02-01T00:00:00Z", LINE_BEGAN))).toBe(false);
  });

  test("an unreadable date reads nothing", () => {
    expect(read("manager", risk("formerManager", "not a date", LINE_BEGAN))).toBe(false);
    expect(read("manager", risk("formerManager", "2026-04-01T00:00:00Z", "not a date"))).toBe(false);
  });
});
