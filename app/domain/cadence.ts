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

export interface Rhythm {
  cadence: "weekly" | "biweekly" | "monthly" | "days";
  /** For "days": every N days. Ignored otherwise. */
  intervalDays: number;
  /** ISO weekday, 1 = Monday. */
  weekday: number;
  /** "HH:MM" in UTC. */
  startTime: string;
}

/** The interval a rhythm stands for, in days (monthly counts as 30 for cadence health). */
export function rhythmIntervalDays(r: Pick<Rhythm, "cadence" | "intervalDays">): number {
  return r.cadence === "weekly" ? 7 : r.cadence === "biweekly" ? 14 : r.cadence === "monthly" ? 30 : r.intervalDays;
}

function atTime(day: Date, startTime: string): Date {
  const [h, m] = startTime.split(":").map(Number);
  return new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate(), h ?? 0, m ?? 0));
}

function isoWeekday(d: Date): number {
  return ((d.getUTCDay() + 6) % 7) + 1;
}

/**
 * The next `count` meeting times after `after`: on the rhythm's weekday and
 * time, then every week, two weeks, calendar month (same weekday, nearest
 * after the same date) or N days.
 */
export function planMeetingTimes(rhythm: Rhythm, after: Date, count: number): Date[] {
  let first = atTime(after, rhythm.startTime);
  while (isoWeekday(first) !== rhythm.weekday || first <= after) first = new Date(first.getTime() + 86_400_000);
  const times = [first];
  while (times.length < count) {
    const last = times[times.length - 1]!;
    if (rhythm.cadence === "monthly") {
      // Counted from the first date, so snapping to the weekday never drifts month after month.
      const n = times.length;
      let next = atTime(
        new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + n, first.getUTCDate())),
        rhythm.startTime,
      );
      while (isoWeekday(next) !== rhythm.weekday) next = new Date(next.getTime() + 86_400_000);
      times.push(next);
    } else {
      times.push(new Date(last.getTime() + rhythmIntervalDays(rhythm) * 86_400_000));
    }
  }
  return times;
}
