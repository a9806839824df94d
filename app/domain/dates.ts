export const DAY_MS = 86_400_000;

/** A calendar date (YYYY-MM-DD) or instant as a Date at UTC midnight / as is. */
export function toDate(value: Date | string): Date {
  return typeof value === "string" ? new Date(value.length === 10 ? `${value}T00:00:00Z` : value) : value;
}

export function addDays(value: Date | string, days: number): Date {
  return new Date(toDate(value).getTime() + days * DAY_MS);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysFrom(from: Date | string, to: Date | string): number {
  return Math.floor((toDate(to).getTime() - toDate(from).getTime()) / DAY_MS);
}

/** YYYY-MM-DD in UTC. */
export function isoDate(value: Date): string {
  return value.toISOString().slice(0, 10);
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
