import { count, desc, eq, sql } from "drizzle-orm";
import { accessCounts, accessReceipts } from "#db/schema";
import { relationship, type Subject, type Viewer } from "~/auth/policies";
import { isoWeekStart, traceOfRead } from "~/domain/access-receipts";
import type { AccessRole, AccessTarget } from "~/domain/enums";
import type { Database } from "./db.server";

/**
 * Access receipts (docs/decisions/041-access-receipts.md). A read about a person by anyone but them and
 * their direct manager leaves a receipt they see on /me/privacy; their direct manager's reads are counted
 * per week. Each is one statement, written in the read's own transaction, so a read whose receipt cannot
 * be written fails with it. Nothing here, or anywhere, changes or removes one: the database refuses.
 */

const RECEIPTS_SHOWN = 100;
const WEEKS_SHOWN = 26;

/**
 * Records that `reader` read about each of `subjectIds`, in one statement however many: for an export that
 * includes them (the person's own export skips itself), or any read the caller has already classed. A null
 * reader id is no person (a scheduled organisation export); its name says what it was.
 */
export async function recordAccessReceipt(
  tx: Database,
  receipt: {
    subjectIds: readonly string[];
    reader: { id: string | null; name: string };
    role: AccessRole;
    target: AccessTarget;
    recordId?: string | null;
    at?: Date;
  },
): Promise<void> {
  const subjects = receipt.subjectIds.filter((id) => id !== receipt.reader.id);
  if (!subjects.length) return;
  const at = receipt.at ?? new Date();
  await tx.insert(accessReceipts).values(
    subjects.map((subjectId) => ({
      subjectId,
      readerId: receipt.reader.id,
      readerName: receipt.reader.name,
      role: receipt.role,
      target: receipt.target,
      recordId: receipt.recordId ?? null,
      readAt: at,
    })),
  );
}

/** One more read by the direct manager in the week of `at`: the week's row is made or counted up. */
async function countRead(tx: Database, reader: Pick<Viewer, "id" | "name">, subjectId: string, at: Date) {
  await tx
    .insert(accessCounts)
    .values({ subjectId, readerId: reader.id, readerName: reader.name, weekStart: isoWeekStart(at), lastReadAt: at })
    .onConflictDoUpdate({
      target: [accessCounts.subjectId, accessCounts.readerId, accessCounts.weekStart],
      set: {
        reads: sql`${accessCounts.reads} + 1`,
        lastReadAt: sql`greatest(${accessCounts.lastReadAt}, excluded.last_read_at)`,
      },
    });
}

/**
 * What one read of a page about `subject` leaves: nothing for their own, a count for their direct manager,
 * a receipt for anyone else. `asAdmin` for the admin pages. Call it inside the read's transaction.
 */
export async function recordRead(
  tx: Database,
  viewer: Viewer,
  subject: Subject,
  target: AccessTarget,
  options: { recordId?: string | null; asAdmin?: boolean; at?: Date } = {},
): Promise<void> {
  const trace = traceOfRead(viewer.id, subject.id, relationship(viewer, subject), options.asAdmin);
  const at = options.at ?? new Date();
  if (trace.kind === "count") await countRead(tx, viewer, subject.id, at);
  if (trace.kind === "receipt")
    await recordAccessReceipt(tx, {
      subjectIds: [subject.id],
      reader: viewer,
      role: trace.role,
      target,
      recordId: options.recordId,
      at,
    });
}

/**
 * Runs a page's read and writes its receipt in one transaction, so both commit or neither does: a receipt
 * that cannot be written fails the read, and the page is never shown without it. `when` skips the receipt
 * for a read that found nothing to show (an unknown record, answered 404).
 */
export async function readWithReceipt<T>(
  db: Database,
  viewer: Viewer,
  subject: Subject,
  target: AccessTarget,
  read: (tx: Database) => Promise<T>,
  options: { recordId?: string | null; asAdmin?: boolean; at?: Date; when?: (result: T) => boolean } = {},
): Promise<T> {
  return db.transaction(async (tx) => {
    const result = await read(tx);
    if (options.when?.(result) ?? true) await recordRead(tx, viewer, subject, target, options);
    return result;
  });
}

/** The receipts about one person, newest first, the latest RECEIPTS_SHOWN of them, and how many there are. */
export async function listAccessReceipts(db: Database, subjectId: string, limit = RECEIPTS_SHOWN) {
  const [rows, [total]] = await Promise.all([
    db
      .select({
        id: accessReceipts.id,
        readerName: accessReceipts.readerName,
        role: accessReceipts.role,
        target: accessReceipts.target,
        recordId: accessReceipts.recordId,
        readAt: accessReceipts.readAt,
      })
      .from(accessReceipts)
      .where(eq(accessReceipts.subjectId, subjectId))
      .orderBy(desc(accessReceipts.readAt), desc(accessReceipts.id))
      .limit(limit),
    db.select({ n: count() }).from(accessReceipts).where(eq(accessReceipts.subjectId, subjectId)),
  ]);
  return { receipts: rows, total: total?.n ?? 0 };
}

/** The direct manager's reads of one person, per week, newest week first, for the last WEEKS_SHOWN weeks held. */
export async function listAccessCounts(db: Database, subjectId: string, limit = WEEKS_SHOWN) {
  return db
    .select({
      readerId: accessCounts.readerId,
      readerName: accessCounts.readerName,
      weekStart: accessCounts.weekStart,
      reads: accessCounts.reads,
    })
    .from(accessCounts)
    .where(eq(accessCounts.subjectId, subjectId))
    .orderBy(desc(accessCounts.weekStart), accessCounts.readerName)
    .limit(limit);
}
