/**
 * What an org-chart file would do to each person it lists, compared field by field with what is stored:
 * create them, change some of their fields (each said as before → after), or leave them as they are. The
 * preview shows this plan and the import carries out exactly it, so a file imported twice changes
 * nothing the second time: no version moves, no audit event is written.
 */

/** A person as the file states them, and as they are stored: team by name, manager by e-mail. */
export interface ChartPerson {
  name: string;
  team: string | null;
  managerEmail: string | null;
  roles: readonly string[];
}

export type PlanField = "name" | "team" | "manager" | "roles";

export interface FieldChange {
  field: PlanField;
  from: string | null;
  to: string | null;
}

export type RowPlan =
  | { kind: "create"; row: number; email: string; name: string; set: FieldChange[] }
  | { kind: "change"; row: number; email: string; name: string; changes: FieldChange[] }
  | { kind: "unchanged"; row: number; email: string; name: string };

const rolesText = (roles: readonly string[]) => [...new Set(roles)].sort().join(", ") || null;

/** Team names are one whatever their case ("Sales" is "sales"): only a different team is a change. */
const sameTeam = (a: string | null, b: string | null) => (a ?? "").toLowerCase() === (b ?? "").toLowerCase();

function fieldChanges(before: ChartPerson | null, after: ChartPerson): FieldChange[] {
  const changes: FieldChange[] = [];
  if (before?.name !== after.name) changes.push({ field: "name", from: before?.name ?? null, to: after.name });
  if (!before ? after.team !== null : !sameTeam(before.team, after.team))
    changes.push({ field: "team", from: before?.team ?? null, to: after.team });
  if ((before?.managerEmail ?? null) !== after.managerEmail)
    changes.push({ field: "manager", from: before?.managerEmail ?? null, to: after.managerEmail });
  const [rolesBefore, rolesAfter] = [before ? rolesText(before.roles) : null, rolesText(after.roles)];
  if (rolesBefore !== rolesAfter) changes.push({ field: "roles", from: rolesBefore, to: rolesAfter });
  return changes;
}

/** One plan per row, in the file's order. `stored` maps e-mail to the person as stored now. */
export function planImport(
  rows: readonly (ChartPerson & { row: number; email: string })[],
  stored: ReadonlyMap<string, ChartPerson>,
): RowPlan[] {
  return rows.map((r) => {
    const before = stored.get(r.email) ?? null;
    const base = { row: r.row, email: r.email, name: r.name };
    if (!before) return { ...base, kind: "create", set: fieldChanges(null, r) };
    const changes = fieldChanges(before, r);
    return changes.length ? { ...base, kind: "change", changes } : { ...base, kind: "unchanged" };
  });
}

/** "team: Sales → Support", "manager: (nobody) → mo@example.com", for the preview. */
export function describeChange(c: FieldChange): string {
  const none = c.field === "manager" ? "(nobody)" : "(none)";
  return `${c.field}: ${c.from ?? none} → ${c.to ?? none}`;
}

/** How many rows of each kind, for the summary line. */
export function planCounts(plan: readonly RowPlan[]) {
  const counts = { created: 0, changed: 0, unchanged: 0 };
  for (const p of plan) counts[p.kind === "create" ? "created" : p.kind === "change" ? "changed" : "unchanged"]++;
  return counts;
}
