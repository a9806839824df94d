import { and, eq, sql, type SQL } from "drizzle-orm";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";
import type { Changes } from "~/domain/audit";
import type { AuditedEntity } from "~/domain/enums";
import { isRecordId } from "~/utils/ids";
import { diffFields, latestChange, recordAudit } from "./audit.server";
import type { Database } from "./db.server";
import { RecordNotFound, StaleRecordError } from "./errors.server";

/**
 * Optimistic concurrency for the records people change from a form (goals,
 * commitments, risks, 1:1s, people, follow-ups). A save names the version it
 * read: lockVersioned holds the row for the transaction and refuses a stale
 * version with who changed it last; saveVersioned bumps the version, stamps
 * the time and writes the audit event in that same transaction. Two calls,
 * not one, because the rules that decide a save (a state machine, a status,
 * who may act) read the locked row between them.
 */

type VersionedTable = PgTable & { id: PgColumn; version: PgColumn; updatedAt: PgColumn };

/** What every versioned row has; the rest is the table's own. */
interface VersionedRow {
  id: string;
  version: number;
  [column: string]: unknown;
}

/** A table whose rows carry a version, and the name its audit events use. */
export interface VersionedRecord<T extends VersionedTable> {
  table: T;
  entity: AuditedEntity;
}

export function versioned<T extends VersionedTable>(table: T, entity: AuditedEntity): VersionedRecord<T> {
  return { table, entity };
}

type Row<T extends VersionedTable> = T["$inferSelect"] & VersionedRow;

/**
 * Reads one row FOR UPDATE, or says it is not there. `scope` narrows the
 * lookup to rows the caller may touch (an owner, a subject), so someone
 * else's id finds nothing. `expectedVersion: null` is for the saves whose
 * form carries no version: settling a follow-up is the same answer whoever
 * clicks first, and the second click is refused by the row's status.
 */
export async function lockVersioned<T extends VersionedTable>(
  tx: Database,
  record: VersionedRecord<T>,
  lock: { id: string; scope?: SQL; expectedVersion: number | null },
): Promise<Row<T>> {
  if (!isRecordId(lock.id)) throw new RecordNotFound();
  const { table } = record;
  const [row] = (await tx
    .select()
    .from(table as PgTable)
    .where(and(eq(table.id, lock.id), lock.scope))
    .for("update")) as Row<T>[];
  if (!row) throw new RecordNotFound();
  if (lock.expectedVersion !== null && row.version !== lock.expectedVersion) {
    throw new StaleRecordError(row.version, await latestChange(tx, record.entity, row.id));
  }
  return row;
}

/**
 * Writes `set` to a row lockVersioned returned, one version on, updated at
 * `now`, and records the audit event: the `diff` fields that changed plus
 * any `changes` that are not columns (a note, a count, roles).
 */
export async function saveVersioned<T extends VersionedTable>(
  tx: Database,
  record: VersionedRecord<T>,
  before: Row<T>,
  write: {
    set: Partial<T["$inferInsert"]>;
    now: Date;
    audit: {
      actorId: string;
      subjectId: string | null;
      action: string;
      diff?: readonly (keyof Row<T> & string)[];
      changes?: Changes;
    };
  },
): Promise<Row<T>> {
  const { table, entity } = record;
  const [after] = (await tx
    .update(table as VersionedTable)
    .set({ ...write.set, version: sql`${table.version} + 1`, updatedAt: write.now })
    .where(and(eq(table.id, before.id), eq(table.version, before.version)))
    .returning()) as Row<T>[];
  // The row is locked, so only a caller that skipped lockVersioned gets here.
  if (!after) throw new Error(`${entity} ${before.id} was saved without being locked first`);
  const { actorId, subjectId, action, diff = [], changes = {} } = write.audit;
  await recordAudit(tx, {
    actorId,
    subjectId,
    entity,
    entityId: before.id,
    action,
    changes: { ...diffFields(before, after, diff), ...changes },
  });
  return after;
}
