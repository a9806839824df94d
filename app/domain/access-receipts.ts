import type { AccessRole, AccessTarget } from "./enums";
import { plural } from "./dates";

/**
 * What a read about a person leaves behind (docs/decisions/041-access-receipts.md): nothing when they read
 * their own, a count for the week when their direct manager reads, a receipt of its own for anyone else.
 * `asAdmin` is a read made through the admin pages, which is an admin's read whoever else they are to
 * the person.
 */
/** Who the reader is to the person (relationship() in app/auth/policies.ts gives it). */
export type ReaderPlace = "self" | "direct-manager" | "skip-level-manager" | "none";

export type ReadTrace = { kind: "none" } | { kind: "count" } | { kind: "receipt"; role: AccessRole };

export function traceOfRead(readerId: string, subjectId: string, rel: ReaderPlace, asAdmin = false): ReadTrace {
  if (readerId === subjectId) return { kind: "none" };
  if (asAdmin) return { kind: "receipt", role: "admin" };
  if (rel === "direct-manager") return { kind: "count" };
  if (rel === "skip-level-manager") return { kind: "receipt", role: "skip-level-manager" };
  return { kind: "receipt", role: "other" };
}

/** The Monday (UTC) of the ISO week holding `at`, as yyyy-mm-dd: the week a direct manager's read counts in. */
export function isoWeekStart(at: Date): string {
  const day = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()));
  const sinceMonday = (day.getUTCDay() + 6) % 7;
  day.setUTCDate(day.getUTCDate() - sinceMonday);
  return day.toISOString().slice(0, 10);
}

/** The role as the person reads it: "as your skip-level manager". */
export const ROLE_WORDS: Record<AccessRole, string> = {
  "skip-level-manager": "as your manager's manager",
  admin: "as an admin",
  export: "in an export",
  other: "from outside your manager line",
};

/** What was read, as the person reads it. */
export const TARGET_WORDS: Record<AccessTarget, string> = {
  account: "your account page",
  commitment: "one of your commitments",
  meeting: "one of your 1:1s",
  "person-record": "your record in the organisation chart",
  export: "an export that includes you",
  checklist: "your checklist ratings",
  rhythm: "your 1:1 rhythm",
  search: "a search of your 1:1s",
};

/**
 * "Maya Patel opened pages about you 3 times". The week is shown beside it. It names no page: a count
 * covers every page about the person the manager opens, a risk's among them, and must not say one exists.
 */
export function countSentence(readerName: string, reads: number): string {
  return `${readerName} opened pages about you ${plural(reads, "time")}`;
}
