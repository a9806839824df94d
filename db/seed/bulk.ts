import { getTableColumns, is, SQL, sql, type Column } from "drizzle-orm";
import { getTableConfig, type PgTable } from "drizzle-orm/pg-core";
import type { Database } from "../client";
import {
  actionItems,
  agendaTopics,
  auditEvents,
  checklistAssessments,
  commitmentCheckIns,
  commitments,
  goals,
  goalUpdates,
  meetingNotes,
  meetings,
  meetingSeries,
  people,
  personRoles,
  pulses,
  reportingLines,
  risks,
  teams,
} from "../schema";

/** Every table the generator writes, parents before children (foreign keys are checked per statement). */
export const TABLE_ORDER = [
  teams,
  people,
  personRoles,
  reportingLines,
  meetingSeries,
  meetings,
  agendaTopics,
  meetingNotes,
  actionItems,
  pulses,
  goals,
  goalUpdates,
  risks,
  commitments,
  commitmentCheckIns,
  checklistAssessments,
  auditEvents,
] as const;

export type SeedTable = (typeof TABLE_ORDER)[number];
export type RowOf<T extends PgTable> = T["$inferInsert"];

/** Rows per statement, and a cap on the text sent in one statement. */
const MAX_ROWS = 5000;
const MAX_CHARS = 4_000_000;

interface ColumnPlan {
  key: string;
  fallback: unknown;
  /** The element of a PostgreSQL array literal for a non-null value. */
  encode: (value: unknown) => string;
}

interface TablePlan {
  name: string;
  columns: ColumnPlan[];
  /** `insert into t (...) select <expressions> from unnest(` */
  prefix: SQL;
  /** The array type of each unnest parameter. */
  arrayTypes: SQL[];
  suffix: SQL;
}

const plans = new Map<PgTable, TablePlan>();

function planFor(table: PgTable): TablePlan {
  let plan = plans.get(table);
  if (plan) return plan;
  const { name } = getTableConfig(table);
  const entries = Object.entries(getTableColumns(table));
  const columns: ColumnPlan[] = [];
  const selects: string[] = [];
  const arrayTypes: SQL[] = [];
  entries.forEach(([key, column]: [string, Column], i) => {
    const type = column.getSQLType();
    // A static default (1, '', false, {}) can be filled in here; defaultNow/random cannot, so they must be given.
    const fallback = column.default !== undefined && !is(column.default, SQL) ? column.default : null;
    if (type.startsWith("timestamp")) {
      // Instants travel as epoch milliseconds: cheaper to write here and to parse there than ISO text.
      columns.push({ key, fallback, encode: (v) => String((v as Date).getTime()) });
      selects.push(`to_timestamp(c${i}::float8 / 1000)`);
      arrayTypes.push(sql.raw("::int8[]"));
    } else {
      columns.push({ key, fallback, encode: encoderFor(type) });
      selects.push(`c${i}`);
      arrayTypes.push(sql.raw(`::${type}[]`));
    }
  });
  const names = entries.map(([, c]) => `"${c.name}"`).join(", ");
  const aliases = entries.map((_, i) => `c${i}`).join(", ");
  plan = {
    name,
    columns,
    prefix: sql.raw(`insert into "${name}" (${names}) select ${selects.join(", ")} from unnest(`),
    arrayTypes,
    suffix: sql.raw(`) as u(${aliases})`),
  };
  plans.set(table, plan);
  return plan;
}

function encoderFor(type: string): (value: unknown) => string {
  if (type === "boolean") return (v) => (v ? "t" : "f");
  if (type === "text") return (v) => quote(v as string);
  if (type === "jsonb" || type === "json") return (v) => quote(JSON.stringify(v));
  // uuid, integers, date and time: no character that needs quoting in an array literal.
  return (v) => String(v);
}

const NEEDS_ESCAPE = /["\\]/;
/** A quoted element of a PostgreSQL array literal. */
function quote(text: string): string {
  return NEEDS_ESCAPE.test(text) ? `"${text.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"` : `"${text}"`;
}

/**
 * Collects generated rows per table and writes them with one
 * `insert ... select * from unnest($1::uuid[], ...)` per few thousand rows:
 * one parameter per column whatever the number of rows, so statements stay
 * far below PostgreSQL's parameter limit and parse quickly on both engines.
 */
export class RowBuffer {
  private readonly rows = new Map<PgTable, Record<string, unknown>[]>();
  readonly written = new Map<string, number>();
  statements = 0;

  add<T extends SeedTable>(table: T, row: RowOf<T>): void {
    let list = this.rows.get(table);
    if (!list) this.rows.set(table, (list = []));
    list.push(row as Record<string, unknown>);
  }

  get pending(): number {
    let n = 0;
    for (const list of this.rows.values()) n += list.length;
    return n;
  }

  /**
   * Writes everything buffered, parents first, in one transaction. The buffer
   * is emptied at once, so the caller may generate the next rows while these
   * are written (a PostgreSQL server works in parallel; PGlite does not).
   */
  async flush(db: Database): Promise<void> {
    const batches = TABLE_ORDER.map((t) => [t, this.rows.get(t) ?? []] as const).filter(([, r]) => r.length);
    this.rows.clear();
    if (!batches.length) return;
    await db.transaction(async (tx) => {
      for (const [table, rows] of batches) await this.writeTable(tx, table, rows);
    });
  }

  private async writeTable(db: Database, table: PgTable, rows: Record<string, unknown>[]): Promise<void> {
    const plan = planFor(table);
    let start = 0;
    while (start < rows.length) {
      const cells: string[][] = plan.columns.map(() => []);
      let chars = 0;
      let end = start;
      while (end < rows.length && end - start < MAX_ROWS && chars < MAX_CHARS) {
        const row = rows[end]!;
        for (let c = 0; c < plan.columns.length; c++) {
          const column = plan.columns[c]!;
          const raw = row[column.key];
          const value = raw === undefined ? column.fallback : raw;
          const text = value === null ? "NULL" : column.encode(value);
          cells[c]!.push(text);
          chars += text.length;
        }
        end++;
      }
      const args = plan.arrayTypes.map((type, c) => sql`${`{${cells[c]!.join(",")}}`}${type}`);
      await db.execute(sql`${plan.prefix}${sql.join(args, sql`, `)}${plan.suffix}`);
      this.statements++;
      this.written.set(plan.name, (this.written.get(plan.name) ?? 0) + (end - start));
      start = end;
    }
  }
}
