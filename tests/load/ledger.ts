/**
 * Every write a simulated person sent and what the app answered. Only an
 * acknowledged write (the app said "saved") is promised to be in the
 * database, exactly once; a refused one (400 form message, 409 stale
 * version) must not be there at all; an unacknowledged one (503, no answer)
 * may or may not be, and is only counted.
 */
import { randomUUID } from "node:crypto";
import type { Answer } from "./client";

export type WriteKind = "topic" | "goal" | "progress" | "action" | "note" | "check" | "settle" | "finish" | "pulse";
type Outcome = "acknowledged" | "refused" | "unacknowledged" | "unexpected";

export interface WriteRecord {
  kind: WriteKind;
  outcome: Outcome;
  status: number;
  /** The unique text carried in the write, for kinds that store text. */
  marker?: string;
  meetingId?: string;
  nextMeetingId?: string;
  itemKey?: string;
  itemId?: string;
  settledAs?: string;
}

/** Text that names its write: `[load:<uuid>] words`. */
export function newMarker(): string {
  return `[load:${randomUUID()}]`;
}

export const MARKER_PATTERN = "\\[load:([0-9a-f-]{36})\\]";

export class Ledger {
  readonly writes: WriteRecord[] = [];

  /**
   * `saved` says what success looks like for this form: a redirect (most
   * forms) or a 200 (the agenda tick, which answers with data).
   */
  record(
    kind: WriteKind,
    answer: Answer,
    saved: "redirect" | "ok",
    details: Omit<WriteRecord, "kind" | "outcome" | "status">,
  ): WriteRecord {
    const write: WriteRecord = { kind, outcome: outcomeOf(answer, saved), status: answer.status, ...details };
    this.writes.push(write);
    return write;
  }
}

function outcomeOf(answer: Answer, saved: "redirect" | "ok"): Outcome {
  const { status, location } = answer;
  if (saved === "redirect" && (status === 302 || status === 303)) {
    // A redirect to sign-in is the app refusing the session, not saving.
    return location && !location.startsWith("/sign-in") ? "acknowledged" : "unexpected";
  }
  if (saved === "ok" && status === 200) return "acknowledged";
  if (status === 400 || status === 409) return "refused";
  if (status === 503 || status === 0) return "unacknowledged";
  return "unexpected";
}
