import { sql, type SQL } from "drizzle-orm";
import { integer, timestamp, uuid } from "drizzle-orm/pg-core";

/** `column IN ('a', 'b')` for a CHECK constraint over one of app/domain/enums. */
export function oneOf(column: SQL | { name: string }, values: readonly string[]): SQL {
  const list = values.map((v) => `'${v.replace(/'/g, "''")}'`).join(", ");
  const col = "name" in column ? sql.identifier(column.name) : column;
  return sql`${col} in ${sql.raw(`(${list})`)}`;
}

export const id = () => uuid("id").primaryKey().defaultRandom();

export const createdAt = () => timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow();
export const updatedAt = () => timestamp("updated_at", { withTimezone: true, mode: "date" }).notNull().defaultNow();

/** Optimistic-concurrency version: a save names the version it read, and a stale one is refused. */
export const version = () => integer("version").notNull().default(1);
