import { sql } from "drizzle-orm";
import { backupTables, schemaTableNames, SEEDED_TABLES, type BackupTable } from "#db/backup-tables";
import { rowsOf } from "#db/client";
import { latestSchemaVersion } from "#db/migrate";
import type { Viewer } from "~/auth/policies";
import { BACKUP_FORMAT, BackupRefused, isNewerSchema, openBackup, sealBackup } from "~/domain/backup-seal";
import { recordAccessReceipt } from "./access-receipts.server";
import { BACKUP_KEY_FILE, BACKUP_OFF_ON_POSTGRES, resolveBackupKey } from "./backup-key.server";
import type { Database } from "./db.server";
import { recordSecurityEvent, type SecurityOrigin } from "./security-log.server";

/**
 * The sealed organisation backup and its restore (docs/decisions/045-organisation-backup.md). Every value
 * travels as the text PostgreSQL itself writes for it, under fixed date and bytea styles, and goes back
 * through the column type's own input: microseconds, the exact text of a json column and bytea's bytes
 * come back as they were, on either engine.
 */

/** One row: each column's value as PostgreSQL's text, or null. */
export type BackupRow = Record<string, string | null>;
export type BackupTables = Record<string, BackupRow[]>;

export interface BackupPayload {
  format: typeof BACKUP_FORMAT;
  schemaVersion: string;
  createdAt: string;
  tables: BackupTables;
}

/** Why there is no backup to make here (PostgreSQL without RAPPORT_BACKUP_KEY): the page and the 409 say it. */
export class BackupOff extends Error {}

/** Where the key is, or why backups are off, for the page; reading it makes no key. */
export function backupStatus(): { on: true; where: string } | { on: false; why: string } {
  const key = resolveBackupKey({ create: false });
  if ("key" in key) return { on: true, where: key.where };
  if (key.off === BACKUP_OFF_ON_POSTGRES) return { on: false, why: key.off };
  // The embedded database makes its key with the first backup.
  return { on: true, where: `${BACKUP_KEY_FILE} in the data folder, made with your first backup` };
}

/** Text output that reads back the same on any server: ISO dates in UTC, hex bytea. One statement. */
async function fixTextStyles(tx: Database) {
  await tx.execute(
    sql`select set_config('datestyle', 'ISO, YMD', true), set_config('intervalstyle', 'postgres', true),
        set_config('bytea_output', 'hex', true), set_config('timezone', 'UTC', true)`,
  );
}

/**
 * Every backed-up table's rows, as the backup holds them, read in ONE statement: one snapshot of the whole
 * organisation in any isolation level, even inside a form's write-once transaction. The round-trip test
 * compares two of these.
 */
export async function readBackupTables(db: Database): Promise<BackupTables> {
  // Its own transaction (a savepoint inside the caller's), so the text styles hold for the read.
  return db.transaction(async (tx) => {
    await fixTextStyles(tx);
    const parts = backupTables().map((table) => {
      const columns = sql.join(
        table.columns.map((c) => sql`${sql.identifier(c.name)}::text as ${sql.identifier(c.name)}`),
        sql`, `,
      );
      return sql`${JSON.stringify(table.name) + ":"}::text || (select coalesce(json_agg(r), '[]') from (select ${columns} from ${sql.identifier(table.name)}) r)::text`;
    });
    const [row] = rowsOf<{ tables: string }>(
      await tx.execute(sql`select '{' || ${sql.join(parts, sql` || ',' || `)} || '}' as tables`),
    );
    return JSON.parse(row!.tables) as BackupTables;
  });
}

/**
 * Makes the sealed file, in one transaction that also writes the `backup.made` security event and an access
 * receipt (role and target `export`) for every person in it: the file is never made unrecorded.
 */
export async function makeBackup(
  db: Database,
  admin: Viewer,
  origin: SecurityOrigin = {},
  now = new Date(),
): Promise<{ file: Uint8Array<ArrayBuffer>; fileName: string; people: number }> {
  const key = resolveBackupKey({ create: true });
  if ("off" in key) throw new BackupOff(key.off);
  const schemaVersion = latestSchemaVersion();
  return db.transaction(async (tx) => {
    // Read before this backup's own event and receipts are written: the file is the organisation as asked for.
    const tables = await readBackupTables(tx);
    const peopleIds = (tables.people ?? []).map((p) => p.id!);
    await recordSecurityEvent(
      tx,
      { kind: "backup.made", actorId: admin.id, ...origin, detail: { count: peopleIds.length } },
      now,
    );
    await recordAccessReceipt(tx, { subjectIds: peopleIds, reader: admin, role: "export", target: "export", at: now });
    const payload: BackupPayload = { format: BACKUP_FORMAT, schemaVersion, createdAt: now.toISOString(), tables };
    return {
      file: new Uint8Array(sealBackup(JSON.stringify(payload), key.key, schemaVersion)),
      fileName: `rapport-backup-${now.toISOString().slice(0, 10)}.rapport`,
      people: peopleIds.length,
    };
  });
}

/** Tables whose rows this server writes for itself at start, which may be there before a restore. */
const INSTANCE_TABLES = new Set(["app_settings", "recurring_jobs", ...SEEDED_TABLES]);
const ROWS_PER_STATEMENT = 2000;

