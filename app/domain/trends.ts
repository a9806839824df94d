import {
  publish,
  suppressAgainst,
  earlierMonth,
  withAnswers,
  type Crowd,
  type HiddenReason,
  type Published,
  type TreeCell,
  type Visibility,
} from "./anonymity";
import { LENS_LABELS } from "./checklist";
import { LENSES, type Lens } from "./enums";

/**
 * Engagement trends from aggregated rows: the team tree, roll-ups, the
 * anonymity decision per month (app/domain/anonymity.ts) and the cells that
 * may leave the server. Pure; the rows come from app/services/trends/.
 */

export const ORGANISATION_ID = "all";

const PULSE_MEASURES = ["understood", "progressing", "overloaded", "enps"] as const;
export const TEAM_MEASURES = [...PULSE_MEASURES, "response"] as const;
export type TeamMeasure = (typeof TEAM_MEASURES)[number];
export const QUESTIONS = [...TEAM_MEASURES, ...LENSES] as const;
export type Question = (typeof QUESTIONS)[number];

export const QUESTION_LABELS: Record<Question, string> = {
  understood: "My manager understood what matters to me",
  progressing: "I am moving on my goals",
  overloaded: "I am overloaded",
  enps: "eNPS",
  response: "Response rate",
  ...Object.fromEntries(LENSES.map((l) => [l, `Checklist: ${LENS_LABELS[l]}`])),
} as Record<Question, string>;

export const SHORT_LABELS: Record<Question, string> = {
  understood: "Understood",
  progressing: "Progressing",
  overloaded: "Overloaded",
  enps: "eNPS",
  response: "Response rate",
  ...LENS_LABELS,
};

/** The scale of each question: for chart axes and for reading a value. */
export const QUESTION_SCALE: Record<Question, { min: number; max: number; unit: "" | "%"; decimals: number }> = {
  understood: { min: 1, max: 5, unit: "", decimals: 1 },
  progressing: { min: 1, max: 5, unit: "", decimals: 1 },
  overloaded: { min: 1, max: 5, unit: "", decimals: 1 },
  enps: { min: -100, max: 100, unit: "", decimals: 0 },
  response: { min: 0, max: 100, unit: "%", decimals: 0 },
  ...Object.fromEntries(LENSES.map((l) => [l, { min: 1, max: 5, unit: "", decimals: 1 }])),
} as Record<Question, { min: number; max: number; unit: "" | "%"; decimals: number }>;

/**
 * Which way is good news, per measure. Every measure is "higher is better"
 * but one: more people saying "I am overloaded" is bad news. (The checklist's
 * overload lens is a health rating, 5 the healthiest, so higher is better.)
 */
export const BETTER_WHEN: Record<Question | "point", "higher" | "lower"> = {
  ...(Object.fromEntries(QUESTIONS.map((q) => [q, "higher"])) as Record<Question, "higher">),
  overloaded: "lower",
  point: "higher",
};

export type ChangeMeaning = "better" | "worse" | "same";

/** Whether a change from the month before is good or bad news for this measure. */
export function changeMeaning(measure: Question | "point", delta: number): ChangeMeaning {
  if (delta === 0) return "same";
  return delta > 0 === (BETTER_WHEN[measure] === "higher") ? "better" : "worse";
}

export const isLens = (q: string): q is Lens => (LENSES as readonly string[]).includes(q);

// ---------- months (YYYY-MM, UTC) ----------

export type Month = string;

export const monthOf = (date: Date): Month => date.toISOString().slice(0, 7);

export function addMonths(month: Month, n: number): Month {
  const [y, m] = month.split("-").map(Number) as [number, number];
  const index = y * 12 + (m - 1) + n;
  return `${String(Math.floor(index / 12)).padStart(4, "0")}-${String((index % 12) + 1).padStart(2, "0")}`;
}

/** Inclusive; empty when `to` is before `from`. */
export function monthsBetween(from: Month, to: Month): Month[] {
  const months: Month[] = [];
  for (let m = from; m <= to; m = addMonths(m, 1)) months.push(m);
  return months;
}

