import { getVtimezoneComponent } from "@touch4it/ical-timezones";
import ical, { ICalAlarmType, ICalEventStatus } from "ical-generator";
import { pairPath } from "~/domain/pair-link";
import { DEFAULT_TIME_ZONE, wallTime } from "~/domain/time-zones";

interface CalendarMeeting {
  id: string;
  scheduledAt: Date;
  lengthMinutes: number;
}

/** The VTIMEZONE block for a zone and the TZID it names (the package may spell the zone anew), or null. */
function vtimezone(zone: string): { tzid: string; block: string } | null {
  if (zone === DEFAULT_TIME_ZONE) return null;
  const block = getVtimezoneComponent(zone);
  const tzid = block?.match(/^TZID:(.+)$/m)?.[1]?.trim();
  return block && tzid ? { tzid, block } : null;
}

/**
 * An instant as ical-generator's Temporal ZonedDateTime shape, so it writes
 * the zone's wall-clock time after TZID: given a plain Date and a zone it
 * would use the server's own local time instead.
 */
function zoned(instant: Date, zone: string) {
  const w = { ...wallTime(instant, zone), second: 0 };
  const text = () => instant.toISOString();
  const plain = {
    ...w,
    toPlainDate: () => ({ year: w.year, month: w.month, day: w.day, toJSON: text, toString: text }),
    toZonedDateTime: () => value,
    toJSON: text,
    toString: text,
  };
  const value = {
    ...w,
    timeZoneId: zone,
    toPlainDateTime: () => plain,
    withTimeZone: () => value,
    toInstant: () => ({
      epochMilliseconds: instant.getTime(),
      toZonedDateTimeISO: () => value,
      toJSON: text,
      toString: text,
    }),
    toJSON: text,
    toString: text,
  };
  return value;
}

/**
 * An iCalendar file of 1:1s that calendar apps import. Each event carries
 * the link to its prepared agenda; its UID is the meeting's id, so importing
 * again updates rather than duplicates. Only the pair's names go in, never
 * agenda content. Times are written in `timeZone` (DTSTART;TZID=...) with
 * its VTIMEZONE block, so a 09:30 1:1 reads 09:30 there in summer and winter;
 * UTC, or a zone the package lacks, is written in UTC.
 */
export function meetingsCalendar(input: {
  title: string;
  meetings: CalendarMeeting[];
  baseUrl: string;
  timeZone?: string;
  now?: Date;
}): string {
  const calendar = ical({ name: input.title, prodId: { company: "Rapport", product: "1:1s" } });
  const zone = vtimezone(input.timeZone ?? DEFAULT_TIME_ZONE);
  if (zone) calendar.timezone({ name: zone.tzid, generator: () => zone.block });
  const at = (instant: Date) => (zone ? zoned(instant, zone.tzid) : instant);
  for (const m of input.meetings) {
    const url = `${input.baseUrl}/meetings/${m.id}`;
    calendar.createEvent({
      id: `${m.id}@rapport`,
      start: at(m.scheduledAt),
      end: at(new Date(m.scheduledAt.getTime() + m.lengthMinutes * 60_000)),
      timezone: zone?.tzid ?? null,
      summary: input.title,
      description: `Prepared agenda: ${url}`,
      url,
    });
  }
  // DTSTAMP is always UTC (RFC 5545 §3.8.7.2); with a calendar zone the library writes the server's local time.
  const stamp = utcStamp(input.now ?? new Date());
  return calendar.toString().replace(/^DTSTAMP:\d{8}T\d{6}Z?(?=\r?$)/gm, `DTSTAMP:${stamp}`);
}

/** `20260303T083000Z`: an instant as RFC 5545 writes it in UTC. */
const utcStamp = (instant: Date) => instant.toISOString().replace(/[-:]/g, "").slice(0, 15) + "Z";

/** A 1:1 as a subscribed calendar shows it: its pair's names only, and what a calendar needs to update it. */
export interface FeedMeeting extends CalendarMeeting {
  /** The pair (meeting_series) id, for the link that always opens the pair's next 1:1. */
  seriesId: string | null;
  status: "planned" | "held" | "cancelled";
  /** RFC 5545 SEQUENCE, raised by the database on every change of time, length or status. */
  sequence: number;
  /** When the row last changed: the event's DTSTAMP and LAST-MODIFIED. */
  updatedAt: Date;
  managerName: string;
  reportName: string;
}

/** How long before a 1:1 the calendar reminds: a VALARM on every event that is still on. */
export const FEED_ALARM_MINUTES = 10;
/** How often calendar apps that honour it are asked to fetch again (REFRESH-INTERVAL, X-PUBLISHED-TTL). */
export const FEED_REFRESH_SECONDS = 60 * 60;

/**
 * A person's subscribed calendar (docs/decisions/038-calendar-feed.md): every
 * 1:1 they take part in, on their clock. Each event keeps its UID (the
 * meeting's id) and carries the database's SEQUENCE, so a moved or cancelled
 * 1:1 updates in place; a cancelled one is STATUS:CANCELLED and has no alarm.
 * The title names the pair and nothing else: no agenda text, topic or note.
 * DTSTAMP and LAST-MODIFIED are the row's last change, not "now", so the same
 * 1:1s make the same bytes and the route can answer 304.
 */
export function feedCalendar(input: { meetings: FeedMeeting[]; baseUrl: string; timeZone: string }): string {
  const calendar = ical({
    name: "Rapport 1:1s",
    description: "Your 1:1s in Rapport",
    prodId: { company: "Rapport", product: "1:1s" },
    ttl: FEED_REFRESH_SECONDS,
  });
  const zone = vtimezone(input.timeZone);
  if (zone) calendar.timezone({ name: zone.tzid, generator: () => zone.block });
  const at = (instant: Date) => (zone ? zoned(instant, zone.tzid) : instant);
  const stamps = new Map<string, string>();
  for (const m of input.meetings) {
    const uid = `${m.id}@rapport`;
    stamps.set(uid, utcStamp(m.updatedAt));
    const url = `${input.baseUrl}/meetings/${m.id}`;
    const summary = `1:1: ${m.managerName} / ${m.reportName}`;
    const cancelled = m.status === "cancelled";
    const lines = [`Prepared agenda: ${url}`];
    if (m.seriesId) lines.push(`Always your next 1:1 together: ${input.baseUrl}${pairPath(m.seriesId)}`);
    calendar.createEvent({
      id: uid,
      sequence: m.sequence,
      start: at(m.scheduledAt),
      end: at(new Date(m.scheduledAt.getTime() + m.lengthMinutes * 60_000)),
      timezone: zone?.tzid ?? null,
      summary: cancelled ? `Cancelled: ${summary}` : summary,
      description: lines.join("\n"),
      url,
      status: cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
      stamp: m.updatedAt,
      lastModified: m.updatedAt,
      alarms: cancelled
        ? []
        : [{ type: ICalAlarmType.display, trigger: FEED_ALARM_MINUTES * 60, description: summary }],
    });
  }
  // With a calendar zone the library writes DTSTAMP and LAST-MODIFIED in the server's local time; both are UTC.
  return calendar
    .toString()
    .split("BEGIN:VEVENT")
    .map((part) => {
      const stamp = stamps.get(/^UID:(.+?)\r?$/m.exec(part)?.[1] ?? "");
      return stamp ? part.replace(/^(DTSTAMP|LAST-MODIFIED):\d{8}T\d{6}Z?(?=\r?$)/gm, `$1:${stamp}`) : part;
    })
    .join("BEGIN:VEVENT");
}
