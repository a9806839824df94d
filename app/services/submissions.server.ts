import { and, eq, lt } from "drizzle-orm";
import { formSubmissions } from "#db/schema";
import type { Database } from "./db.server";

/** How long a form's key is remembered: far longer than any double click or resent request. */
const KEPT_FOR_MS = 24 * 60 * 60 * 1000;

export type Once<T> = { written: true; result: T } | { written: false };

/**
 * Writes what one form sent at most once (docs/decisions/031-phones-and-forms.md).
 * Each form carries a key that changes after every save (the forms kit's
 * SubmissionKey); the key is claimed in the same transaction as the write,
 * so two copies of one post (a double click, a request the browser sent
 * again) write once: the second waits for the first to commit, then finds
 * the key taken and writes nothing. A refused write rolls its claim back,
 * so the same form may be corrected and sent again. Without a key (a client
 * that sends none) it simply writes.
 */
export async function writeOnce<T>(
  db: Database,
  personId: string,
  key: string | null,
  now: Date,
  write: (tx: Database) => Promise<T>,
): Promise<Once<T>> {
  if (!key) return { written: true, result: await write(db) };
  return db.transaction(async (tx) => {
    const claimed = await tx
      .insert(formSubmissions)
      .values({ personId, key, createdAt: now })
      .onConflictDoNothing()
      .returning({ key: formSubmissions.key });
    if (!claimed.length) return { written: false as const };
    // This person's old keys go as new ones come in: no job to run, and the table stays small.
    await tx
      .delete(formSubmissions)
      .where(
        and(
          eq(formSubmissions.personId, personId),
          lt(formSubmissions.createdAt, new Date(now.getTime() - KEPT_FOR_MS)),
        ),
      );
    return { written: true as const, result: await write(tx) };
  });
}