export const monthStart = (month: Month): Date => new Date(`${month}-01T00:00:00Z`);

const monthFormat = new Intl.DateTimeFormat("en-GB", { month: "short", year: "numeric", timeZone: "UTC" });
export const monthLabel = (month: Month): string => monthFormat.format(monthStart(month));
/** "Jan ’26": a chart axis label. */
export const shortMonthLabel = (month: Month): string => monthLabel(month).replace(/ \d{2}(\d{2})$/, " ’$1");

/**
 * The months a range may be chosen from: the finished ones, starting at the
 * first month anyone answered (earlier months can only be empty); the last
 * finished month alone when nothing has been answered yet, so the form still
 * has a choice.
 */
export function offeredMonths(finished: readonly Month[], firstData: Month | null): Month[] {
  const offered = firstData ? finished.filter((m) => m >= firstData) : [];
  return offered.length > 0 ? offered : finished.slice(-1);
}

export interface ChosenRange {
  from: Month;
  to: Month;
  /** Why the range was refused (From after To), for the "To" field; null when it is fine. */
  problem: string | null;
}

/**
 * The range a page shows: what was chosen, brought inside the offered
 * months; by default the last `length` of them. A From later than To is
 * refused, not swapped: the choice stays as made, with a message saying
 * why, since a silent swap shows a range nobody asked for.
 */
export function chooseRange(chosen: { from?: Month; to?: Month }, offered: readonly Month[], length = 6): ChosenRange {
  const first = offered[0];
  const last = offered[offered.length - 1];
  if (!first || !last) throw new Error("no months to choose from");
  const clamp = (m: Month) => (m < first ? first : m > last ? last : m);
  const to = clamp(chosen.to ?? last);
  const from = clamp(chosen.from ?? addMonths(to, -(length - 1)));
  const problem =
    from > to
      ? `“From” (${monthLabel(from)}) is later than “To” (${monthLabel(to)}): choose a From month up to ${monthLabel(to)}, or a later To month.`
      : null;
  return { from, to, problem };
}

/** Every how many months an axis of `count` months has a label, so "Jan ’26" labels never overlap. */
export function monthLabelStep(count: number): number {
  if (count <= 9) return 1;
  if (count <= 16) return 2;
  if (count <= 30) return 3;
  return 6;
}

/**
 * The months of an axis that carry a label: every month on a short axis,
 * else every 2nd, 3rd or 6th month of the calendar (quarters start in
 * January, April, July, October), so the same month is labelled whatever
 * the range.
 */
export function labelledMonths(months: readonly Month[]): Set<Month> {
  const step = monthLabelStep(months.length);
  return new Set(
    months.filter((m) => {
      const [y, mm] = m.split("-").map(Number) as [number, number];
      return (y * 12 + mm - 1) % step === 0;
    }),
  );
}

// ---------- the team tree ----------

export interface TeamFact {
  id: string;
  name: string;
  parentId: string | null;
  /** Active people whose team this is (not counting child teams). */
  headcount: number;
}

export interface TeamNode {
  id: string;
  name: string;
  parentId: string | null;
  depth: number;
  children: string[];
  /** Active people in the team and every team below it. */
  headcount: number;
  /** Smaller than k: marked, never shown; its people count in its parent. */
  folded: boolean;
}

export interface TeamTree {
  root: TeamNode;
  nodes: Map<string, TeamNode>;
  /** Depth-first, children by name: the order of every table. */
  order: TeamNode[];
}

