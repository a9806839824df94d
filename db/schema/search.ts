import { sql, type AnyColumn, type SQL } from "drizzle-orm";

/**
 * The text-search documents of the history search (docs/decisions/029-search.md), one per searchable
 * table. Each is both a GIN expression index (db/schema) and the expression the search matches with
 * (app/services/search.server.ts): PostgreSQL uses an expression index only for the very same
 * expression, so both are built here and nowhere else. Columns are NOT NULL, so no coalesce is needed.
 * Risks have no document: they are never searched.
 */
type Part = SQL | AnyColumn;

function document(...parts: Part[]): SQL {
  const text = sql.join(parts, sql` || ' ' || `);
  return sql`to_tsvector('english'::regconfig, ${text})`;
}

export const noteDocument = (body: Part) => document(body);
export const topicDocument = (title: Part, details: Part) => document(title, details);
export const actionItemDocument = (title: Part) => document(title);
export const goalDocument = (title: Part, why: Part, measure: Part) => document(title, why, measure);
export const commitmentDocument = (change: Part, pain: Part, firstStep: Part, support: Part) =>
  document(change, pain, firstStep, support);
