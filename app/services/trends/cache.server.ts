import type { TrendCells, TrendRows } from "~/domain/trends";
import type { Database } from "~/services/db.server";

/**
 * The trends' one in-process cache, and the rule for when it is wrong.
 *
 * Trends show finished months only, and a finished month does not change in
 * normal use (the app writes the current month alone), so what was read for
 * one can be kept a while:
 *
 * - `trendRows`: one viewer's aggregated rows, per database handle, for
 *   `memoSeconds` (trendsOptions: 300 s; options without it: not kept). The key is everything the rows depend on: the view, the
 *   viewer (what they know is counted as theirs), the skip-level rule and
 *   the months read per family. The organisation chart is not: it is read
 *   on every visit.
 * - `decidedCells`: the cells decided over one set of remembered rows, kept
 *   as long as those rows are (it is keyed by the rows object, so it goes
 *   when they do), per threshold and organisation chart as read on that
 *   visit (teams, parents and headcounts), since the chart may change at any
 *   time.
 *
 * Invalidation: entries expire; nothing is told of writes. A back-fill into a
 * finished month has the database drop its stored roll-up at once, while a
 * viewer may go on seeing the remembered rows for up to `memoSeconds` (ADR 012:
 * only bulk back-fills write the past, before anyone reads). `forgetTrends`
 * drops a database's entries at once. Per process and bounded, so app servers
 * hold no state that matters.
 */

type KeyPart = string | number | boolean | null | readonly string[];

/**
 * A small memo: values per owner object (held weakly) and key, the oldest
 * stored dropped past `entries` per owner. A rejected promise is not kept, so
 * the next call tries again.
 */
export class Memo<Owner extends object, Value> {
  private readonly owners = new WeakMap<Owner, Map<string, { expires: number; value: Value }>>();

  constructor(private readonly entries: number) {}

  /** The value kept for this owner and key, or `load()`'s, kept `seconds` (0: not kept; Infinity: until pushed out). */
  get(owner: Owner, key: readonly KeyPart[], seconds: number, load: () => Value): Value {
    if (!(seconds > 0)) return load();
    let entries = this.owners.get(owner);
    if (!entries) this.owners.set(owner, (entries = new Map()));
    // The only place a key is spelled: JSON keeps parts apart whatever they hold.
    const id = JSON.stringify(key);
    const now = Date.now();
    const hit = entries.get(id);
    if (hit && hit.expires > now) return hit.value;
    const entry = { expires: now + seconds * 1000, value: load() };
    const store = entries;
    store.delete(id);
    store.set(id, entry);
    if (store.size > this.entries) store.delete(store.keys().next().value!);
    if (entry.value instanceof Promise) entry.value.catch(() => store.get(id) === entry && store.delete(id));
    return entry.value;
  }

  forget(owner: Owner): void {
    this.owners.delete(owner);
  }
}

export const trendRows = new Memo<Database, Promise<TrendRows>>(200);

export const decidedCells = new Memo<TrendRows, TrendCells>(4);

/** Drops every remembered aggregate of a database (benchmarks measure the cold path with it). */
export function forgetTrends(db: Database): void {
  trendRows.forget(db);
}
