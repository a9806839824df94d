import type { Role } from "~/domain/enums";

/**
 * The one place that says who may do what to which record. Pure: it decides
 * from facts the server has loaded (app/auth/authorize.server.ts, refused in app/http/guards.server.ts), so every
 * rule is a table-driven test away from proof.
 */

export interface Viewer {
  id: string;
  name: string;
  email: string;
  roles: readonly Role[];
}

/** A person as seen for authorization: who they are and who manages them, nearest first. */
export interface Subject {
  id: string;
  managerChain: readonly string[];
}

export interface PolicyOptions {
  /** A manager's manager may read, never write, the accounts further down the line. */
  skipLevelRead: boolean;
}

export type Relationship = "self" | "direct-manager" | "skip-level-manager" | "none";

export function relationship(viewer: Pick<Viewer, "id">, subject: Subject): Relationship {
  if (viewer.id === subject.id) return "self";
  const index = subject.managerChain.indexOf(viewer.id);
  if (index === 0) return "direct-manager";
  if (index > 0) return "skip-level-manager";
  return "none";
}

function inManagerLine(viewer: Viewer, subject: Subject, options: PolicyOptions): boolean {
  const rel = relationship(viewer, subject);
  return rel === "direct-manager" || (rel === "skip-level-manager" && options.skipLevelRead);
}

const isDirectManager = (viewer: Viewer, subject: Subject) => relationship(viewer, subject) === "direct-manager";
const isSelf = (viewer: Viewer, subject: Subject) => viewer.id === subject.id;
const hasRole = (viewer: Viewer, role: Role) => viewer.roles.includes(role);

/** A record that belongs to someone's account. */
export interface AccountRecord {
  subject: Subject;
}

/** A record whose rule asks only whose it is, not who manages them. */
export interface OwnRecord {
  subject: Pick<Subject, "id">;
}

/** A record with an author and a privacy flag (notes, topics). */
export interface AuthoredRecord extends AccountRecord {
  authorId: string;
  private: boolean;
}

/** A 1:1 between the pair it was planned for; the subject is the report. */
export interface MeetingRecord extends AccountRecord {
  managerId: string;
  /**
   * Who the report let read this 1:1 though they were not the manager who held it: the grantees of the
   * live (not taken back) history shares that cover it (docs/decisions/043-handover.md). A share counts
   * only while its grantee is the report's direct manager; the rule checks that, not the loader.
   */
  sharedWith: readonly string[];
}

/** A follow-up agreed between a report (the subject) and the manager they had then. */
export interface ActionItemRecord extends AccountRecord {
  managerId: string;
}

/**
 * Something a manager wrote about a report that stays in the manager line: a risk, the manager's side
 * of the checklist. Reading it takes more than a place in the line: the place must date from before it
 * was written (or the viewer wrote it). A change of reporting line alone hands nothing the earlier line
 * wrote to the new one (docs/decisions/024-reporting-line-changes.md).
 */
export interface LineEntryRecord extends AccountRecord {
  authorId: string;
  writtenAt: Date | string;
  /**
   * When the viewer's current place in the subject's manager line began: the latest start among the
   * current reporting lines from the subject up to the viewer. Null when they hold no place in it.
   */
  lineStartedAt: Date | string | null;
}

/** Their own entry, or one written since their place in the line began; an unknown date reads nothing. */
function writtenInViewersLine(viewer: Viewer, record: LineEntryRecord): boolean {
  if (record.authorId === viewer.id) return true;
  if (record.lineStartedAt === null) return false;
  return new Date(record.writtenAt).getTime() >= new Date(record.lineStartedAt).getTime();
}

type Rule<R> = (viewer: Viewer, record: R, options: PolicyOptions) => boolean;