/** The organisation as a tree under one root; teams caught in a parent cycle are left out (their rows count at the root). */
export function buildTeamTree(
  teams: readonly TeamFact[],
  k: number,
  rootName = "Whole organisation",
  rootHeadcount = 0,
): TeamTree {
  const byParent = new Map<string | null, TeamFact[]>();
  const ids = new Set(teams.map((t) => t.id));
  for (const t of teams) {
    const parent = t.parentId && ids.has(t.parentId) ? t.parentId : null;
    byParent.set(parent, [...(byParent.get(parent) ?? []), t]);
  }
  const nodes = new Map<string, TeamNode>();
  const order: TeamNode[] = [];
  const root: TeamNode = {
    id: ORGANISATION_ID,
    name: rootName,
    parentId: null,
    depth: 0,
    children: [],
    headcount: rootHeadcount,
    folded: false,
  };
  const visit = (node: TeamNode, key: string | null) => {
    nodes.set(node.id, node);
    order.push(node);
    const kids = [...(byParent.get(key) ?? [])].sort(
      (a, b) => a.name.localeCompare(b.name, "en") || (a.id < b.id ? -1 : 1),
    );
    for (const t of kids) {
      if (nodes.has(t.id)) continue;
      const child: TeamNode = {
        id: t.id,
        name: t.name,
        parentId: node.id,
        depth: node.depth + 1,
        children: [],
        headcount: t.headcount,
        folded: false,
      };
      node.children.push(child.id);
      visit(child, t.id);
    }
  };
  visit(root, null);
  for (const node of [...order].reverse()) {
    if (node.parentId) nodes.get(node.parentId)!.headcount += node.headcount;
  }
  for (const node of order) node.folded = node !== root && node.headcount < k;
  return { root, nodes, order };
}

/** The tree cut at `maxDepth`: deeper teams count in their ancestor at that depth. */
function pruneTree(tree: TeamTree, maxDepth: number): TeamTree {
  const order = tree.order
    .filter((n) => n.depth <= maxDepth)
    .map((n) => ({ ...n, children: n.depth < maxDepth ? n.children : [] }));
  return { root: order[0]!, nodes: new Map(order.map((n) => [n.id, n])), order };
}

/** The node a row's team counts in: itself, its nearest ancestor in the tree, or the root. */
function resolveTeam(tree: TeamTree, full: TeamTree, team: string | null): string {
  let node = team ? full.nodes.get(team) : undefined;
  while (node && !tree.nodes.has(node.id)) node = node.parentId ? full.nodes.get(node.parentId) : undefined;
  return node?.id ?? tree.root.id;
}

export function ancestorsOf(tree: TeamTree, id: string): TeamNode[] {
  const path: TeamNode[] = [];
  for (let node = tree.nodes.get(id); node; node = node.parentId ? tree.nodes.get(node.parentId) : undefined)
    path.unshift(node);
  return path;
}

// ---------- aggregated rows ----------

/** One team and month of one kind of answer: the crowd and the sums behind it. */
interface GroupRow {
  team: string | null;
  month: Month;
  people: number;
  known: number;
  /** People counted in this same team the month before too. */
  stayed: number;
}
export interface PulseRow extends GroupRow {
  answers: number;
  understood: number;
  progressing: number;
  overloaded: number;
  promoters: number;
  detractors: number;
}
export interface MeetingRow extends GroupRow {
  held: number;
  /** Held 1:1s answered, at most one per held 1:1. */
  answered: number;
}
export interface RatingRow extends GroupRow {
  /** The lens, or the point key as text. */
  key: string;
  ratings: number;
  total: number;
}
/** People who counted in one team one month and in another the next. */
export interface MoveRow {
  from: string | null;
  to: string | null;
  month: Month;
  key: string;
  people: number;
}

export interface TrendRows {
  pulses: readonly PulseRow[];
  meetings: readonly MeetingRow[];
  lenses: readonly RatingRow[];
  points: readonly RatingRow[];
  moves: {
    pulses: readonly MoveRow[];
    meetings: readonly MoveRow[];
    lenses: readonly MoveRow[];
    points: readonly MoveRow[];
  };
}

export interface PointInfo {
  key: number;
  lens: Lens;
  title: string;
}

/** A node's crowd and the sums behind it, in the order of its family's fields. */
interface Totals extends Crowd {
  stayed: number;
  sums: number[];
}

const FIELDS = 5;
const emptyTotals = (): Totals => ({
  people: 0,
  known: 0,
  answers: 0,
  stayed: 0,
  sums: new Array<number>(FIELDS).fill(0),
});

function addInto(target: Totals, source: Totals) {
  target.people += source.people;
  target.known += source.known;
  target.answers += source.answers;
  target.stayed += source.stayed;
  for (let i = 0; i < FIELDS; i++) target.sums[i]! += source.sums[i]!;
}

