/**
 * Pure rules of the org chart: reporting lines must not loop, and a CSV of
 * the whole chart is checked across rows before anything is written.
 */

/** Would making `managerId` the manager of `personId` close a loop? `managerOf` maps person -> current manager. */
export function wouldCreateCycle(
  managerOf: ReadonlyMap<string, string | null>,
  personId: string,
  managerId: string | null,
): boolean {
  const seen = new Set<string>();
  for (let at: string | null | undefined = managerId; at; at = managerOf.get(at) ?? null) {
    if (at === personId) return true;
    if (seen.has(at)) return true; // an existing loop elsewhere: refuse rather than extend it
    seen.add(at);
  }
  return false;
}

/** The people who would form the loop, for a message a person understands ("a → b → a"). */
export function cyclePath(
  managerOf: ReadonlyMap<string, string | null>,
  personId: string,
  managerId: string,
): string[] {
  const path = [personId, managerId];
  for (
    let at = managerOf.get(managerId) ?? null;
    at && at !== personId && path.length < 50;
    at = managerOf.get(at) ?? null
  )
    path.push(at);
  path.push(personId);
  return path;
}

/**
 * Everyone below `id` in a tree given as child -> parent (a person's reports and theirs, or a team's
 * sub-teams and theirs), nearest first. An existing loop does not make it run forever.
 */
export function descendantsOf(parentOf: ReadonlyMap<string, string | null>, id: string): string[] {
  const children = new Map<string, string[]>();
  for (const [child, parent] of parentOf) {
    if (!parent) continue;
    const list = children.get(parent);
    if (list) list.push(child);
    else children.set(parent, [child]);
  }
  const found: string[] = [];
  const seen = new Set([id]);
  const queue = [id];
  for (let at = queue.shift(); at !== undefined; at = queue.shift()) {
    for (const child of children.get(at) ?? []) {
      if (seen.has(child)) continue;
      seen.add(child);
      found.push(child);
      queue.push(child);
    }
  }
  return found;
}

/**
 * Why `teamId` may not be put under `parentId` (null: top level), or null when it may. A team cannot
 * be part of itself or of one of its own sub-teams: the tree would loop and have no top. `parentOf` maps
 * team -> parent, `nameOf` names them for the message.
 */
export function teamMoveProblem(
  parentOf: ReadonlyMap<string, string | null>,
  nameOf: (id: string) => string,
  teamId: string,
  parentId: string | null,
): string | null {
  if (!parentId) return null;
  if (parentId === teamId) return `${nameOf(teamId)} cannot be part of itself.`;
  if (!wouldCreateCycle(parentOf, teamId, parentId)) return null;
  // The chain from the chosen parent up to the team, so the admin sees why: "Squad → Platform".
  const chain = [parentId];
  for (let at = parentOf.get(parentId) ?? null; at && chain.length < 50; at = parentOf.get(at) ?? null) {
    chain.push(at);
    if (at === teamId) break;
  }
  return `${nameOf(teamId)} cannot be part of ${nameOf(parentId)}: ${nameOf(parentId)} is already inside ${nameOf(teamId)} (${chain.map(nameOf).join(" → ")}). Choose a team outside ${nameOf(teamId)}, or the top level.`;
}

/** What is still in a team, for refusing to remove it. */
export interface TeamContents {
  active: number;
  /** Deactivated people keep their team, so they hold it too. */
  inactive: number;
  /** The names of its sub-teams. */
  children: string[];
}

/** Why a team cannot be removed ("Sales still has 3 people and 1 team in it: Inbound. ..."), or null when it is empty. */
export function nonEmptyTeamMessage(name: string, c: TeamContents): string | null {
  const held: string[] = [];
  const people = c.active + c.inactive;
  if (people) {
    const inactive = !c.inactive ? "" : people === 1 ? " (deactivated)" : ` (${c.inactive} of them deactivated)`;
    held.push(`${people} ${people === 1 ? "person" : "people"}${inactive}`);
  }
  if (c.children.length) {
    const shown = c.children.slice(0, 5).join(", ") + (c.children.length > 5 ? ", …" : "");
    held.push(`${c.children.length} ${c.children.length === 1 ? "team" : "teams"} (${shown})`);
  }
  if (!held.length) return null;
  const what = [people ? "the people to another team" : null, c.children.length ? "the teams elsewhere" : null]
    .filter(Boolean)
    .join(" and ");
  return `${name} still has ${held.join(" and ")} in it. Move ${what} first: only an empty team can be removed.`;
}

export interface ChartRow {
  row: number;
  email: string;
  managerEmail: string | null;
}

