import { dateFormatters, DEFAULT_TIME_ZONE } from "~/domain/time-zones";

/*
 * Pages show times in their reader's zone through `useDates()` (app/utils/dates.tsx).
 * These are for code with a reader but no React tree (pass their zone) and for
 * server-only text that has no reader at all, which stays in UTC.
 */

export function formatDate(value: Date | string | null | undefined, zone: string = DEFAULT_TIME_ZONE): string {
  return dateFormatters(zone).date(value);
}

/** "Tue 3 Mar, 09:30 UTC", or in `zone` with its abbreviation. */
export function formatDateTime(value: Date | string | null | undefined, zone: string = DEFAULT_TIME_ZONE): string {
  return dateFormatters(zone).dateTime(value);
}