interface Source {
  team: string | null;
  totals: Totals;
}

/** One row's totals; `sums` padded with zeros to FIELDS (written out: this runs for every row of a 10,000-person page). */
const totalsOf = (r: GroupRow, answers: number, s0: number, s1: number, s2 = 0, s3 = 0, s4 = 0): Totals => ({
  people: r.people,
  known: r.known,
  answers,
  stayed: r.stayed,
  sums: [s0, s1, s2, s3, s4],
});

/** Sums rows into every node of the tree (a node holds its whole subtree), plus the people who stayed across moves. */
function rollUp(
  tree: TeamTree,
  full: TeamTree,
  rows: readonly Source[],
  moves: readonly MoveRow[],
): Map<string, Totals> {
  const totals = new Map<string, Totals>(tree.order.map((n) => [n.id, emptyTotals()]));
  for (const row of rows) addInto(totals.get(resolveTeam(tree, full, row.team))!, row.totals);
  for (let i = tree.order.length - 1; i > 0; i--) {
    const node = tree.order[i]!;
    addInto(totals.get(node.parentId!)!, totals.get(node.id)!);
  }
  // Someone who moved from a to b stayed in every group holding both: the common ancestors.
  for (const move of moves) {
    const a = new Set(ancestorsOf(tree, resolveTeam(tree, full, move.from)).map((n) => n.id));
    for (const node of ancestorsOf(tree, resolveTeam(tree, full, move.to)))
      if (a.has(node.id)) totals.get(node.id)!.stayed += move.people;
  }
  return totals;
}

function group<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = map.get(k);
    if (list) list.push(item);
    else map.set(k, [item]);
  }
  return map;
}

// ---------- the decision per month ----------

type Family = "pulse" | "meeting" | `lens:${string}` | `points:${Lens}`;

interface Decided {
  /** Per node; for a point group, per point then per node. */
  totals: Map<string, Totals>;
  columns: Map<string, Map<string, Totals>>;
  visibility: Map<string, Visibility>;
}

/**
 * Every cell of the trends, decided month by month over the whole tree,
 * whatever the page filters show: a filter only picks cells, so no two
 * filters can be subtracted from one another.
 */
export class TrendCells {
  private readonly decided = new Map<string, Decided>();
  /** Each family's month rolled up once: rule 9 reads a month again when it decides the next one. */
  private readonly rolled = new Map<string, Map<string, Totals>>();
  private readonly sources: Map<string, Source[]>;
  private readonly moves: Map<string, MoveRow[]>;
  readonly pointTree: TeamTree;

  constructor(
    readonly tree: TeamTree,
    rows: TrendRows,
    readonly points: readonly PointInfo[],
    readonly k: number,
  ) {
    this.pointTree = pruneTree(tree, 1);
    const sources: (Source & { key: string })[] = [
      ...rows.pulses.map((r) => ({
        key: `pulse|${r.month}`,
        team: r.team,
        totals: totalsOf(r, r.answers, r.understood, r.progressing, r.overloaded, r.promoters, r.detractors),
      })),
      ...rows.meetings.map((r) => ({
        key: `meeting|${r.month}`,
        team: r.team,
        totals: totalsOf(r, r.held, r.held, r.answered),
      })),
      ...rows.lenses.map((r) => ({
        key: `lens:${r.key}|${r.month}`,
        team: r.team,
        totals: totalsOf(r, r.ratings, r.ratings, r.total),
      })),
      ...rows.points.map((r) => ({
        key: `point:${r.key}|${r.month}`,
        team: r.team,
        totals: totalsOf(r, r.ratings, r.ratings, r.total),
      })),
    ];
    this.sources = group(sources, (s) => s.key);
    const m = rows.moves;
    this.moves = group(
      [
        ...m.pulses.map((x) => ({ ...x, family: "pulse" })),
        ...m.meetings.map((x) => ({ ...x, family: "meeting" })),
        ...m.lenses.map((x) => ({ ...x, family: `lens:${x.key}` })),
        ...m.points.map((x) => ({ ...x, family: `point:${x.key}` })),
      ],
      (x) => `${x.family}|${x.month}`,
    );
  }

