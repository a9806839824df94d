import { getVtimezoneComponent } from "@touch4it/ical-timezones";
import ical from "ical-generator";
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
  const stamp = (input.now ?? new Date()).toISOString().replace(/[-:]/g, "").slice(0, 15) + "Z";
  return calendar.toString().replace(/^DTSTAMP:\d{8}T\d{6}Z?(?=\r?$)/gm, `DTSTAMP:${stamp}`);
}

export function calendarResponse(body: string, filename: string): Response {
  return new Response(body, {
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": `attachment; filename="${filename}"`,
      "Cache-Control": "private, no-store",
    },
  });
}
