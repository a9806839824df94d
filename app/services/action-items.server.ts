import { and, eq, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { actionItems, meetings, people } from "#db/schema";
import { allows } from "~/auth/authorize.server";
import type { Viewer } from "~/auth/policies";
import { isoDate } from "~/domain/dates";
import type { Database } from "./db.server";
import { RecordNotFound, RuleViolation } from "./errors.server";
import { publishMeetingChange } from "./live/channel.server";
import { loadSubject } from "./subjects.server";
import { lockVersioned, saveVersioned, versioned } from "./versioned-write.server";
import { isRecordId } from "~/utils/ids";

const ACTION_ITEM = versioned(actionItems, "action_item");

/**
 * Every open follow-up between the viewer and their direct reports, and
 * those of the viewer's own 1:1s as a report, in one query: the viewer's
 * own promises first (trust is built there), then overdue first, then by
 * due date. Each row says which side of its 1:1 the viewer is on, so the
 * page names the other person, not the viewer.
 */
export async function listOpenFollowUps(db: Database, viewer: Viewer, now: Date) {
  const report = alias(people, "report");
  const owner = alias(people, "owner");
  const manager = alias(people, "manager");
  const today = isoDate(now);
  return db
    .select({
      id: actionItems.id,
      title: actionItems.title,
      dueOn: actionItems.dueOn,
      carriedCount: actionItems.carriedCount,
      reportId: actionItems.reportId,
      reportName: report.name,
      reportManagerId: report.managerId,
      managerId: actionItems.managerId,
      managerName: manager.name,
      ownerId: actionItems.ownerId,
      ownerName: owner.name,
      meetingId: actionItems.meetingId,
      version: actionItems.version,
    })
    .from(actionItems)
    .innerJoin(report, eq(report.id, actionItems.reportId))
    .innerJoin(manager, eq(manager.id, actionItems.managerId))
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

type Status = "open" | "done" | "dropped";

/** Locks one follow-up for a write by either of the pair (action-item:write); to anyone else it does not exist. */
async function lockForWrite(tx: Database, viewer: Viewer, itemId: string) {
  // The list carries no version: both of the pair settling at once is refused by the status, not as stale.
  const item = await lockVersioned(tx, ACTION_ITEM, { id: itemId, expectedVersion: null });
  const subject = await loadSubject(tx, item.reportId);
  if (!subject || !allows(viewer, "action-item:write", { subject, managerId: item.managerId }))
    throw new RecordNotFound();
  return item;
}

/**
 * Done or dropped, by either of the pair. Settling an item is how "do or
 * drop" ends. Sending the same answer twice (a double click) writes once;
 * the other answer to an item already settled is refused.
 */
export async function settleActionItem(
  db: Database,
  viewer: Viewer,
  itemId: string,
  status: "done" | "dropped",
  now: Date,
): Promise<{ title: string; changed: boolean }> {
  return db.transaction(async (tx) => {
    const item = await lockForWrite(tx, viewer, itemId);
    if (item.status === status) return { title: item.title, changed: false };
    if (item.status !== "open") throw new RuleViolation(`This follow-up is already ${item.status}.`);
    await saveVersioned(tx, ACTION_ITEM, item, {
      set: { status, completedAt: now },
      now,
      audit: { actorId: viewer.id, subjectId: item.reportId, action: status, changes: { status: ["open", status] } },
    });
    await publishFollowUpChange(tx, item);
    return { title: item.title, changed: true };
  });
}

/** Undo for done or dropped: the follow-up is open again, carries and all. Reopening an open one writes nothing. */
export async function reopenActionItem(
  db: Database,
  viewer: Viewer,
  itemId: string,
  now: Date,
): Promise<{ title: string; changed: boolean }> {
  return db.transaction(async (tx) => {
    const item = await lockForWrite(tx, viewer, itemId);
    if (item.status === "open") return { title: item.title, changed: false };
    await saveVersioned(tx, ACTION_ITEM, item, {
      set: { status: "open", completedAt: null },
      now,
      audit: {
        actorId: viewer.id,
        subjectId: item.reportId,
        action: "reopen",
        changes: { status: [item.status, "open"] },
      },
    });
    await publishFollowUpChange(tx, item);
    return { title: item.title, changed: true };
  });
}

/**
 * A follow-up shows on the 1:1 it was agreed in and on the pair's planned ones: each open page of them
 * re-reads (ADR 039).
 */
async function publishFollowUpChange(
  tx: Database,
  item: { meetingId: string | null; reportId: string; managerId: string },
): Promise<void> {
  const planned = await tx
    .select({ id: meetings.id })
    .from(meetings)
    .where(
      and(eq(meetings.reportId, item.reportId), eq(meetings.managerId, item.managerId), eq(meetings.status, "planned")),
    );
  const ids = new Set(planned.map((m) => m.id));
  if (item.meetingId) ids.add(item.meetingId);
  for (const id of ids) await publishMeetingChange(tx, id, "follow-up");
}

/**
 * One follow-up the viewer may settle, for the line that confirms what they
 * just did to it (and offers Undo). Null for anything else.
 */
export async function getSettleableFollowUp(
  db: Database,
  viewer: Viewer,
  itemId: string,
): Promise<{ id: string; title: string; status: Status } | null> {
  if (!isRecordId(itemId)) return null;
  const [item] = await db
    .select({
      id: actionItems.id,
      title: actionItems.title,
      status: actionItems.status,
      reportId: actionItems.reportId,
      managerId: actionItems.managerId,
    })
    .from(actionItems)
    .where(eq(actionItems.id, itemId));
  if (!item) return null;
  const subject = await loadSubject(db, item.reportId);
  if (!subject || !allows(viewer, "action-item:write", { subject, managerId: item.managerId })) return null;
  return { id: item.id, title: item.title, status: item.status };
}
