/**
 * The one anonymity rule of Rapport. Every aggregate that leaves the server
 * for HR or for a manager's line (page, CSV, loader data) is decided here,
 * from counts alone: pure, so the rule is a table-driven and property test
 * away from proof. Read docs/decisions for the reasoning; in short:
 *
 * 1. A cell shows only when at least k distinct people stand behind it, and
 *    the people the viewer cannot already read one by one (everyone but
 *    themself, for a pulse) are none or at least k as well.
 * 2. Small teams fold into their parent: their own row is marked, their
 *    people count in the parent's cell.
 * 3. Complementary suppression: in a tree of cells whose parent is the sum of
 *    its children plus its own members (teams; a lens and its points are kept
 *    all-or-nothing instead), whatever a shown parent holds beyond its shown
 *    descendants (what can be worked out by subtraction) must be nothing, or
 *    k people or more and not exactly one hidden cell. When it is not, the
 *    smallest shown sibling is hidden too, and the parent when none is left.
 * 4. A change between two months shows only when the group's membership
 *    changed by nobody or by at least k people; otherwise the difference
 *    would be the newcomers' or leavers' answers.
 * 5. Differencing over time (ADR 012 rule 9): a group's month shows only when
 *    its membership differs from every earlier month of it that shows by
 *    nobody or by at least k people; otherwise that month is hidden ("changed")
 *    and the cells around it are protected as for any hidden cell. Decided
 *    month by month from the earliest, so a shown month never changes later.
 * 6. A cell in which every answer is the same value says what each person
 *    answered: it is hidden as too small (ADR 012 rule 10).
 */

/** Never below this, whatever the configuration says. */
const MIN_GROUP_FLOOR = 3;

/** Refuses a threshold that would let a group of two show. */
export function checkMinGroup(k: number): number {
  if (!Number.isInteger(k) || k < MIN_GROUP_FLOOR)
    throw new Error(`RAPPORT_MIN_GROUP can not be below ${MIN_GROUP_FLOOR}`);
  return k;
}

/** Who stands behind one aggregate: counts only, never who. */
export interface Crowd {
  /** Distinct people who contributed. */
  people: number;
  /** Of them, people whose individual answers the viewer can already read (themself; their own reports' ratings). */
  known: number;
  /** Rows behind the aggregate (answers, ratings, meetings): none means there is nothing to protect. */
  answers: number;
  /** Every answer behind it is the same value: the value is each person's answer (rule 6). */
  uniform?: boolean;
}

function addCrowds(a: Crowd, b: Crowd): Crowd {
  return { people: a.people + b.people, known: a.known + b.known, answers: a.answers + b.answers };
}

function subtractCrowds(a: Crowd, b: Crowd): Crowd {
  return { people: a.people - b.people, known: a.known - b.known, answers: a.answers - b.answers };
}

/** Enough people, and enough of them unknown to the viewer, for an aggregate to say nothing about one of them. */
export function isLargeEnough(crowd: Crowd, k: number): boolean {
  const unknown = crowd.people - crowd.known;
  return crowd.people >= k && (unknown === 0 || unknown >= k);
}

export type HiddenReason = "too-few" | "complementary" | "folded" | "changed";
export type Visibility = "shown" | "empty" | HiddenReason;

/** One cell of a tree: the totals of its whole subtree. */
export interface TreeCell {
  id: string;
  /** null for the root. */
  parentId: string | null;
  /**
   * One crowd per column that shares this cell's fate: a single column for a
   * pulse or a lens, every point of a lens for a point group (all shown or
   * none, so a lens never reveals one of its points by subtraction).
   */
  crowds: readonly Crowd[];
  /** Hidden whatever the numbers: a folded team, or a group whose lens is hidden. */
  forced?: HiddenReason;
}

/**
 * Decides which cells of one tree (one month, one measure) may show. The
 * crowds must be additive: a cell's people are its own members plus its
 * children's, each person counted in one place (the service attributes each
 * person-month to one team).
 */
