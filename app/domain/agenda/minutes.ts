import type { AgendaItem } from "./types";

const WEIGHT: Record<AgendaItem["section"], number> = {
  "report-topic": 3,
  goal: 2,
  commitment: 2,
  "action-item": 1,
  risk: 1,
  checklist: 2,
  "manager-topic": 2,
  "open-time": 3,
};

/** Largest-remainder split of `total` whole minutes by weight: the parts always add up to `total`. */
function split(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  if (!weights.length) return [];
  if (sum === 0)
    return split(
      total,
      weights.map(() => 1),
    );
  const exact = weights.map((w) => (total * w) / sum);
  const parts = exact.map(Math.floor);
  let left = total - parts.reduce((a, b) => a + b, 0);
  const order = exact.map((e, i) => ({ i, frac: e - Math.floor(e) })).sort((a, b) => b.frac - a.frac || a.i - b.i);
  for (const { i } of order) {
    if (left <= 0) break;
    parts[i]!++;
    left--;
  }
  return parts;
}

/**
 * Shares the meeting's minutes over the items, at least half to the
 * report's own items (their success before ours). The caller guarantees the
 * report has at least one item (an open-time item when nothing else).
 */
export function allocateMinutes(items: readonly AgendaItem[], lengthMinutes: number): AgendaItem[] {
  const theirs = items.filter((i) => i.reportsOwn);
  const ours = items.filter((i) => !i.reportsOwn);
  const weightOf = (list: readonly AgendaItem[]) => list.reduce((a, i) => a + WEIGHT[i.section], 0);
  let theirMinutes: number;
  if (!ours.length) theirMinutes = lengthMinutes;
  else if (!theirs.length) theirMinutes = 0;
  else {
    const byWeight = Math.round((lengthMinutes * weightOf(theirs)) / (weightOf(theirs) + weightOf(ours)));
    theirMinutes = Math.max(Math.ceil(lengthMinutes / 2), byWeight);
  }
  const theirParts = split(
    theirMinutes,
    theirs.map((i) => WEIGHT[i.section]),
  );
  const ourParts = split(
    lengthMinutes - theirMinutes,
    ours.map((i) => WEIGHT[i.section]),
  );
  const minutes = new Map<AgendaItem, number>();
  theirs.forEach((item, i) => minutes.set(item, theirParts[i]!));
  ours.forEach((item, i) => minutes.set(item, ourParts[i]!));
  return items.map((item) => ({ ...item, minutes: minutes.get(item)! }));
}
