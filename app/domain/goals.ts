import { daysFrom, plural } from "./dates";
import type { GoalStatus } from "./enums";

const GOAL_RULES = {
  /** A target this close, with work left, needs a conversation. */
  nearTargetDays: 14,
  nearTargetProgressBelow: 80,
  /** Behind: this many points below where steady progress would be. */
  behindByPoints: 25,
  /** Not updated for this long. */
  staleAfterDays: 30,
} as const;

export interface GoalFacts {
  status: GoalStatus;
  progress: number;
  targetDate: string | null;
  createdAt: Date | string;
  lastProgressAt: Date | string;
}

/** Why an active goal needs attention, in words; empty when it does not. Their success comes first. */
export function goalAttentionReasons(goal: GoalFacts, now: Date): string[] {
  if (goal.status !== "active") return [];
  const reasons: string[] = [];
  if (goal.targetDate) {
    const daysLeft = daysFrom(now, goal.targetDate);
    if (daysLeft < 0 && goal.progress < 100) {
      reasons.push(`target date passed ${plural(-daysLeft, "day")} ago at ${goal.progress}%`);
    } else if (daysLeft <= GOAL_RULES.nearTargetDays && goal.progress < GOAL_RULES.nearTargetProgressBelow) {
      reasons.push(`target in ${plural(daysLeft, "day")} at ${goal.progress}%`);
    } else {
      const span = daysFrom(goal.createdAt, goal.targetDate);
      const elapsed = daysFrom(goal.createdAt, now);
      const expected = span > 0 ? Math.min(100, Math.round((100 * elapsed) / span)) : 100;
      if (expected - goal.progress >= GOAL_RULES.behindByPoints) {
        reasons.push(`behind: ${goal.progress}% done, ${expected}% of the time gone`);
      }
    }
  }
  const quiet = daysFrom(goal.lastProgressAt, now);
  if (quiet > GOAL_RULES.staleAfterDays) reasons.push(`not updated for ${plural(quiet, "day")}`);
  return reasons;
}
