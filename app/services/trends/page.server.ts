import type { Viewer } from "~/auth/policies";
import type { Database } from "~/services/db.server";
import { readTrendsFilters, trendsOptions } from "./filters.server";
import { getHrTrends, UnknownTeam } from "./hr-trends.server";
import { getLineTrends } from "./line-trends.server";
import type { HrTrendsView, LineTrendsView, TrendsOptions } from "./types";

/**
 * What a trends page shows for its URL, for the page and for its CSV alike:
 * the filters read from the query string, the configured threshold and
 * rules, the view. One reading for both, so the CSV is exactly the page.
 */

/** HR's view for this URL, or null when it names a team that does not exist. */
export async function hrTrendsPage(
  db: Database,
  viewer: Viewer,
  url: URL,
  options: TrendsOptions = trendsOptions(),
): Promise<HrTrendsView | null> {
  try {
    return await getHrTrends(db, viewer, readTrendsFilters(url), options);
  } catch (error) {
    if (error instanceof UnknownTeam) return null;
    throw error;
  }
}

/** The viewer's own line for this URL (whether they may have one is the caller's to ask first). */
export function lineTrendsPage(
  db: Database,
  viewer: Viewer,
  url: URL,
  options: TrendsOptions = trendsOptions(),
): Promise<LineTrendsView> {
  return getLineTrends(db, viewer, readTrendsFilters(url), options);
}