export function suppressTree(cells: readonly TreeCell[], k: number): Map<string, Visibility> {
  checkMinGroup(k);
  const byId = new Map(cells.map((c) => [c.id, c]));
  const children = new Map<string, TreeCell[]>();
  for (const cell of cells) {
    if (cell.parentId === null) continue;
    if (!byId.has(cell.parentId)) throw new Error(`cell ${cell.id} has an unknown parent ${cell.parentId}`);
    const list = children.get(cell.parentId) ?? [];
    list.push(cell);
    children.set(cell.parentId, list);
  }
  const columns = cells[0]?.crowds.length ?? 0;
  const direct = new Map<string, Crowd[]>();
  for (const cell of cells) {
    if (cell.crowds.length !== columns) throw new Error("every cell of a tree needs the same columns");
    const own = cell.crowds.map((crowd, c) =>
      (children.get(cell.id) ?? []).reduce((left, child) => subtractCrowds(left, child.crowds[c]!), crowd),
    );
    if (own.some((o) => o.people < 0 || o.known < 0 || o.answers < 0))
      throw new Error(`cell ${cell.id} holds less than its children`);
    direct.set(cell.id, own);
  }

  const visibility = new Map<string, Visibility>();
  // A cell forced hidden hides its subtree too (a team folded into its parent has no visible parts), but for
  // a change over time: a team whose people changed says nothing about the teams under it that did not.
  const order = deepestFirst(cells, byId);
  const forced = new Map<string, HiddenReason | undefined>();
  for (const cell of [...order].reverse()) {
    const inherited = cell.parentId === null ? undefined : forced.get(cell.parentId);
    const own = cell.forced ?? (inherited === "changed" ? undefined : inherited);
    forced.set(cell.id, own === "changed" && cell.forced !== "changed" ? undefined : own);
    visibility.set(cell.id, primary({ ...cell, forced: own }, k));
  }

  // What a cell holds beyond its shown descendants, per column; collects the shown descendants
  // subtracted and the hidden cells opened on the way (with what each of them holds).
  const residual = (cell: TreeCell, column: number, subtracted: TreeCell[], opened: Crowd[]): Crowd => {
    let left = direct.get(cell.id)![column]!;
    for (const child of children.get(cell.id) ?? []) {
      const v = visibility.get(child.id)!;
      if (v === "shown") subtracted.push(child);
      else if (v !== "empty") {
        const below = residual(child, column, subtracted, opened);
        opened.push(below);
        left = addCrowds(left, below);
      }
    }
    return left;
  };

  // Bottom-up: hiding a cell only grows the remainders of its ancestors, which come later.
  for (const cell of order) {
    if (visibility.get(cell.id) !== "shown") continue;
    for (let protectedAll = false; !protectedAll && visibility.get(cell.id) === "shown";) {
      protectedAll = true;
      for (let column = 0; column < columns; column++) {
        const subtracted: TreeCell[] = [];
        const opened: Crowd[] = [];
        const left = residual(cell, column, subtracted, opened);
        if (left.answers === 0) continue;
        // Exposed: the remainder is a small group, or it is exactly one hidden cell (which subtraction would reveal).
        const revealsOne = opened.some((o) => o.answers === left.answers);
        if (isLargeEnough(left, k) && !revealsOne) continue;
        // Hide the smallest shown group that is subtracted, so the remainder grows; with none left, hide this cell.
        const next =
          subtracted
            .filter((s) => s.crowds[column]!.answers > 0)
            .sort((a, b) => smallestFirst(a.crowds[column]!, b.crowds[column]!) || (a.id < b.id ? -1 : 1))[0] ?? cell;
        visibility.set(next.id, "complementary");
        protectedAll = false;
        break;
      }
    }
  }
  return visibility;
}

/** The cells a reader has the value of: shown, or hidden with every answer in it in shown parts. */
function readableCells(
  cells: readonly TreeCell[],
  children: Map<string, TreeCell[]>,
  visibility: Map<string, Visibility>,
): Set<string> {
  const hiddenAnswers = (cell: TreeCell, column: number): number => {
    let left = cell.crowds[column]!.answers;
    for (const child of children.get(cell.id) ?? []) {
      left -= child.crowds[column]!.answers;
      if (visibility.get(child.id) !== "shown") left += hiddenAnswers(child, column);
    }
    return left;
  };
  const readable = new Set<string>();
  for (const c of cells) {
    const v = visibility.get(c.id);
    if (v === "shown" || (v !== "empty" && c.crowds.every((_, column) => hiddenAnswers(c, column) === 0)))
      readable.add(c.id);
  }
  return readable;
}

const smallestFirst = (a: Crowd, b: Crowd) => a.people - b.people || a.answers - b.answers;