/** Opens and checks a file; nothing is written. */
export function openBackupFile(file: Uint8Array, key: Buffer): BackupPayload {
  const { header, payload } = openBackup(file, key);
  const current = latestSchemaVersion();
  if (isNewerSchema(header.schemaVersion, current))
    throw new BackupRefused(
      `This backup is of a newer Rapport (schema ${header.schemaVersion}; this one has ${current}). Restore it with that version or later.`,
    );
  const parsed = JSON.parse(payload) as BackupPayload;
  if (
    parsed.format !== BACKUP_FORMAT ||
    parsed.schemaVersion !== header.schemaVersion ||
    typeof parsed.tables !== "object"
  )
    throw new BackupRefused("This backup's contents do not match its header.");
  const known = new Set(backupTables().map((t) => t.name));
  const unknown = Object.keys(parsed.tables).filter((name) => !known.has(name));
  if (unknown.length)
    throw new BackupRefused(`This backup holds tables this Rapport does not know: ${unknown.join(", ")}.`);
  return parsed;
}

/**
 * Restores a backup into an empty, migrated database in one transaction: all of it or nothing. Refuses a
 * wrong key or a changed file, a newer schema, and a database that holds anything already.
 */
export async function restoreBackup(db: Database, file: Uint8Array, key: Buffer): Promise<Record<string, number>> {
  const backup = openBackupFile(file, key);
  return db.transaction(async (tx) => {
    const filled = await nonEmptyTables(tx);
    if (filled.length)
      throw new BackupRefused(
        `The database is not empty (${filled.join(", ")} hold rows): a backup goes only into an empty one.`,
      );
    const tables = backupTables();
    const reenable = await suspendTriggers(tx, tables);
    await fixTextStyles(tx);
    for (const name of SEEDED_TABLES) await tx.execute(sql`delete from ${sql.identifier(name)}`);
    const counts: Record<string, number> = {};
    for (const table of tables) {
      const rows = parentsFirst(backup.tables[table.name] ?? [], table);
      for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT)
        await insertRows(tx, table, rows.slice(i, i + ROWS_PER_STATEMENT));
      counts[table.name] = rows.length;
    }
    await reenable();
    return counts;
  });
}

async function nonEmptyTables(tx: Database): Promise<string[]> {
  const checked = schemaTableNames().filter((name) => !INSTANCE_TABLES.has(name));
  const probes = sql.join(
    checked.map((name) => sql`select ${name}::text as name where exists (select 1 from ${sql.identifier(name)})`),
    sql` union all `,
  );
  return rowsOf<{ name: string }>(await tx.execute(probes)).map((r) => r.name);
}

/**
 * The app's triggers must not run on restored rows: the roll-up triggers would invalidate the restored trend
 * months, and the 1:1's team trigger would re-pin a team the backup already holds. Replica role turns them
 * (and foreign-key checks, which the parents-first order makes unneeded) off for this transaction; a role not
 * allowed to set it disables each table's own triggers instead, inside the transaction, and turns them back on.
 */
async function suspendTriggers(tx: Database, tables: BackupTable[]): Promise<() => Promise<void>> {
  try {
    await tx.transaction(async (sp) => {
      await sp.execute(sql`set local session_replication_role = replica`);
    });
    return async () => {};
  } catch (error) {
    if (!isPermissionDenied(error)) throw error;
  }
  const names = [...tables.map((t) => t.name), ...SEEDED_TABLES];
  for (const name of names) await tx.execute(sql`alter table ${sql.identifier(name)} disable trigger user`);
  return async () => {
    for (const name of names) await tx.execute(sql`alter table ${sql.identifier(name)} enable trigger user`);
  };
}

const isPermissionDenied = (error: unknown): boolean =>
  error instanceof Error && ((error as { code?: string }).code === "42501" || isPermissionDenied(error.cause));

async function insertRows(tx: Database, table: BackupTable, rows: BackupRow[]) {
  if (!rows.length) return;
  // Only the columns the backup has: one made before a column was added leaves it to its default.
  const present = new Set(Object.keys(rows[0]!));
  const columns = table.columns.filter((c) => present.has(c.name));
  await tx.execute(
    sql`insert into ${sql.identifier(table.name)} (${sql.join(
      columns.map((c) => sql.identifier(c.name)),
      sql`, `,
    )}) select ${sql.join(
      columns.map((c) => sql`(e ->> ${c.name})::${sql.raw(c.type)}`),
      sql`, `,
    )} from json_array_elements(${JSON.stringify(rows)}::json) as e`,
  );
}

/** A table that points into itself (people.manager_id) gets each row after the row it points to. */
export function parentsFirst(rows: BackupRow[], table: Pick<BackupTable, "selfReferences">): BackupRow[] {
  if (!table.selfReferences.length || rows.length < 2) return rows;
  const ordered: BackupRow[] = [];
  const placed = new Map<string, Set<string | null>>();
  for (const ref of table.selfReferences) placed.set(ref.target, new Set());
  const exists = new Map(table.selfReferences.map((ref) => [ref, new Set(rows.map((r) => r[ref.target]))]));
  let waiting = rows;
  while (waiting.length) {
    const next: BackupRow[] = [];
    for (const row of waiting) {
      const ready = table.selfReferences.every((ref) => {
        const value = row[ref.column];
        return value == null || placed.get(ref.target)!.has(value) || !exists.get(ref)!.has(value);
      });
      if (!ready) {
        next.push(row);
        continue;
      }
      ordered.push(row);
      for (const ref of table.selfReferences) placed.get(ref.target)!.add(row[ref.target] ?? null);
    }
    // A loop of rows pointing at each other: insert the rest together and let the checks judge.
    if (next.length === waiting.length) return [...ordered, ...next];
    waiting = next;
  }
  return ordered;
}
