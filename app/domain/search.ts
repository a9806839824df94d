/**
 * The history search's rules that need no database (docs/decisions/029-search.md): what a query may
 * be, how it is handed to PostgreSQL, and where each kind of hit leads.
 */

/** The most hits a search answers with, best first. */
export const SEARCH_LIMIT = 20;
/** Longer input is refused with a message: nobody types a question this long, and ranking it costs. */
export const SEARCH_MAX_LENGTH = 200;
/** More words than this are refused too: each one is a term every document is ranked against. */
export const SEARCH_MAX_WORDS = 12;

/** Marks a matched word in a snippet (chr(2), chr(3) in the SQL): characters nobody types, never HTML. */
export const MARK_START = "\u0002";
export const MARK_END = "\u0003";

export type SearchQuery = { ok: true; text: string; anyWords: string | null } | { ok: false; message: string | null };

/**
 * Reads what someone typed into the search box. `text` goes to websearch_to_tsquery, which accepts
 * anything (quotes, "or", a leading "-") and never fails on syntax. A plain question such as "what
 * did we agree about the conference in spring" rarely has every word in one note, so `anyWords` is
 * the same words joined by "or": hits with every word rank first, hits with some follow. With quotes
 * or a "-" the searcher asked for exactness, and `anyWords` is null. An empty box is no search at all
 * (message null); too long, or no letters or digits, says why.
 */
export function parseSearchQuery(raw: string | null | undefined): SearchQuery {
  const text = (raw ?? "").replace(/\s+/g, " ").trim();
  if (!text) return { ok: false, message: null };
  if (text.length > SEARCH_MAX_LENGTH)
    return { ok: false, message: `That is too long to search: use up to ${SEARCH_MAX_LENGTH} characters.` };
  const words = text.match(/[\p{L}\p{N}]+/gu) ?? [];
  if (!words.length) return { ok: false, message: "Type a word to search for: letters or numbers." };
  if (words.length > SEARCH_MAX_WORDS)
    return { ok: false, message: `Use up to ${SEARCH_MAX_WORDS} words: the few that matter most.` };
  const exact = /["]|(^|\s)-\S/.test(text);
  const plain = words.filter((w) => !/^(or|and)$/i.test(w));
  return { ok: true, text, anyWords: exact || plain.length < 2 ? null : plain.join(" or ") };
}

export const HIT_KINDS = ["note", "topic", "action-item", "goal", "commitment"] as const;
export type HitKind = (typeof HIT_KINDS)[number];

export const HIT_LABELS: Record<HitKind, string> = {
  note: "Note",
  topic: "Topic",
  "action-item": "Follow-up",
  goal: "Goal",
  commitment: "Change commitment",
};

export interface SearchHitPlace {
  kind: HitKind;
  id: string;
  meetingId: string | null;
  personId: string;
}

/**
 * Where a hit opens: its 1:1 when it has one, else its own page (a goal is the report's page under
 * /me, and part of the account page for their manager), else the follow-ups list.
 */
export function hitLink(hit: SearchHitPlace, reader: "report" | "manager"): string {
  if (hit.meetingId) return `/meetings/${hit.meetingId}`;
  switch (hit.kind) {
    case "goal":
      return reader === "report" ? `/me/goals/${hit.id}` : `/people/${hit.personId}#goals`;
    case "commitment":
      return `/commitments/${hit.id}`;
    default:
      return reader === "report" ? "/me/history" : "/follow-ups";
  }
}

/**
 * A snippet as runs of plain and matched text, for the page to render as text (React escapes it):
 * nothing in a note is ever read as markup. A stray marker someone typed only marks a word.
 */
export function snippetParts(snippet: string): { text: string; matched: boolean }[] {
  const parts: { text: string; matched: boolean }[] = [];
  for (const [i, piece] of snippet.split(MARK_START).entries()) {
    const [inside, ...after] = i === 0 ? [null, piece] : piece.split(MARK_END);
    if (inside) parts.push({ text: inside, matched: true });
    const rest = after.join("").replaceAll(MARK_END, "");
    if (rest) parts.push({ text: rest, matched: false });
  }
  return parts;
}