function deepestFirst(cells: readonly TreeCell[], byId: Map<string, TreeCell>): TreeCell[] {
  const depth = new Map<string, number>();
  const depthOf = (cell: TreeCell, seen = 0): number => {
    const known = depth.get(cell.id);
    if (known !== undefined) return known;
    if (seen > cells.length) throw new Error("the cells do not form a tree");
    const d = cell.parentId === null ? 0 : depthOf(byId.get(cell.parentId)!, seen + 1) + 1;
    depth.set(cell.id, d);
    return d;
  };
  return [...cells].sort((a, b) => depthOf(b) - depthOf(a));
}

function primary(cell: TreeCell, k: number): Visibility {
  if (cell.forced) return cell.forced;
  if (cell.crowds.every((c) => c.answers === 0)) return "empty";
  if (cell.crowds.some((c) => c.answers > 0 && (!isLargeEnough(c, k) || c.uniform))) return "too-few";
  return "shown";
}

/**
 * Whether two months of one group may both show: the people in one and not
 * the other are nobody or at least k. `common` is how many were in both, or
 * null when it is not known: then only a head count k or more apart proves
 * enough people changed.
 */
export function steadyEnough(earlier: number, later: number, common: number | null, k: number): boolean {
  if (common === null) return Math.abs(later - earlier) >= k;
  const changed = earlier + later - 2 * common;
  return changed === 0 || changed >= k;
}

/**
 * Decides the cells of one measure over consecutive months (rule 5), the
 * earliest first: each month's tree as `suppressTree` decides it, except
 * that a cell that would show is hidden ("changed") when its membership
 * differs by 1 to k-1 people from an earlier month in which it shows, and the
 * month is decided again with it hidden (so subtraction cannot reopen it).
 * A month's decision reads only that month and earlier ones: later months
 * never change it. `common(id, column, later, earlier)` counts the people in
 * a cell in both months (indexes into `months`), or null when unknown. With
 * `everyEarlierMonth`, a cell is compared with every earlier month it had
 * answers in, whether that month showed it or not: stricter, and it needs no
 * decision of the earlier months.
 */
export function suppressOverTime(
  months: readonly (readonly TreeCell[])[],
  common: (id: string, column: number, later: number, earlier: number) => number | null,
  k: number,
  options: { everyEarlierMonth?: boolean } = {},
): Map<string, Visibility>[] {
  const earlier: EarlierMonth[] = [];
  return months.map((cells, i) => {
    const { visibility, readable } = suppressAgainst(cells, earlier, (id, column, j) => common(id, column, i, j), k);
    // Compared with every earlier month a cell had answers in, shown or not, when asked.
    earlier.push(earlierMonth(cells, options.everyEarlierMonth ? withAnswers(cells) : readable));
    return visibility;
  });
}

/** An earlier month a month is compared with: its cells by id, and those a reader has the value of. */
export interface EarlierMonth {
  cells: ReadonlyMap<string, TreeCell>;
  readable: ReadonlySet<string>;
}

export const earlierMonth = (cells: readonly TreeCell[], readable: ReadonlySet<string>): EarlierMonth => ({
  cells: new Map(cells.map((c) => [c.id, c])),
  readable,
});

/** Every cell with answers in it: for comparing with a month whatever it showed. */
export const withAnswers = (cells: readonly TreeCell[]): Set<string> =>
  new Set(cells.filter((c) => c.crowds.some((crowd) => crowd.answers > 0)).map((c) => c.id));

/**
 * One month of rule 9 (see suppressOverTime): the month's tree decided, then
 * decided again with every cell hidden whose people differ from an earlier
 * month it is readable in by 1 to k-1, and with the smallest shown part of a
 * hidden-for-a-change cell hidden when the parts would add up to it.
 * `common(id, column, j)` counts a cell's people in both this month and
 * `earlier[j]`, or null when unknown.
 */
