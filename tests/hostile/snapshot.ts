import { sql } from "drizzle-orm";
import { rowsOf, type Database } from "#db/client";

export type Snapshot = Record<string, string>;

/**
 * Builds one statement that fingerprints every table in the public schema:
 * its row count and an md5 of its rows in primary-key order. Comparing two
 * fingerprints tells whether anything at all was written in between.
 */
export async function snapshotter(db: Database): Promise<(exclude?: readonly string[]) => Promise<Snapshot>> {
  const tables = rowsOf<{ name: string; pk: string | null }>(
    await db.execute(sql`
      select c.relname as name,
             (select string_agg(quote_ident(a.attname), ', ' order by k.ord)
                from pg_index i
                cross join unnest(i.indkey) with ordinality as k(attnum, ord)
                join pg_attribute a on a.attrelid = i.indrelid and a.attnum = k.attnum
               where i.indrelid = c.oid and i.indisprimary) as pk
        from pg_class c
        join pg_namespace n on n.oid = c.relnamespace
       where n.nspname = 'public' and c.relkind in ('r', 'p')
       order by c.relname`),
  );
  if (tables.length < 10) throw new Error(`expected the app's tables in the public schema, found ${tables.length}`);
  const names = tables.map((t) => t.name);
  return async (exclude = []) => {
    for (const name of exclude) if (!names.includes(name)) throw new Error(`no table ${name} to exclude`);
    const parts = tables
      .filter((t) => !exclude.includes(t.name))
      .map((t) => {
        const order = t.pk
          ? t.pk
              .split(", ")
              .map((c) => `r.${c}`)
              .join(", ")
          : "r::text";
        return `select ${quoteLiteral(t.name)} as name, count(*)::text || ':' || md5(coalesce(string_agg(r::text, E'\\n' order by ${order}), '')) as print from ${quoteIdent(t.name)} r`;
      });
    const rows = rowsOf<{ name: string; print: string }>(await db.execute(sql.raw(parts.join("\nunion all\n"))));
    return Object.fromEntries(rows.map((r) => [r.name, r.print]));
  };
}

const quoteIdent = (name: string) => `"${name.replaceAll('"', '""')}"`;
const quoteLiteral = (value: string) => `'${value.replaceAll("'", "''")}'`;
