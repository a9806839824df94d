import { daysFrom, plural } from "./dates";

export type CadenceHealth = "ok" | "late" | "overdue";

export interface CadenceStatus {
  health: CadenceHealth;
  /** Days since the last held 1:1, or since the pair's rhythm began when none was ever held. */
  daysSince: number;
  reason: string;
}

/**
 * How a pair keeps its rhythm: fine within the cadence, late (yellow) past
 * it, overdue (red) past twice the cadence without a held 1:1.
 */
export function cadenceStatus(input: {
  intervalDays: number;
  lastHeldAt: Date | string | null;
  seriesStartedAt: Date | string;
  now: Date;
}): CadenceStatus {
  const since = input.lastHeldAt ?? input.seriesStartedAt;
  const daysSince = Math.max(0, daysFrom(since, input.now));
  const health: CadenceHealth =
    daysSince > 2 * input.intervalDays ? "overdue" : daysSince > input.intervalDays ? "late" : "ok";
  const rhythm = `every ${plural(input.intervalDays, "day")}`;
  const reason = input.lastHeldAt
    ? `last 1:1 ${plural(daysSince, "day")} ago (rhythm: ${rhythm})`
    : `no 1:1 held in the ${plural(daysSince, "day")} since the rhythm began (${rhythm})`;
  return { health, daysSince, reason };
}
