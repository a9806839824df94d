import { getTableColumns, is } from "drizzle-orm";
import { getTableConfig, PgTable } from "drizzle-orm/pg-core";
import * as schema from "./schema";

/**
 * Which tables the organisation backup holds (ADR 045), worked out from the drizzle schema, so a table
 * added later is in the backup without anyone remembering to add it: every table but the short-lived
 * ones below, parents before children.
 */

/** Tables left out, and why: each lives hours or days, or is this server's own state, never the organisation's. */
export const SKIPPED_TABLES = {
  sessions: "signed-in browsers: a restored server signs everyone in again",
  password_tokens: "invitation and reset links, an hour to a week long: send a new one",
  form_submissions: "double-submit keys, kept a day",
  sign_in_failures: "the sign-in throttle's recent failures",
  mail_outbox: "the delivery queue: a restored server must not send old mail again",
  app_settings: "this server's generated values, such as the session secret on PostgreSQL: no secret goes in a file",
  recurring_jobs: "when this server last ran each scheduled job; a restored server catches up on its own",
} as const satisfies Record<string, string>;

/** Rows a freshly migrated database already has (migrateDatabase seeds them); a restore replaces them. */
export const SEEDED_TABLES = ["checklist_points"] as const;

export interface BackupTable {
  name: string;
  /** Every stored column and its SQL type, in the schema's order (generated columns are derived, not stored). */
  columns: { name: string; type: string }[];
  /** Columns that point into the same table (people.manager_id): their rows go in parents first. */
  selfReferences: { column: string; target: string }[];
}

const allTables = (): PgTable[] =>
  (Object.values(schema) as unknown[]).filter((value): value is PgTable => is(value, PgTable));

/** Every table in the schema, by name: the restore's emptiness check looks at these. */
export function schemaTableNames(): string[] {
  return allTables().map((t) => getTableConfig(t).name);
}

let cached: BackupTable[] | undefined;

/** The tables of the backup in foreign-key order: a table comes after every table it references. */
export function backupTables(): BackupTable[] {
  if (cached) return cached;
  const skipped = new Set<string>(Object.keys(SKIPPED_TABLES));
  const planned = new Map<string, BackupTable & { parents: Set<string> }>();
  for (const table of allTables()) {
    const config = getTableConfig(table);
    if (skipped.has(config.name)) continue;
    const parents = new Set<string>();
    const selfReferences: BackupTable["selfReferences"] = [];
    for (const fk of config.foreignKeys) {
      const ref = fk.reference();
      const parent = getTableConfig(ref.foreignTable).name;
      if (parent === config.name)
        selfReferences.push({ column: ref.columns[0]!.name, target: ref.foreignColumns[0]!.name });
      else parents.add(parent);
    }
    const columns = Object.values(getTableColumns(table))
      .filter((c) => !c.generated && !c.generatedIdentity)
      .map((c) => ({ name: c.name, type: c.getSQLType() }));
    planned.set(config.name, { name: config.name, columns, selfReferences, parents });
  }
  const ordered: BackupTable[] = [];
  const placed = new Set<string>();
  while (planned.size) {
    const ready = [...planned.values()]
      .filter((t) => [...t.parents].every((p) => placed.has(p) || !planned.has(p)))
      .sort((a, b) => a.name.localeCompare(b.name));
    if (!ready.length) throw new Error(`a foreign-key cycle among ${[...planned.keys()].join(", ")}`);
    for (const { parents: _parents, ...table } of ready) {
      ordered.push(table);
      placed.add(table.name);
      planned.delete(table.name);
    }
  }
  cached = ordered;
  return ordered;
}
