import { daysFrom, plural } from "./dates";
import { instantAt, wallTime } from "./time-zones";

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
  /** ISO weekday, 1 = Monday, in the rhythm's zone. */
  weekday: number;
  /** "HH:MM" on the wall clock of `timeZone`. */
  startTime: string;
  /** The IANA zone the rhythm is kept in (the manager's); UTC when absent. */
  timeZone?: string;
}

/** The interval a rhythm stands for, in days (monthly counts as 30 for cadence health). */
export function rhythmIntervalDays(r: Pick<Rhythm, "cadence" | "intervalDays">): number {
  return r.cadence === "weekly" ? 7 : r.cadence === "biweekly" ? 14 : r.cadence === "monthly" ? 30 : r.intervalDays;
}

/** Calendar days are worked on as dates at UTC midnight; only the last step goes through the zone. */
function calendarDay(year: number, month: number, day: number): Date {
  return new Date(Date.UTC(year, month - 1, day));
}

function plusDays(day: Date, days: number): Date {
  return new Date(day.getTime() + days * 86_400_000);
}

function isoWeekday(day: Date): number {
  return ((day.getUTCDay() + 6) % 7) + 1;
}

/**
 * The next `count` meeting times after `after`: on the rhythm's weekday and
 * time, then every week, two weeks, calendar month (same weekday, nearest
 * after the same date) or N days. Days are counted on the zone's calendar and
 * each time is read on its clock, so "Tuesdays 9:30" in Berlin is 9:30 in
 * winter and in summer (08:30 and 07:30 UTC).
 */
export function planMeetingTimes(rhythm: Rhythm, after: Date, count: number): Date[] {
  const zone = rhythm.timeZone ?? "UTC";
  const [hour = 0, minute = 0] = rhythm.startTime.split(":").map(Number);
  const at = (day: Date) =>
    instantAt({ year: day.getUTCFullYear(), month: day.getUTCMonth() + 1, day: day.getUTCDate(), hour, minute }, zone);
  const today = wallTime(after, zone);
  let first = calendarDay(today.year, today.month, today.day);
  while (isoWeekday(first) !== rhythm.weekday || at(first) <= after) first = plusDays(first, 1);
  const days = [first];
  while (days.length < count) {
    const last = days[days.length - 1]!;
    if (rhythm.cadence === "monthly") {
      // Counted from the first date, so snapping to the weekday never drifts month after month.
      let next = calendarDay(first.getUTCFullYear(), first.getUTCMonth() + 1 + days.length, first.getUTCDate());
      while (isoWeekday(next) !== rhythm.weekday) next = plusDays(next, 1);
      days.push(next);
    } else {
      days.push(plusDays(last, rhythmIntervalDays(rhythm)));
    }
  }
  return days.map(at);
}

/**
 * A rhythm's weekday and time as another zone's clock reads its next
 * meeting: the form shows a rhythm kept in UTC (or a former zone) the way
 * the manager will save it, in their own zone.
 */
export function rhythmOnClock(rhythm: Rhythm, zone: string, now: Date): Pick<Rhythm, "weekday" | "startTime"> {
  if ((rhythm.timeZone ?? "UTC") === zone) return { weekday: rhythm.weekday, startTime: rhythm.startTime.slice(0, 5) };
  const [next] = planMeetingTimes(rhythm, now, 1);
  const w = wallTime(next!, zone);
  const two = (n: number) => String(n).padStart(2, "0");
  return { weekday: isoWeekday(calendarDay(w.year, w.month, w.day)), startTime: `${two(w.hour)}:${two(w.minute)}` };
}
