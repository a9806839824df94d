import type { Lens, Perspective } from "./enums";

export const LENS_LABELS: Record<Lens, string> = {
  success: "Their success",
  change: "Change",
  overload: "Overload",
  risk: "Risk and alternatives",
  uniqueness: "Uniqueness",
};

/** The lens headings as the report reads them when rating themself: their success is "your success". */
const SELF_LENS_LABELS: Record<Lens, string> = { ...LENS_LABELS, success: "Your success" };

export function lensLabel(lens: Lens, perspective: Perspective): string {
  return (perspective === "self" ? SELF_LENS_LABELS : LENS_LABELS)[lens];
}

/**
 * What the ends of the 1-5 scale mean, for each side. The report answers their
 * own question ("How well…?"), from not at all to fully; the manager says how
 * well the point stands for the report. Higher is better on both sides, which
 * is what the gap and the checklist health assume.
 */
export const RATING_SCALE: Record<Perspective, { low: string; high: string }> = {
  self: { low: "not at all", high: "fully" },
  manager: { low: "going badly", high: "going well" },
};

export const RATINGS = [1, 2, 3, 4, 5] as const;

/** A rating as a choice names it: the ends carry their meaning ("1, not at all"), the middle its number. */
export function ratingChoiceLabel(perspective: Perspective, rating: number): string {
  const { low, high } = RATING_SCALE[perspective];
  return rating === 1 ? `1, ${low}` : rating === 5 ? `5, ${high}` : String(rating);
}

/** The whole scale in one sentence, shown once above a rating form. */
export function ratingScaleSentence(perspective: Perspective): string {
  const { low, high } = RATING_SCALE[perspective];
  return `1 means ${low}, 5 means ${high}.`;
}

/** The point raised as an open "what would make you stay?" prompt, never as a score shown to others. */
export const ALTERNATIVES_POINT = 14;

export interface Assessment {
  pointKey: number;
  perspective: Perspective;
  rating: number;
  createdAt: Date | string;
}

export interface PointStanding {
  pointKey: number;
  manager: number | null;
  self: number | null;
  /** manager - self: positive when we think better of it than they do. Null unless both rated. */
  gap: number | null;
  lastAssessedAt: Date | null;
}

/**
 * Each point's latest manager and self rating and the gap between them: what
 * we think against what they say (seed 000: we only know where we stand once
 * we measure it).
 */
export function pointStandings(assessments: readonly Assessment[], pointKeys: readonly number[]): PointStanding[] {
  const latest = new Map<string, Assessment>();
  for (const a of assessments) {
    const key = `${a.pointKey}:${a.perspective}`;
    const seen = latest.get(key);
    if (!seen || new Date(a.createdAt) > new Date(seen.createdAt)) latest.set(key, a);
  }
  return pointKeys.map((pointKey) => {
    const manager = latest.get(`${pointKey}:manager`) ?? null;
    const self = latest.get(`${pointKey}:self`) ?? null;
    const dates = [manager, self].filter((a): a is Assessment => a !== null).map((a) => new Date(a.createdAt));
    return {
      pointKey,
      manager: manager?.rating ?? null,
      self: self?.rating ?? null,
      gap: manager && self ? manager.rating - self.rating : null,
      lastAssessedAt: dates.length ? new Date(Math.max(...dates.map((d) => d.getTime()))) : null,
    };
  });
}

/** Average of the latest ratings (either perspective) across points, 1-5, or null with nothing rated. */
export function checklistHealth(standings: readonly PointStanding[]): number | null {
  const ratings = standings.flatMap((s) => [s.manager, s.self]).filter((r): r is number => r !== null);
  if (!ratings.length) return null;
  return Math.round((ratings.reduce((a, b) => a + b, 0) / ratings.length) * 10) / 10;
}

/** The latest rating of one perspective per point, for "last time you said 3". */
export function latestByPoint(
  assessments: readonly Assessment[],
  perspective: Assessment["perspective"],
): Record<number, { rating: number; at: Date | string }> {
  const latest: Record<number, { rating: number; at: Date | string }> = {};
  for (const a of assessments) {
    if (a.perspective !== perspective) continue;
    const seen = latest[a.pointKey];
    if (!seen || new Date(a.createdAt) > new Date(seen.at)) latest[a.pointKey] = { rating: a.rating, at: a.createdAt };
  }
  return latest;
}

/** The last `count` ratings of one side for one point, oldest first: "3 → 4 → 4". */
export function ratingTrend(
  assessments: readonly Assessment[],
  pointKey: number,
  perspective: Assessment["perspective"],
  count = 5,
): number[] {
  return assessments
    .filter((a) => a.pointKey === pointKey && a.perspective === perspective)
    .sort((a, b) => new Date(a.createdAt).getTime() - new Date(b.createdAt).getTime())
    .slice(-count)
    .map((a) => a.rating);
}