export const policies = {
  /** The account page: goals, commitments, checklist health, history. Manager line only. */
  "account:read": ((v, r, o) => inManagerLine(v, r.subject, o)) as Rule<AccountRecord>,
  /** Manager-side writes to an account (assessments as manager, cadence, commitments proposed). */
  "account:manage": ((v, r) => isDirectManager(v, r.subject)) as Rule<AccountRecord>,

  "goal:read": ((v, r, o) => isSelf(v, r.subject) || inManagerLine(v, r.subject, o)) as Rule<AccountRecord>,
  /** Goals are theirs: only the owner writes the wording, progress and status. */
  "goal:write": ((v, r) => v.id === r.subject.id) as Rule<OwnRecord>,

  /** Risks stay in the manager line: never the report, HR, admins or other managers. */
  "risk:read": ((v, r, o) => inManagerLine(v, r.subject, o)) as Rule<AccountRecord>,
  "risk:write": ((v, r) => isDirectManager(v, r.subject)) as Rule<AccountRecord>,
  /**
   * One risk, or one of the manager's checklist ratings: the manager line, and only what was written while
   * the viewer stood where they stand now. A new manager, or one newly set above the report, starts empty.
   */
  "line-entry:read": ((v, r, o) =>
    inManagerLine(v, r.subject, o) && writtenInViewersLine(v, r)) as Rule<LineEntryRecord>,

  "commitment:read": ((v, r, o) => isSelf(v, r.subject) || inManagerLine(v, r.subject, o)) as Rule<AccountRecord>,
  "commitment:write": ((v, r) => isSelf(v, r.subject) || isDirectManager(v, r.subject)) as Rule<AccountRecord>,
  /** "Still glad of it?" is the report's own answer: nobody, not even their manager, gives it for them. */
  "commitment:answer-remorse": ((v, r) => isSelf(v, r.subject)) as Rule<AccountRecord>,

  /** The checklist history: the report reads their self-ratings, the manager line reads them too. */
  "assessment:read": ((v, r, o) => isSelf(v, r.subject) || inManagerLine(v, r.subject, o)) as Rule<AccountRecord>,
  /** Both sides of the checklist: the manager's ratings stay in the manager line; the report sees their own only. */
  "assessment:read-all": ((v, r, o) => inManagerLine(v, r.subject, o)) as Rule<AccountRecord>,
  "assessment:write-self": ((v, r) => isSelf(v, r.subject)) as Rule<AccountRecord>,
  "assessment:write-manager": ((v, r) => isDirectManager(v, r.subject)) as Rule<AccountRecord>,

  /**
   * A 1:1 belongs to its report and their current manager; a former manager loses it. A new manager reads
   * an earlier line's 1:1 only once the report shares it with them, and only while they manage the report.
   */
  "meeting:read": ((v, r) =>
    isSelf(v, r.subject) ||
    (isDirectManager(v, r.subject) && (r.managerId === v.id || r.sharedWith.includes(v.id)))) as Rule<MeetingRecord>,
  /** Writing in a 1:1 (a note, a follow-up): the pair that held it. A shared earlier 1:1 is read-only. */
  "meeting:write": ((v, r) =>
    isSelf(v, r.subject) || (r.managerId === v.id && isDirectManager(v, r.subject))) as Rule<MeetingRecord>,
  "meeting:run": ((v, r) => r.managerId === v.id && isDirectManager(v, r.subject)) as Rule<MeetingRecord>,
  "meeting:add-topic": ((v, r) =>
    isSelf(v, r.subject) || (r.managerId === v.id && isDirectManager(v, r.subject))) as Rule<MeetingRecord>,
  /** Only the report answers their pulse; nobody reads one answer. */
  "pulse:answer": ((v, r) => isSelf(v, r.subject)) as Rule<MeetingRecord>,

  /** A private note or topic is its author's alone: not admins, HR, or the author's manager. */
  "authored:read": ((v, r) =>
    r.private ? r.authorId === v.id : isSelf(v, r.subject) || isDirectManager(v, r.subject)) as Rule<AuthoredRecord>,
  "authored:write": ((v, r) => r.authorId === v.id) as Rule<AuthoredRecord>,

  "action-item:read": ((v, r) => isSelf(v, r.subject) || isDirectManager(v, r.subject)) as Rule<AccountRecord>,
  /** Settled by the report, or by the manager who agreed it while they still manage the report. */
  "action-item:write": ((v, r) =>
    isSelf(v, r.subject) || (r.managerId === v.id && isDirectManager(v, r.subject))) as Rule<ActionItemRecord>,

  /**
   * Searching a pair's history (notes, topics, follow-ups, goals, commitments): the report, or their
   * direct manager. Not a skip-level manager (they read no 1:1), HR or admin; risks are never searched.
   */
  "history:search": ((v, r) => isSelf(v, r.subject) || isDirectManager(v, r.subject)) as Rule<AccountRecord>,

  /**
   * "Download your data" (ADR 042): the person themselves, nobody else. Not their manager, HR or an admin:
   * the file holds their private notes and topics, which are theirs alone.
   */
  "data:export": ((v, r) => v.id === r.subject.id) as Rule<OwnRecord>,

  /**
   * Who read what about a person (access receipts, ADR 041): theirs alone. Not their manager, not an
   * admin; nobody may change or remove one, so there is no write rule.
   */
  "privacy:read": ((v, r) => v.id === r.subject.id) as Rule<OwnRecord>,
  /**
   * Sharing their earlier 1:1s with their current manager, and taking that back (ADR 043): the person
   * alone. Not the new manager asking for it, not an admin moving them.
   */
  "history:share": ((v, r) => v.id === r.subject.id) as Rule<OwnRecord>,

  /** Admin runs the org chart; admin is not a backdoor to anyone's account. */
  "org:admin": ((v) => hasRole(v, "admin")) as Rule<unknown>,
  /**
   * The sealed organisation backup (ADR 045): admins only. It holds everyone's records, private notes
   * included, so it is encrypted and each download leaves an access receipt for every person.
   */
  "org:backup": ((v) => hasRole(v, "admin")) as Rule<unknown>,
  /** Anonymized trends only; HR never sees a person. */
  "trends:read": ((v) => hasRole(v, "hr")) as Rule<unknown>,
  /**
   * A manager's own line, in aggregate. Not for HR, even an HR manager: they see the same answers by
   * team, and a second slicing of them could be subtracted from the first.
   */
  "trends:read-line": ((v) => hasRole(v, "manager") && !hasRole(v, "hr")) as Rule<unknown>,
} as const;

export type Action = keyof typeof policies;
type RecordOf<A extends Action> = (typeof policies)[A] extends Rule<infer R> ? R : never;

/**
 * What a refused viewer is told, for the rules whose refusal is a page of its
 * own (a 403 with a reason) rather than a record that is not there for them.
 */
export const refusalReasons = {
  "trends:read-line": (v: Viewer) =>
    hasRole(v, "hr")
      ? "You see these answers in the engagement trends by team; a second view of your line could be subtracted from them."
      : "Nobody reports to you, so there is no team to show.",
} satisfies Partial<Record<Action, (viewer: Viewer) => string>>;

export function can<A extends Action>(viewer: Viewer, action: A, record: RecordOf<A>, options: PolicyOptions): boolean {
  const rule = policies[action] as Rule<RecordOf<A>>;
  return rule(viewer, record, options);
}
