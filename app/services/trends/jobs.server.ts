import { sql } from "drizzle-orm";
import { rowsOf } from "#db/client";
import { ROLLUP_FAMILIES } from "#db/schema";
import { addMonths, offeredMonths, type Month } from "~/domain/trends";
import type { Database } from "~/services/db.server";
import type { RecurringJob } from "~/services/jobs/recurring-job";
import { selectableMonths } from "./filters.server";
import { buildRollups } from "./rollups.server";
import { firstDataMonth } from "./sql.server";

/**
 * Months built in one run, in one pass over their answers: the eight HR's default view reads (six and the
 * two before: a month's change is against the month before, and rule 9 of ADR 012 decides that one
 * against the month before it). On PGlite a statement holds the process, so a new large database gets its older months over
 * the next hourly runs instead of all at once.
 */
const MONTHS_PER_RUN = 8;

/**
 * Builds the stored trend months (rollups.server.ts) that HR's page may ask for and that are not stored
 * yet, newest first and at most MONTHS_PER_RUN, so the first visit after a month closes reads it instead of
 * building it. Returns the months it built. Nothing missing costs two small statements.
 */
export async function buildMissingTrendMonths(db: Database, now: Date): Promise<Month[]> {
  const offered = offeredMonths(selectableMonths(now), await firstDataMonth(db));
  // A range's change is against the month before it, decided against the one before that (rule 9), so the
  // page reads the two months before the first offered.
  const months = [addMonths(offered[0]!, -2), addMonths(offered[0]!, -1), ...offered];
  const stored = rowsOf<{ month: string }>(
    await db.execute(sql`
      select month from trend_rollups where month >= ${months[0]!}
      group by month having count(distinct family) = ${ROLLUP_FAMILIES.length}`),
  );
  const have = new Set(stored.map((r) => r.month));
  const missing = months
    .filter((m) => !have.has(m))
    .reverse()
    .slice(0, MONTHS_PER_RUN);
  if (missing.length > 0) await buildRollups(db, missing);
  return missing;
}

/**
 * Every hour at five past: the first run after midnight UTC on the 1st builds the month that just closed,
 * the others build whatever is still missing (a month a write dropped, a new database) and otherwise cost
 * next to nothing.
 */
export const trendMonthsJob: RecurringJob = {
  name: "trend-months",
  cron: "5 * * * *",
  run: async (db, now) => {
    await buildMissingTrendMonths(db, now);
  },
};