  /** One question for one team and month, with its change from the month before. */
  cell(question: Question, nodeId: string, month: Month): Published {
    const family: Family = question === "response" ? "meeting" : isLens(question) ? `lens:${question}` : "pulse";
    return this.publishFrom(family, nodeId, month, (t) => valueOf(question, t), QUESTION_SCALE[question].decimals);
  }

  /** One checklist point for a team of the top two levels (the root or a top-level team). */
  pointCell(pointKey: number, nodeId: string, month: Month): Published {
    const lens = this.points.find((p) => p.key === pointKey)?.lens;
    if (!lens || !this.pointTree.nodes.has(nodeId))
      throw new Error("points are broken down for the organisation and top-level teams only");
    return this.publishFrom(`points:${lens}`, nodeId, month, (t) => t.sums[1]! / t.sums[0]!, 1, String(pointKey));
  }

  private publishFrom(
    family: Family,
    nodeId: string,
    month: Month,
    value: (t: Totals) => number,
    decimals: number,
    column?: string,
  ): Published {
    const facts = (m: Month) => {
      const d = this.decide(family, m);
      const t = (column === undefined ? d.totals : d.columns.get(column))?.get(nodeId) ?? emptyTotals();
      // A point nobody rated, in a point group that shows, is simply empty.
      const decided = d.visibility.get(nodeId) ?? "empty";
      const visibility: Visibility = t.answers === 0 && decided === "shown" ? "empty" : decided;
      return { visibility, crowd: t as Crowd, value: () => value(t), stayed: t.stayed };
    };
    const current = facts(month);
    const previous = facts(addMonths(month, -1));
    return publish(current, { ...previous, stayed: current.stayed }, this.k, decimals);
  }

  private decide(family: Family, month: Month): Decided {
    const key = `${family}|${month}`;
    const known = this.decided.get(key);
    if (known) return known;
    const decided = family.startsWith("points:")
      ? this.decidePoints(family.slice(7) as Lens, month)
      : this.decideSingle(family, month);
    this.decided.set(key, decided);
    return decided;
  }

  private rolledUp(tree: TeamTree, key: string): Map<string, Totals> {
    const memo = `${tree === this.tree ? "teams" : "points"}|${key}`;
    let totals = this.rolled.get(memo);
    if (!totals) {
      totals = rollUp(tree, this.tree, this.sources.get(key) ?? [], this.moves.get(key) ?? []);
      this.rolled.set(memo, totals);
    }
    return totals;
  }

  private decideSingle(family: Family, month: Month): Decided {
    const totalsOf = (m: Month) => this.rolledUp(this.tree, `${family}|${m}`);
    const totals = totalsOf(month);
    const before = totalsOf(addMonths(month, -1));
    const crowd = (t: Totals): Crowd => ({ ...t, uniform: uniformOf(family, t) });
    // ADR 012 rule 9 against the month before, whatever it showed (its own decision would need the month before
    // it): what the roll-ups hold is who stayed since the month before, so a month is not yet compared with
    // earlier ones (ADR 012, "Not done").
    const previous = treeCells(this.tree, (id) => [crowd(before.get(id)!)]);
    const { visibility } = suppressAgainst(
      treeCells(this.tree, (id) => [crowd(totals.get(id)!)]),
      [earlierMonth(previous, withAnswers(previous))],
      (id) => totals.get(id)!.stayed,
      this.k,
    );
    return { totals, columns: new Map(), visibility };
  }