/**
 * Cross-row problems of an org-chart file against what is already stored:
 * duplicate emails, managers that exist nowhere, and reporting loops formed
 * by the file and the database together. Returns "Row N: ..." messages.
 */
export function chartErrors(
  rows: readonly ChartRow[],
  stored: ReadonlyMap<string, string | null>,
  storedActive: ReadonlySet<string>,
): string[] {
  const errors: string[] = [];
  const firstRow = new Map<string, number>();
  for (const r of rows) {
    const first = firstRow.get(r.email);
    if (first !== undefined) errors.push(`Row ${r.row}: ${r.email} already appears on row ${first}.`);
    else firstRow.set(r.email, r.row);
  }
  for (const r of rows) {
    if (!r.managerEmail) continue;
    if (r.managerEmail === r.email) errors.push(`Row ${r.row}: ${r.email} cannot be their own manager.`);
    else if (!firstRow.has(r.managerEmail) && !storedActive.has(r.managerEmail)) {
      errors.push(`Row ${r.row}: manager_email ${r.managerEmail} is not in the file or an active person in Rapport.`);
    }
  }
  // The chart after import: stored lines, overridden by the file's.
  const after = new Map(stored);
  for (const r of rows) after.set(r.email, r.managerEmail);
  const reported = new Set<string>();
  for (const r of rows) {
    if (!r.managerEmail || r.managerEmail === r.email || reported.has(r.email)) continue;
    const rest = new Map(after);
    rest.set(r.email, null);
    if (wouldCreateCycle(rest, r.email, r.managerEmail)) {
      const loop = cyclePath(rest, r.email, r.managerEmail);
      loop.forEach((e) => reported.add(e));
      errors.push(`Row ${r.row}: reporting to ${r.managerEmail} makes a loop: ${loop.join(" → ")}.`);
    }
  }
  return errors;
}

/** What a person is told about a change of their reporting line (their home page, the mail). */
export interface LineChangeFacts {
  /** The date, already written out ("3 Jun 2026"). */
  on: string;
  fromName: string | null;
  toName: string | null;
  /** Who made the change; null for a directory sync. */
  byName: string | null;
  /** The one who made the change made themselves the manager. */
  byThemselves: boolean;
}

/** One sentence, addressed to the person: who changed what, and when. */
export function lineChangeSentence(c: LineChangeFacts): string {
  const by = c.byName ?? "someone";
  if (c.byThemselves && c.toName) {
    return `On ${c.on}, ${by} made themselves your manager${c.fromName ? ` in place of ${c.fromName}` : ""}.`;
  }
  const who = c.byName ? `${c.byName} changed your manager` : "your manager was changed";
  if (c.toName) return `On ${c.on}, ${who}${c.fromName ? ` from ${c.fromName}` : ""} to ${c.toName}.`;
  return `On ${c.on}, ${c.byName ? `${c.byName} ended your reporting line` : "your reporting line was ended"}${c.fromName ? ` to ${c.fromName}` : ""}: nobody is your manager in Rapport now.`;
}

/** What a change of line hands over, and what it does not (the rule is `line-entry:read` in app/auth/policies.ts). */
export function lineChangeConsequence(toName: string | null): string {
  return toName
    ? `${toName} can now read what you share with your manager line, such as your goals and change commitments. Your 1:1s with earlier managers stay between you and them unless you share them, from Your privacy. What earlier managers wrote about you stays with them.`
    : "What earlier managers wrote about you stays with them.";
}

/**
 * What a manager on either side of a change is told (ADR 043): that it happened, and that the 1:1s of
 * the earlier line pass only if the person shares them. Never anything from the account.
 */
export function managerLineChangeSentences(
  side: "from" | "to",
  personName: string,
  c: Pick<LineChangeFacts, "on" | "fromName" | "toName" | "byName">,
): string[] {
  const by = c.byName ?? "A directory sync";
  if (side === "from")
    return [
      `On ${c.on}, ${by} moved ${personName} ${c.toName ? `to ${c.toName}` : "out of your line: nobody is their manager in Rapport now"}.`,
      `Your 1:1s with ${personName} stay between the two of you${c.toName ? `: ${c.toName} reads them only if ${personName} shares them` : ""}. What you wrote about them stays with you.`,
    ];
  return [
    `On ${c.on}, ${by} made you ${personName}'s manager${c.fromName ? ` in place of ${c.fromName}` : ""}.`,
    `You can read their goals and change commitments now. Their 1:1s with earlier managers stay between them, unless ${personName} shares them with you.`,
  ];
}

/** How an audited change of line is named; an admin making themselves someone's manager is its own kind. */
export const LINE_CHANGE_ACTIONS = ["reporting-line", "self-appointed-manager"] as const;
