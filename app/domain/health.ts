import { cadenceStatus, type CadenceHealth } from "./cadence";
import { isRemorseCheckDue, isStalled, OPEN_STATES, type CommitmentTiming } from "./commitments";
import { goalAttentionReasons, type GoalFacts } from "./goals";
import { plural } from "./dates";
import { levelForScore, type RiskLevel } from "./risks";

export interface ReportFacts {
  id: string;
  name: string;
  team: string | null;
  intervalDays: number | null;
  seriesStartedAt: string | Date | null;
  lastHeldAt: string | Date | null;
  nextMeetingId: string | null;
  nextMeetingAt: string | Date | null;
  openActions: number;
  overdueActions: number;
  openRisks: number;
  highestRisk: number | null;
  checklistHealth: string | number | null;
}

export interface ReportHealth {
  id: string;
  name: string;
  team: string | null;
  goalsNeedingAttention: number;
  goalReasons: string[];
  openCommitments: number;
  stalledCommitments: number;
  remorseChecksDue: number;
  openActions: number;
  overdueActions: number;
  openRisks: number;
  highestRisk: RiskLevel | null;
  /** `neverMet`: no 1:1 held yet, so `daysSince` counts from when the rhythm began. */
  cadence: {
    health: CadenceHealth;
    daysSince: number;
    reason: string;
    intervalDays: number;
    neverMet: boolean;
  } | null;
  nextMeetingId: string | null;
  nextMeetingAt: string | Date | null;
  checklistHealth: number | null;
  /** How many signals ask for the manager's attention; the default sort puts the neediest first. */
  attention: number;
}

/** One row of "My people": every signal computed from the facts by the shared rules. */
export function reportHealth(
  facts: ReportFacts,
  goals: readonly GoalFacts[],
  commitments: readonly CommitmentTiming[],
  now: Date,
): ReportHealth {
  const goalReasons = goals.flatMap((g) => goalAttentionReasons(g, now));
  const goalsNeedingAttention = goals.filter((g) => goalAttentionReasons(g, now).length > 0).length;
  const open = commitments.filter((c) => OPEN_STATES.includes(c.state));
  const stalledCommitments = open.filter((c) => isStalled(c, now)).length;
  const remorseChecksDue = commitments.filter((c) => isRemorseCheckDue(c, now)).length;
  const cadence =
    facts.intervalDays && facts.seriesStartedAt
      ? {
          ...cadenceStatus({
            intervalDays: facts.intervalDays,
            lastHeldAt: facts.lastHeldAt,
            seriesStartedAt: facts.seriesStartedAt,
            now,
          }),
          intervalDays: facts.intervalDays,
          neverMet: facts.lastHeldAt === null,
        }
      : null;
  const highestRisk = facts.highestRisk ? levelForScore(facts.highestRisk) : null;
  const attention =
    goalsNeedingAttention +
    stalledCommitments +
    remorseChecksDue +
    facts.overdueActions +
    (highestRisk === "high" ? 2 : highestRisk === "medium" ? 1 : 0) +
    (cadence?.health === "overdue" ? 2 : cadence?.health === "late" ? 1 : 0);
  return {
    id: facts.id,
    name: facts.name,
    team: facts.team,
    goalsNeedingAttention,
    goalReasons,
    openCommitments: open.length,
    stalledCommitments,
    remorseChecksDue,
    openActions: facts.openActions,
    overdueActions: facts.overdueActions,
    openRisks: facts.openRisks,
    highestRisk,
    cadence,
    nextMeetingId: facts.nextMeetingId,
    nextMeetingAt: facts.nextMeetingAt,
    checklistHealth: facts.checklistHealth === null ? null : Number(facts.checklistHealth),
    attention,
  };
}

/**
 * The "Last 1:1" cell in words a phone can show (no hover): how long since the pair last met and their
 * rhythm, or, for a pair that never met, that there has been no 1:1 yet.
 */
export function cadenceWords(cadence: NonNullable<ReportHealth["cadence"]>): { headline: string; detail: string } {
  const rhythm = `every ${plural(cadence.intervalDays, "day")}`;
  if (cadence.neverMet) {
    const began = cadence.daysSince === 0 ? "today" : `${plural(cadence.daysSince, "day")} ago`;
    return { headline: "No 1:1 yet", detail: `rhythm ${rhythm}, set ${began}` };
  }
  const headline = cadence.daysSince === 0 ? "today" : `${plural(cadence.daysSince, "day")} ago`;
  return { headline, detail: rhythm };
}

/**
 * What "Needs attention" counts, in the words the page shows under the table. It says the weights that
 * reportHealth adds up above; health.test.ts holds the two together.
 */
export const ATTENTION_LEGEND =
  "Needs attention adds up what asks for you: 1 for each goal that needs attention, stalled change commitment, still-glad check due and overdue follow-up; 1 for a medium risk and 2 for a high one; 1 when the 1:1 is late (past the rhythm) and 2 when it is overdue (past twice the rhythm).";

export const SORTS = ["attention", "name", "last-1on1", "risk", "health", "follow-ups"] as const;
export type Sort = (typeof SORTS)[number];

const RISK_ORDER = { high: 3, medium: 2, low: 1 } as const;

/** Orders the rows; ties fall back to the name so the order is stable. */
export function sortReports(rows: readonly ReportHealth[], sort: Sort): ReportHealth[] {
  const byName = (a: ReportHealth, b: ReportHealth) => a.name.localeCompare(b.name);
  const key: Record<Sort, (a: ReportHealth, b: ReportHealth) => number> = {
    attention: (a, b) => b.attention - a.attention,
    name: () => 0,
    "last-1on1": (a, b) => (b.cadence?.daysSince ?? -1) - (a.cadence?.daysSince ?? -1),
    risk: (a, b) =>
      (b.highestRisk ? RISK_ORDER[b.highestRisk] : 0) - (a.highestRisk ? RISK_ORDER[a.highestRisk] : 0) ||
      b.openRisks - a.openRisks,
    health: (a, b) => (a.checklistHealth ?? 6) - (b.checklistHealth ?? 6),
    "follow-ups": (a, b) => b.overdueActions - a.overdueActions || b.openActions - a.openActions,
  };
  return [...rows].sort((a, b) => key[sort](a, b) || byName(a, b));
}
