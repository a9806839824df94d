/**
 * Time zones: which names are real, what an instant reads as on a zone's
 * wall clock, which instant a wall-clock time stands for, and the formatters
 * every page shows its times with. Pure: it leans on Intl only, which knows
 * the IANA database on both the server and the browser.
 */

export const DEFAULT_TIME_ZONE = "UTC";

/** The zone's name as Intl spells it ("europe/berlin" → "Europe/Berlin"), or null when it is no zone. */
export function canonicalTimeZone(name: unknown): string | null {
  if (typeof name !== "string" || name.length === 0 || name.length > 64) return null;
  try {
    return new Intl.DateTimeFormat("en-GB", { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

export function isTimeZone(name: unknown): name is string {
  return canonicalTimeZone(name) !== null;
}

/**
 * The zones a person may choose from, UTC first, each labelled by its place.
 * Intl's list leaves UTC out and may spell a zone the old way (Asia/Calcutta);
 * `current` is added when the list lacks it, so the select shows what is saved.
 */
export function timeZoneChoices(current?: string): { region: string; zones: { value: string; label: string }[] }[] {
  const names = new Set(Intl.supportedValuesOf("timeZone"));
  if (current && current !== DEFAULT_TIME_ZONE) names.add(current);
  const regions = new Map<string, { value: string; label: string }[]>();
  for (const name of [...names].sort()) {
    const slash = name.indexOf("/");
    const region = slash > 0 ? name.slice(0, slash) : "Other";
    const label = (slash > 0 ? name.slice(slash + 1) : name).replaceAll("_", " ").replaceAll("/", " / ");
    regions.set(region, [...(regions.get(region) ?? []), { value: name, label }]);
  }
  return [
    { region: "Universal", zones: [{ value: DEFAULT_TIME_ZONE, label: "UTC (Coordinated Universal Time)" }] },
    ...[...regions].map(([region, zones]) => ({ region, zones })),
  ];
}

const partsFormats = new Map<string, Intl.DateTimeFormat>();

function partsFormat(zone: string): Intl.DateTimeFormat {
  let format = partsFormats.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-US", {
      timeZone: zone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    partsFormats.set(zone, format);
  }
  return format;
}

export interface WallTime {
  year: number;
  /** 1-12 */
  month: number;
  day: number;
  hour: number;
  minute: number;
}

/** What the zone's clocks read at `instant` (to the minute). */
export function wallTime(instant: Date, zone: string): WallTime {
  const parts: Record<string, number> = {};
  for (const p of partsFormat(zone).formatToParts(instant)) if (p.type !== "literal") parts[p.type] = Number(p.value);
  return { year: parts.year!, month: parts.month!, day: parts.day!, hour: parts.hour! % 24, minute: parts.minute! };
}

/** Minutes the zone is ahead of UTC at `instant` (Berlin in winter: 60; New York in summer: -240). */
export function offsetMinutes(instant: Date, zone: string): number {
  const w = wallTime(instant, zone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute);
  return Math.round((asUtc - Math.floor(instant.getTime() / 60_000) * 60_000) / 60_000);
}

const HOUR_MS = 3_600_000;

/**
 * The instant the zone's clocks show `wall`. A time skipped when clocks go
 * forward (02:30 in Berlin on the last Sunday of March) moves on by the gap,
 * to 03:30; a time shown twice when they go back is the first of the two.
 * That is what calendar apps do (RFC 5545 §3.3.5), so our .ics agrees.
 */
export function instantAt(wall: WallTime, zone: string): Date {
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute);
  const before = offsetMinutes(new Date(asUtc - 12 * HOUR_MS), zone);
  const after = offsetMinutes(new Date(asUtc + 12 * HOUR_MS), zone);
  const fits = [before, after]
    .map((offset) => asUtc - offset * 60_000)
    .filter((t) => offsetMinutes(new Date(t), zone) * 60_000 === asUtc - t);
  if (fits.length) return new Date(Math.min(...fits));
  return new Date(asUtc - before * 60_000);
}

/** The same wall-clock time `days` calendar days later in the zone: 09:30 stays 09:30 across a clock change. */
export function addZonedDays(instant: Date, days: number, zone: string): Date {
  const w = wallTime(instant, zone);
  const date = new Date(Date.UTC(w.year, w.month - 1, w.day + days));
  return instantAt(
    {
      year: date.getUTCFullYear(),
      month: date.getUTCMonth() + 1,
      day: date.getUTCDate(),
      hour: w.hour,
      minute: w.minute,
    },
    zone,
  );
}

/** "2026-03-03T09:30" as the zone's wall clock, e.g. a datetime-local field's value read in the viewer's zone. */
export function parseWallTime(value: string, zone: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value);
  if (!m) return null;
  const [year, month, day, hour, minute] = m.slice(1).map(Number) as [number, number, number, number, number];
  return instantAt({ year, month, day, hour, minute }, zone);
}

/** The value a datetime-local field shows for `instant` in the zone. */
export function wallTimeValue(instant: Date, zone: string): string {
  const w = wallTime(instant, zone);
  const two = (n: number) => String(n).padStart(2, "0");
  return `${w.year}-${two(w.month)}-${two(w.day)}T${two(w.hour)}:${two(w.minute)}`;
}

const CALENDAR_DATE = /^\d{4}-\d{2}-\d{2}$/;

export interface DateFormatters {
  zone: string;
  /** "3 Mar 2026". A calendar date ("2026-03-03", a due date) is that date wherever the reader is. */
  date(value: Date | string | null | undefined): string;
  /** "Tue 3 Mar, 09:30 CET" */
  dateTime(value: Date | string | null | undefined): string;
  /** "09:30 CET" */
  time(value: Date | string | null | undefined): string;
  /** The zone's short name at that instant: "CET", "EDT", "UTC", or "GMT+5:30" where English has none. */
  abbreviation(value: Date | string): string;
}

const formatterSets = new Map<string, DateFormatters>();

/**
 * Formatters bound to one zone. English (GB) day-month order; the zone's
 * abbreviation from British English or, when that has only "GMT-5", American.
 */
export function dateFormatters(zone: string = DEFAULT_TIME_ZONE): DateFormatters {
  const known = formatterSets.get(zone);
  if (known) return known;
  const tz = canonicalTimeZone(zone) ?? DEFAULT_TIME_ZONE;
  const day = { day: "numeric", month: "short", year: "numeric" } as const;
  const calendarFormat = new Intl.DateTimeFormat("en-GB", { ...day, timeZone: "UTC" });
  const dateFormat = new Intl.DateTimeFormat("en-GB", { ...day, timeZone: tz });
  const clock = { hour: "2-digit", minute: "2-digit", hourCycle: "h23" } as const;
  const dateTimeFormat = new Intl.DateTimeFormat("en-GB", {
    weekday: "short",
    day: "numeric",
    month: "short",
    ...clock,
    timeZone: tz,
  });
  const timeFormat = new Intl.DateTimeFormat("en-GB", { ...clock, timeZone: tz });
  const names = ["en-GB", "en-US"].map(
    (locale) => new Intl.DateTimeFormat(locale, { timeZone: tz, timeZoneName: "short" }),
  );
  const toInstant = (value: Date | string) => (typeof value === "string" ? new Date(value) : value);
  const abbreviation = (value: Date | string) => {
    const found = names.map((f) => f.formatToParts(toInstant(value)).find((p) => p.type === "timeZoneName")?.value);
    return found.find((n) => n && !/^GMT[+-]/.test(n)) ?? found[0] ?? tz;
  };
  const formatters: DateFormatters = {
    zone: tz,
    date: (value) => {
      if (!value) return "—";
      if (typeof value === "string" && CALENDAR_DATE.test(value))
        return calendarFormat.format(new Date(`${value}T00:00:00Z`));
      return dateFormat.format(toInstant(value));
    },
    dateTime: (value) => (value ? `${dateTimeFormat.format(toInstant(value))} ${abbreviation(value)}` : "—"),
    time: (value) => (value ? `${timeFormat.format(toInstant(value))} ${abbreviation(value)}` : "—"),
    abbreviation,
  };
  // Only names that are already canonical are kept, so odd input cannot grow the cache.
  if (tz === zone) formatterSets.set(zone, formatters);
  return formatters;
}
