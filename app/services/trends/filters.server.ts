import { z } from "zod";
import { checkMinGroup } from "~/domain/anonymity";
import { addMonths, chooseRange, monthOf, monthsBetween, offeredMonths, QUESTIONS, type Month } from "~/domain/trends";
import { env } from "~/env.server";
import type { TrendsOptions, TrendsQuery } from "./types";

/** What a trends page is asked for (its URL's filters) and decided under (the configured threshold and rules). */

const MAX_MONTHS = 24;

/** The configured threshold (RAPPORT_MIN_GROUP, never below 3) and skip-level rule. */
export function trendsOptions(now = new Date()): TrendsOptions {
  const { RAPPORT_MIN_GROUP, RAPPORT_SKIP_LEVEL } = env();
  return { k: checkMinGroup(RAPPORT_MIN_GROUP), skipLevelRead: RAPPORT_SKIP_LEVEL === "read", now, memoSeconds: 300 };
}

const MonthParam = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/);
const FiltersQuery = z.object({
  team: z
    .string()
    .regex(/^(all|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i)
    .catch("all"),
  from: MonthParam.optional().catch(undefined),
  to: MonthParam.optional().catch(undefined),
  question: z.enum(QUESTIONS).catch("understood"),
});

/** Only finished months: a month still filling up would let two visits a day apart be subtracted. */
export function selectableMonths(now: Date): Month[] {
  const latest = addMonths(monthOf(now), -1);
  return monthsBetween(addMonths(latest, -(MAX_MONTHS - 1)), latest);
}

/**
 * The page's GET filters as asked, anything odd dropped to its default. The
 * range is settled by the view (chooseRange), which knows the months offered.
 */
export function readTrendsFilters(url: URL): TrendsQuery {
  const raw = FiltersQuery.parse(Object.fromEntries(url.searchParams));
  return { team: raw.team.toLowerCase(), from: raw.from, to: raw.to, question: raw.question };
}

/** The months offered and the range shown, for a query and the organisation's first month with data. */
export function settleRange(query: TrendsQuery, now: Date, firstData: Month | null) {
  const months = offeredMonths(selectableMonths(now), firstData);
  return { months, range: chooseRange(query, months) };
}
