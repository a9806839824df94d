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
  const next = allowed.length
    ? `From ${STATE_LABELS[from].toLowerCase()} it can become ${allowed.map((s) => STATE_LABELS[s].toLowerCase()).join(" or ")}.`
    : `${STATE_LABELS[from]} is final.`;
  return {
    ok: false,
    message: `A ${STATE_LABELS[from].toLowerCase()} commitment cannot become ${STATE_LABELS[to].toLowerCase()}. ${next}`,
  };
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

function daysOverdueForCheckIn(c: CommitmentTiming, now: Date): number {
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
  if (isRemorseCheckDue(c, now))
    return `done ${plural(daysFrom(c.finishedAt!, now), "day")} ago: time to ask if they are still glad of it`;
  if (isStalled(c, now)) return `stalled: check-in overdue by ${plural(daysOverdueForCheckIn(c, now), "day")}`;
  const due = checkInDueAt(c);
  if (due) {
    const days = daysFrom(now, due);
    return days === 0 ? "check-in due today" : `next check-in in ${plural(days, "day")}`;
  }
  return STATE_LABELS[c.state].toLowerCase();
}

/** States in which a check-in means something: agreed and not yet finished. */
export const CHECK_IN_STATES: readonly CommitmentState[] = ["committed", "in_progress"];

/** Whether a check-in may be recorded now, with a message a person understands when not. */
export function checkCheckIn(state: CommitmentState): TransitionCheck {
  if (CHECK_IN_STATES.includes(state)) return { ok: true };
  if (state === "proposed")
    return { ok: false, message: "Check-ins start once the change is committed: agree on it first." };
  return {
    ok: false,
    message: `This commitment is ${STATE_LABELS[state].toLowerCase()}: there is nothing left to check in on.`,
  };
}

/**
 * The state after a check-in. Doing the first step is what "under way" means,
 * so a committed change whose first step is done moves to in progress by
 * itself; otherwise a check-in only records a sign of life.
 */
export function stateAfterCheckIn(state: CommitmentState, firstStepDone: boolean): CommitmentState {
  return state === "committed" && firstStepDone ? "in_progress" : state;
}

/** Whether the "still glad of it?" question (point 13) may be answered now, and why not. */
export function checkRemorseAnswer(c: CommitmentTiming, now: Date): TransitionCheck {
  if (isRemorseCheckDue(c, now)) return { ok: true };
  if (c.state !== "done") return { ok: false, message: "The question comes once the change is done." };
  if (c.remorseAnsweredAt !== null) return { ok: false, message: "This has already been answered." };
  if (c.remorseCheckDueOn === null) return { ok: false, message: "No check is planned for this change." };
  return {
    ok: false,
    message: `It is too early to ask: the question comes on ${c.remorseCheckDueOn}, once the change has settled.`,
  };
}

/** Where a commitment stands, derived in one go for a list or a page. */
export interface CommitmentStatus {
  open: boolean;
  stalled: boolean;
  daysOverdue: number;
  checkInDueAt: Date | null;
  remorseDue: boolean;
  description: string;
}

export function commitmentStatus(c: CommitmentTiming, now: Date): CommitmentStatus {
  const stalled = isStalled(c, now);
  return {
    open: OPEN_STATES.includes(c.state),
    stalled,
    daysOverdue: stalled ? daysOverdueForCheckIn(c, now) : 0,
    // A proposal has no check-ins yet: its cadence starts when it is committed.
    checkInDueAt: c.state === "proposed" ? null : checkInDueAt(c),
    remorseDue: isRemorseCheckDue(c, now),
    description: c.state === "proposed" ? "proposed: not agreed yet" : describeCommitment(c, now),
  };
}
