import { describeChange, type FieldChange, type RowPlan } from "~/domain/org-import";

/** The rows of each kind shown at most; the counts are always whole. */
export const PLAN_ROWS_SHOWN = 200;

export interface PlanGroups {
  create: Extract<RowPlan, { kind: "create" }>[];
  change: Extract<RowPlan, { kind: "change" }>[];
  unchanged: Extract<RowPlan, { kind: "unchanged" }>[];
}

/** The plan's rows by kind, at most `limit` of each (a 20,000-row file is not a page). */
export function groupPlan(rows: readonly RowPlan[], limit = PLAN_ROWS_SHOWN): PlanGroups {
  const groups: PlanGroups = { create: [], change: [], unchanged: [] };
  for (const r of rows) {
    const group = groups[r.kind] as RowPlan[];
    if (group.length < limit) group.push(r);
  }
  return groups;
}

const who = (r: RowPlan) => (
  <>
    <span className="muted">Row {r.row}</span> · {r.name} <span className="muted">({r.email})</span>
  </>
);

/** What a new person gets, in words: "team Sales, manager mo@example.com, roles manager". */
const setText = (set: FieldChange[]) =>
  set
    .filter((c) => c.field !== "name")
    .map((c) => `${c.field} ${c.to}`)
    .join(", ");

function More({ shown, total }: { shown: number; total: number }) {
  return total > shown ? <p className="muted">…and {total - shown} more.</p> : null;
}

/**
 * The rows an import will create, change (each field before → after) or leave alone, grouped with their
 * counts. `done` says it already happened.
 */
export function ImportPlan({
  groups,
  counts,
  done,
}: {
  groups: PlanGroups;
  counts: { created: number; updated: number; unchanged: number };
  done: boolean;
}) {
  const wrap = { overflowWrap: "anywhere" } as const;
  return (
    <section className="card stack" aria-labelledby="plan" data-testid="import-plan">
      <h2 id="plan">{done ? "What the import did" : "What the import will do"}</h2>
      <section aria-labelledby="plan-create">
        <h3 id="plan-create">
          {done ? "Created" : "To create"} ({counts.created})
        </h3>
        {groups.create.length ? (
          <ul style={wrap}>
            {groups.create.map((r) => (
              <li key={r.row}>
                {who(r)}
                {setText(r.set) ? `: ${setText(r.set)}` : ""}
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">Nobody new.</p>
        )}
        <More shown={groups.create.length} total={counts.created} />
      </section>
      <section aria-labelledby="plan-change">
        <h3 id="plan-change">
          {done ? "Changed" : "To change"} ({counts.updated})
        </h3>
        {groups.change.length ? (
          <ul style={wrap}>
            {groups.change.map((r) => (
              <li key={r.row}>
                {who(r)}
                <ul>
                  {r.changes.map((c) => (
                    <li key={c.field}>{describeChange(c)}</li>
                  ))}
                </ul>
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">Nobody changes.</p>
        )}
        <More shown={groups.change.length} total={counts.updated} />
      </section>
      <section aria-labelledby="plan-unchanged">
        <h3 id="plan-unchanged">Unchanged ({counts.unchanged})</h3>
        {groups.unchanged.length ? (
          <details>
            <summary>
              {counts.unchanged === 1 ? "1 row states" : `${counts.unchanged} rows state`} what Rapport already has:
              nothing is written for {counts.unchanged === 1 ? "it" : "them"}.
            </summary>
            <ul style={wrap}>
              {groups.unchanged.map((r) => (
                <li key={r.row}>{who(r)}</li>
              ))}
            </ul>
            <More shown={groups.unchanged.length} total={counts.unchanged} />
          </details>
        ) : (
          <p className="muted">Every row changes something.</p>
        )}
      </section>
    </section>
  );
}
