import { addDays, daysFrom, isoDate, plural } from "./dates";
import type { RiskStatus } from "./enums";

/**
 * The rules of a risk about a report, as pure functions: how serious it is
 * (likelihood x impact), whether its review is due, and the order a manager
 * reads them in. The database and the forms never decide these.
 */

export type RiskLevel = "low" | "medium" | "high";

const RISK_RULES = {
  /** Scores (1-9) from which a risk is medium, then high: 1-2 low, 3-4 medium, 6-9 high. */
  mediumFrom: 3,
  highFrom: 6,
  /** The review date a review form suggests, counted from today. */
  suggestedReviewAfterDays: 28,
} as const;

export interface RiskRating {
  likelihood: number;
  impact: number;
}

export function riskScore({ likelihood, impact }: RiskRating): number {
  return likelihood * impact;
}

/** A score (likelihood x impact, 1-9) in words. */
export function levelForScore(score: number): RiskLevel {
  return score >= RISK_RULES.highFrom ? "high" : score >= RISK_RULES.mediumFrom ? "medium" : "low";
}

export function riskLevelOf(risk: RiskRating): RiskLevel {
  return levelForScore(riskScore(risk));
}

export interface RiskTiming {
  status: RiskStatus;
  /** YYYY-MM-DD, or null when no review is planned. */
  reviewOn: string | null;
}

/** An open risk whose review date is today or past. A closed risk is never due. */
export function isReviewDue(risk: RiskTiming, now: Date): boolean {
  return risk.status === "open" && risk.reviewOn !== null && risk.reviewOn <= isoDate(now);
}

/** Why the review is due, in words ("review due today", "review was due 3 days ago"); null when it is not. */
export function reviewDueReason(risk: RiskTiming, now: Date): string | null {
  if (!isReviewDue(risk, now)) return null;
  const late = daysFrom(risk.reviewOn!, isoDate(now));
  return late > 0 ? `review was due ${plural(late, "day")} ago` : "review due today";
}

/** The next review a review form offers: some weeks out, as YYYY-MM-DD. */
export function suggestedNextReview(now: Date): string {
  return isoDate(addDays(isoDate(now), RISK_RULES.suggestedReviewAfterDays));
}

/** A next review must be after today: one set for today or earlier would be due the moment it is saved. */
export function isValidNextReview(date: string, now: Date): boolean {
  return date > isoDate(now);
}

export interface OrderableRisk extends RiskRating, RiskTiming {
  id: string;
  createdAt: Date | string;
}

const time = (v: Date | string) => (typeof v === "string" ? new Date(v).getTime() : v.getTime());

/**
 * The order a manager reads risks in: open before closed, the most serious
 * first, then the soonest review (none planned last), then the newest.
 */
export function compareRisks(a: OrderableRisk, b: OrderableRisk): number {
  return (
    Number(a.status !== "open") - Number(b.status !== "open") ||
    riskScore(b) - riskScore(a) ||
    compareReviewDates(a.reviewOn, b.reviewOn) ||
    time(b.createdAt) - time(a.createdAt) ||
    a.id.localeCompare(b.id)
  );
}

function compareReviewDates(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a.localeCompare(b);
}

export function sortRisks<T extends OrderableRisk>(risks: readonly T[]): T[] {
  return [...risks].sort(compareRisks);
}

/** What the manager's home can say about one report's open risks. */
export interface OpenRiskSummary {
  open: number;
  highest: RiskLevel | null;
  reviewsDue: number;
}

export function summarizeOpenRisks(risks: readonly (RiskRating & RiskTiming)[], now: Date): OpenRiskSummary {
  const open = risks.filter((r) => r.status === "open");
  const top = open.reduce((max, r) => Math.max(max, riskScore(r)), 0);
  return {
    open: open.length,
    highest: open.length ? levelForScore(top) : null,
    reviewsDue: open.filter((r) => isReviewDue(r, now)).length,
  };
}