  /**
   * The points of one lens at the top two levels, shown all together or not
   * at all, and only where the lens itself shows: a lens is the sum of its
   * points, so one hidden point would be the lens minus the others.
   */
  private decidePoints(lens: Lens, month: Month): Decided {
    const keys = this.points.filter((p) => p.lens === lens).map((p) => String(p.key));
    const lensDecided = this.decide(`lens:${lens}`, month);
    const columns = new Map(keys.map((key) => [key, this.rolledUp(this.pointTree, `point:${key}|${month}`)] as const));
    const forced = (id: string): HiddenReason | undefined => {
      const v = lensDecided.visibility.get(id);
      return v === "too-few" || v === "complementary" || v === "folded" || v === "changed" ? v : undefined;
    };
    const before = new Map(
      keys.map((key) => [key, this.rolledUp(this.pointTree, `point:${key}|${addMonths(month, -1)}`)] as const),
    );
    const crowd = (t: Totals): Crowd => ({ ...t, uniform: uniformOf("lens:", t) });
    const previous = treeCells(this.pointTree, (id) => keys.map((key) => crowd(before.get(key)!.get(id)!)));
    const { visibility } = suppressAgainst(
      treeCells(this.pointTree, (id) => keys.map((key) => crowd(columns.get(key)!.get(id)!)), forced),
      [earlierMonth(previous, withAnswers(previous))],
      (id, column) => columns.get(keys[column]!)!.get(id)!.stayed,
      this.k,
    );
    return { totals: new Map(), columns, visibility };
  }
}

function treeCells(
  tree: TeamTree,
  crowds: (id: string) => Crowd[],
  forced?: (id: string) => HiddenReason | undefined,
): TreeCell[] {
  return tree.order.map((n) => ({
    id: n.id,
    parentId: n.parentId,
    crowds: crowds(n.id),
    forced: n.folded ? "folded" : forced?.(n.id),
  }));
}

/**
 * Whether a cell's value would say that every answer behind it is the same
 * (ADR 012 rule 10): a pulse whose understood, progressing or overloaded answers are
 * all 1 or all 5 (an average of 1.0 or 5.0), or whose eNPS answers are all
 * promoters or all detractors (+100, -100); ratings all 1 or all 5. An
 * average inside the scale does not tell alike answers from different ones.
 * Held 1:1s answered say whether, not what, and are not answers.
 */
function uniformOf(family: Family, t: Totals): boolean {
  if (t.answers === 0) return false;
  const s = t.sums;
  const extreme = (sum: number, n: number) => sum === n || sum === 5 * n;
  if (family === "pulse")
    return (
      extreme(s[0]!, t.answers) ||
      extreme(s[1]!, t.answers) ||
      extreme(s[2]!, t.answers) ||
      s[3] === t.answers ||
      s[4] === t.answers
    );
  if (family.startsWith("lens:")) return extreme(s[1]!, s[0]!);
  return false;
}

function valueOf(question: Question, t: Totals): number {
  const s = t.sums;
  switch (question) {
    case "understood":
      return s[0]! / t.answers;
    case "progressing":
      return s[1]! / t.answers;
    case "overloaded":
      return s[2]! / t.answers;
    case "enps":
      return (100 * (s[3]! - s[4]!)) / t.answers;
    case "response":
      return (100 * s[1]!) / s[0]!;
    default:
      return s[1]! / s[0]!;
  }
}

// ---------- text ----------

export function formatValue(question: Question | "point", value: number): string {
  if (question === "point") return value.toFixed(1);
  const scale = QUESTION_SCALE[question];
  return `${value.toFixed(scale.decimals)}${scale.unit}`;
}

/**
 * The teams offered in the page's team filter: every team that can show
 * (a folded team and everything below it is counted in its parent), in the
 * tree's order, each labelled with its path ("Engineering › Platform") so a
 * nested team is told apart from a namesake elsewhere, on screen and read
 * aloud alike. The list is the whole tree from the start: HR reaches a
 * nested team in one choice.
 */
export function teamChoices(tree: TeamTree): { id: string; label: string; depth: number }[] {
  return tree.order
    .filter((n) => !n.folded)
    .map((n) => ({
      id: n.id,
      depth: n.depth,
      label:
        n.depth === 0
          ? n.name
          : ancestorsOf(tree, n.id)
              .slice(1)
              .map((a) => a.name)
              .join(" › "),
    }));
}

/** A name as a file-name part: "Sales & Marketing (EU)" -> "sales-marketing-eu". */
export function fileSlug(name: string, fallback = "team"): string {
  const slug = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 48)
    .replace(/-+$/, "");
  return slug || fallback;
}