export function suppressAgainst(
  cells: readonly TreeCell[],
  earlier: readonly EarlierMonth[],
  common: (id: string, column: number, earlier: number) => number | null,
  k: number,
): { visibility: Map<string, Visibility>; readable: Set<string> } {
  const extra = new Map<string, HiddenReason>();
  const children = new Map<string, TreeCell[]>();
  for (const c of cells) if (c.parentId !== null) children.set(c.parentId, [...(children.get(c.parentId) ?? []), c]);
  for (;;) {
    const visibility = suppressTree(
      extra.size === 0
        ? cells
        : cells.map((c) => (extra.has(c.id) && !c.forced ? { ...c, forced: extra.get(c.id) } : c)),
      k,
    );
    const readable = readableCells(cells, children, visibility);
    const unsteady = cells.filter(
      (c) =>
        visibility.get(c.id) === "shown" &&
        earlier.some((before, j) => {
          if (!before.readable.has(c.id)) return false;
          const then = before.cells.get(c.id);
          return c.crowds.some(
            (crowd, column) =>
              !steadyEnough(then?.crowds[column]?.people ?? 0, crowd.people, common(c.id, column, j), k),
          );
        }),
    );
    for (const c of unsteady) extra.set(c.id, "changed");
    // A cell hidden for a change must not be the sum of shown parts: hide its smallest shown part too.
    let opened = false;
    if (unsteady.length === 0)
      for (const c of cells) {
        if (visibility.get(c.id) !== "changed" || !readable.has(c.id)) continue;
        const part = (children.get(c.id) ?? [])
          .filter((child) => visibility.get(child.id) === "shown")
          .sort((a, b) => smallestFirst(a.crowds[0]!, b.crowds[0]!) || (a.id < b.id ? -1 : 1))[0];
        if (part) {
          extra.set(part.id, "complementary");
          opened = true;
        }
      }
    if (unsteady.length === 0 && !opened) return { visibility, readable };
  }
}

/**
 * Whether a change between two shown months of one group may show: the people
 * who joined or left must be nobody or at least k, or the change in the
 * average is their answers.
 */
export function canCompare(
  previous: Pick<Crowd, "people">,
  current: Pick<Crowd, "people">,
  stayed: number,
  k: number,
): boolean {
  const changed = previous.people - stayed + (current.people - stayed);
  return changed === 0 || changed >= k;
}

export const NOT_COMPARABLE = "not enough change in responses to compare";

/** The mark shown (and exported) in place of a hidden value. */
export function hiddenLabel(reason: HiddenReason, k: number): string {
  switch (reason) {
    case "too-few":
      return `suppressed: fewer than ${k} people`;
    case "complementary":
      return "suppressed: would reveal a smaller group by subtraction";
    case "folded":
      return `suppressed: team of fewer than ${k} people, counted in its parent`;
    case "changed":
      return `suppressed: fewer than ${k} people joined or left since an earlier month`;
  }
}

export const EMPTY_LABEL = "no responses";

/** What one cell says once it leaves the server: a value with its crowd size, or a mark. Never the sums behind it. */
export type Published =
  | { state: "shown"; value: number; people: number; change: Change }
  | { state: "empty" }
  | { state: "suppressed"; reason: HiddenReason };

export type Change = { state: "delta"; value: number } | { state: "not-comparable" } | { state: "none" };

const NO_CHANGE: Change = { state: "none" };

export interface CellFacts {
  visibility: Visibility;
  crowd: Crowd;
  /** Computed only when the cell shows. */
  value: () => number;
}

/**
 * The only way a value is published: computed only when the cell shows,
 * rounded, and its change only when the previous month shows too and the
 * membership moved by nobody or by k people or more.
 */
export function publish(
  current: CellFacts,
  previous: (CellFacts & { stayed: number }) | null,
  k: number,
  decimals = 1,
): Published {
  if (current.visibility === "empty") return { state: "empty" };
  if (current.visibility !== "shown") return { state: "suppressed", reason: current.visibility };
  const value = roundTo(current.value(), decimals);
  let change: Change = NO_CHANGE;
  if (previous?.visibility === "shown") {
    change = canCompare(previous.crowd, current.crowd, previous.stayed, k)
      ? { state: "delta", value: roundTo(value - roundTo(previous.value(), decimals), decimals) }
      : { state: "not-comparable" };
  }
  return { state: "shown", value, people: current.crowd.people, change };
}

function roundTo(n: number, decimals: number): number {
  const f = 10 ** decimals;
  return Math.round(n * f) / f + 0;
}

/** The text of a published cell for a table or CSV: "3.8", "no responses", or the suppression mark. */
export function publishedText(cell: Published, k: number, format: (n: number) => string = String): string {
  if (cell.state === "shown") return format(cell.value);
  if (cell.state === "empty") return EMPTY_LABEL;
  return hiddenLabel(cell.reason, k);
}

export function changeText(change: Change, format: (n: number) => string = String): string {
  if (change.state === "delta")
    return `${change.value > 0 ? "+" : change.value < 0 ? "−" : "±"}${format(Math.abs(change.value))}`;
  if (change.state === "not-comparable") return NOT_COMPARABLE;
  return "";
}
