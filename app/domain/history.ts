/**
 * The report's 1:1 history (docs/decisions/028-report-history.md): how a follow-up stands today, and
 * how the 1:1s are ordered for reading.
 */

export type FollowUpStanding = "open" | "overdue" | "done" | "dropped";

/** Open past its due date (YYYY-MM-DD, compared with today's) is overdue; settled ones never are. */
export function followUpStanding(item: { status: "open" | "done" | "dropped"; dueOn: string | null }, today: string) {
  if (item.status !== "open") return item.status;
  return item.dueOn !== null && item.dueOn < today ? "overdue" : "open";
}

export const STANDING_LABELS: Record<FollowUpStanding, string> = {
  open: "open",
  overdue: "overdue",
  done: "done",
  dropped: "dropped",
};
