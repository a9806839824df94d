import type { CommitmentState } from "./enums";
import { addDays, daysFrom, isoDate, plural } from "./dates";

/**
 * The life of a change commitment (points 10-13 of the checklist):
 * proposed -> committed -> in progress -> done, or abandoned from any open
 * state. "Stalled" is not a state anyone sets: it is what a commitment is
 * when a check-in is overdue.
 */
export const TRANSITIONS: Readonly<Record<CommitmentState, readonly CommitmentState[]>> = {
  proposed: ["committed", "abandoned"],
  committed: ["in_progress", "abandoned"],
  in_progress: ["done", "abandoned"],
  done: [],
  abandoned: [],
};

export const OPEN_STATES: readonly CommitmentState[] = ["proposed", "committed", "in_progress"];

/** Days after "done" when we ask whether they are still glad of the change (point 13). */
export const REMORSE_CHECK_AFTER_DAYS = 30;

export const STATE_LABELS: Record<CommitmentState, string> = {
  proposed: "Proposed",
  committed: "Committed",
  in_progress: "In progress",
  done: "Done",
  abandoned: "Abandoned",
};

export type TransitionCheck = { ok: true } | { ok: false; message: string };

export function checkTransition(from: CommitmentState, to: CommitmentState): TransitionCheck {
  if (TRANSITIONS[from].includes(to)) return { ok: true };
  if (from === to) return { ok: false, message: `This commitment is already ${STATE_LABELS[to].toLowerCase()}.` };
  const allowed = TRANSITIONS[from];
  const next = allowed.length ? `From ${STATE_LABELS[from].toLowerCase()} it can become ${allowed.map((s) => STATE_LABELS[s].toLowerCase()).join(" or ")}.` : `${STATE_LABELS[from]} is final.`;
  return { ok: false, message: `A ${STATE_LABELS[from].toLowerCase()} commitment cannot become ${STATE_LABELS[to].toLowerCase()}. ${next}` };
}

export interface CommitmentTiming {
  state: CommitmentState;
  checkInEveryDays: number;
  createdAt: Date | string;
  committedAt: Date | string | null;
  lastCheckInAt: Date | string | null;
  finishedAt: Date | string | null;
  remorseCheckDueOn: string | null;
  remorseAnsweredAt: Date | string | null;
}

/** When the next check-in is due: the cadence after the last sign of life. Null once it is finished. */
export function checkInDueAt(c: CommitmentTiming): Date | null {
  if (c.state === "done" || c.state === "abandoned") return null;
  const lastSign = c.lastCheckInAt ?? c.committedAt ?? c.createdAt;
  return addDays(lastSign, c.checkInEveryDays);
}

/** Stalled: committed or under way, and no check-in since the one that was due. */
export function isStalled(c: CommitmentTiming, now: Date): boolean {
  if (c.state !== "committed" && c.state !== "in_progress") return false;
  const due = checkInDueAt(c);
  return due !== null && now.getTime() > due.getTime();
}

export function daysOverdueForCheckIn(c: CommitmentTiming, now: Date): number {
  const due = checkInDueAt(c);
  return due ? Math.max(0, daysFrom(due, now)) : 0;
}

/** The date to store when a commitment becomes done. */
export function remorseCheckDate(finishedAt: Date): string {
  return isoDate(addDays(finishedAt, REMORSE_CHECK_AFTER_DAYS));
}

export function isRemorseCheckDue(c: CommitmentTiming, now: Date): boolean {
  return (
    c.state === "done" &&
    c.remorseAnsweredAt === null &&
    c.remorseCheckDueOn !== null &&
    daysFrom(c.remorseCheckDueOn, now) >= 0
  );
}

/** A few words a person understands about where a commitment stands. */
export function describeCommitment(c: CommitmentTiming, now: Date): string {
  if (isRemorseCheckDue(c, now)) return `done ${plural(daysFrom(c.finishedAt!, now), "day")} ago: time to ask if they are still glad of it`;
  if (isStalled(c, now)) return `stalled: check-in overdue by ${plural(daysOverdueForCheckIn(c, now), "day")}`;
  const due = checkInDueAt(c);
  if (due) {
    const days = daysFrom(now, due);
    return days === 0 ? "check-in due today" : `next check-in in ${plural(days, "day")}`;
  }
  return STATE_LABELS[c.state].toLowerCase();
}
