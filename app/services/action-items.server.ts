import { and, eq, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { actionItems, people } from "#db/schema";
import { allows } from "~/auth/authorize.server";
import type { Viewer } from "~/auth/policies";
import { isoDate } from "~/domain/dates";
import type { Database } from "./db.server";
import { RecordNotFound, RuleViolation } from "./errors.server";
import { loadSubject } from "./subjects.server";
import { lockVersioned, saveVersioned, versioned } from "./versioned-write.server";

const ACTION_ITEM = versioned(actionItems, "action_item");

/**
 * Every open follow-up between the viewer and their direct reports, in one
 * query: the viewer's own promises first (trust is built there), then
 * overdue first, then by due date.
 */
export async function listOpenFollowUps(db: Database, viewer: Viewer, now: Date) {
  const report = alias(people, "report");
  const owner = alias(people, "owner");
  const today = isoDate(now);
  return db
    .select({
      id: actionItems.id,
      title: actionItems.title,
      dueOn: actionItems.dueOn,
      carriedCount: actionItems.carriedCount,
      reportId: actionItems.reportId,
      reportName: report.name,
      ownerId: actionItems.ownerId,
      ownerName: owner.name,
      version: actionItems.version,
    })
    .from(actionItems)
    .innerJoin(report, eq(report.id, actionItems.reportId))
    .innerJoin(owner, eq(owner.id, actionItems.ownerId))
    .where(
      and(
        eq(actionItems.status, "open"),
        // Only the viewer's current direct reports' items, or the viewer's own as a report.
        sql`(("action_items"."manager_id" = ${viewer.id} and "report"."manager_id" = ${viewer.id} and "report"."active") or "action_items"."report_id" = ${viewer.id})`,
      ),
    )
    .orderBy(
      sql`"action_items"."owner_id" = ${viewer.id} desc`,
      sql`coalesce("action_items"."due_on" < ${today}, false) desc`,
      sql`"action_items"."due_on" asc nulls last`,
      actionItems.id,
    );
}

/** Done or dropped, by either of the pair. Settling an item is how "do or drop" ends. */
export async function settleActionItem(
  db: Database,
  viewer: Viewer,
  itemId: string,
  status: "done" | "dropped",
  now: Date,
) {
  return db.transaction(async (tx) => {
    // The list carries no version: both of the pair settling at once is refused by the status, not as stale.
    const item = await lockVersioned(tx, ACTION_ITEM, { id: itemId, expectedVersion: null });
    const subject = await loadSubject(tx, item.reportId);
    if (!subject || !allows(viewer, "action-item:write", { subject, managerId: item.managerId }))
      throw new RecordNotFound();
    if (item.status !== "open") throw new RuleViolation(`This follow-up is already ${item.status}.`);
    await saveVersioned(tx, ACTION_ITEM, item, {
      set: { status, completedAt: now },
      now,
      audit: { actorId: viewer.id, subjectId: item.reportId, action: status, changes: { status: ["open", status] } },
    });
  });
}
