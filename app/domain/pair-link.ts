/**
 * The link that stays the same for a pair of manager and report for good
 * (their meeting series' id): it opens their next 1:1, or the last one held,
 * so it can be pasted once into a calendar event of one's own (ADR 038).
 */
export const pairPath = (pairId: string) => `/one-on-ones/${pairId}`;
