// What Rapport mails on its own, and when each message is due (docs/decisions/037-reminders-and-digest.md).
// Pure: the job in app/services/messages/ asks these rules about the current schedule every minute.
import type { MessageKind } from "./enums";
import { addDays, isoDate } from "./dates";
import { dateFormatters, instantAt, wallTime } from "./time-zones";

const MINUTE_MS = 60_000;

/** The lead times a person can choose for a 1:1 reminder, in minutes. */
export const LEAD_TIMES = [15, 30, 60, 120, 240, 1440, 2880] as const;
/** The furthest ahead a reminder is ever due: the job reads 1:1s this far ahead, and no further. */
export const MAX_LEAD_MINUTES = Math.max(...LEAD_TIMES);

export function leadTimeWords(minutes: number): string {
  if (minutes % 1440 === 0) return minutes === 1440 ? "1 day" : `${minutes / 1440} days`;
  if (minutes % 60 === 0) return minutes === 60 ? "1 hour" : `${minutes / 60} hours`;
  return `${minutes} minutes`;
}

export interface MessagePreferences {
  reportReminder: boolean;
  managerReminder: boolean;
  followUps: boolean;
  weeklyDigest: boolean;
  reportLeadMinutes: number;
  managerLeadMinutes: number;
  /** ISO weekday, 1 (Monday) to 7, in the person's zone. */
  digestWeekday: number;
  /** 0-23, in the person's zone. */
  digestHour: number;
}

/**
 * Without a choice: everything on; the report hears a day ahead (time to add topics), the manager an
 * hour ahead (the agenda is as complete as it gets); the digest on Monday at 08:00.
 */
export const DEFAULT_PREFERENCES: MessagePreferences = {
  reportReminder: true,
  managerReminder: true,
  followUps: true,
  weeklyDigest: true,
  reportLeadMinutes: 1440,
  managerLeadMinutes: 60,
  digestWeekday: 1,
  digestHour: 8,
};

/** Which preference turns a kind of message on and off. */
export const KIND_PREFERENCE: Record<MessageKind, keyof MessagePreferences> = {
  "report-reminder": "reportReminder",
  "manager-reminder": "managerReminder",
  "follow-ups": "followUps",
  "weekly-digest": "weeklyDigest",
};

/** What the settings page and the unsubscribe page call each kind. */
export const KIND_LABELS: Record<MessageKind, string> = {
  "report-reminder": "reminders before your 1:1s with your manager",
  "manager-reminder": "reminders before your 1:1s with the people you manage, with the agenda's headlines",
  "follow-ups": "a message when a follow-up of yours is due, and when it is overdue",
  "weekly-digest": "the weekly digest of the people you manage",
};

export const WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"] as const;

/**
 * A reminder `leadMinutes` before a 1:1 is due from then until the 1:1 starts: a job that was down, or a
 * 1:1 moved to sooner than the lead time, still sends it, never once the 1:1 has begun.
 */
export function reminderDue(scheduledAt: Date, leadMinutes: number, now: Date): boolean {
  const from = scheduledAt.getTime() - leadMinutes * MINUTE_MS;
  return from <= now.getTime() && now.getTime() < scheduledAt.getTime();
}

/** The local hour a follow-up's "due today" and, the day after, "overdue" messages go out. */
export const FOLLOW_UP_HOUR = 8;
/** An overdue message not sent within this many days of becoming due (the job was off) is not sent at all. */
export const OVERDUE_SEND_WITHIN_DAYS = 3;

/**
 * Which message a follow-up due on `dueOn` (a calendar date) needs now, for an owner in `zone`: "due"
 * from 08:00 on that day, "overdue" from 08:00 the day after (for three days, so turning the feature on
 * does not mail every old follow-up); each is sent once, by its dedupe key.
 */
export function followUpMessage(dueOn: string, zone: string, now: Date): "due" | "overdue" | null {
  const [year, month, day] = dueOn.split("-").map(Number) as [number, number, number];
  const dueAt = instantAt({ year, month, day, hour: FOLLOW_UP_HOUR, minute: 0 }, zone);
  const next = addDays(`${dueOn}T00:00:00Z`, 1);
  const overdueAt = instantAt(
    {
      year: next.getUTCFullYear(),
      month: next.getUTCMonth() + 1,
      day: next.getUTCDate(),
      hour: FOLLOW_UP_HOUR,
      minute: 0,
    },
    zone,
  );
  const t = now.getTime();
  if (t < dueAt.getTime()) return null;
  if (t < overdueAt.getTime()) return "due";
  if (t < overdueAt.getTime() + OVERDUE_SEND_WITHIN_DAYS * 86_400_000) return "overdue";
  return null;
}

/** The calendar date the zone's clocks show at `instant`. */
export function localDate(instant: Date, zone: string): string {
  const w = wallTime(instant, zone);
  return isoDate(new Date(Date.UTC(w.year, w.month - 1, w.day)));
}

/** ISO weekday (1 Monday .. 7 Sunday) of a calendar date. */
function isoWeekday(date: string): number {
  const d = new Date(`${date}T00:00:00Z`).getUTCDay();
  return d === 0 ? 7 : d;
}

/**
 * The local date of this week's digest when it is due now (its weekday in the person's zone, from its
 * hour to the end of that day), or null. The date names the digest, so it goes once that day.
 */
export function digestDue(weekday: number, hour: number, zone: string, now: Date): string | null {
  const today = localDate(now, zone);
  if (isoWeekday(today) !== weekday) return null;
  return wallTime(now, zone).hour >= hour ? today : null;
}

/**
 * When a 1:1 is, in words for its reader in their zone: "today at 09:30", "tomorrow at 09:30" or
 * "on Thu 4 Jun at 09:30", with the zone's abbreviation.
 */
export function meetingWhen(scheduledAt: Date, now: Date, zone: string): string {
  const f = dateFormatters(zone);
  const day = localDate(scheduledAt, zone);
  const today = localDate(now, zone);
  const tomorrow = isoDate(addDays(`${today}T00:00:00Z`, 1));
  const at = `at ${f.time(scheduledAt)}`;
  if (day === today) return `today ${at}`;
  if (day === tomorrow) return `tomorrow ${at}`;
  const label = new Intl.DateTimeFormat("en-GB", {
    weekday: "short",
    day: "numeric",
    month: "short",
    timeZone: f.zone,
  }).format(scheduledAt);
  return `on ${label} ${at}`;
}

/** Dedupe keys: the thing a message is about and the time it is for, so a moved 1:1 is a new message. */
export const messageKeys = {
  reportReminder: (meetingId: string, scheduledAt: Date) => `reminder:report:${meetingId}:${scheduledAt.toISOString()}`,
  managerReminder: (meetingId: string, scheduledAt: Date) =>
    `reminder:manager:${meetingId}:${scheduledAt.toISOString()}`,
  followUp: (which: "due" | "overdue", actionItemId: string, dueOn: string) =>
    `follow-up:${which}:${actionItemId}:${dueOn}`,
  digest: (personId: string, date: string) => `digest:${personId}:${date}`,
};
