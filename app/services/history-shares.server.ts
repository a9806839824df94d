import { and, eq, isNull, sql, type SQL } from "drizzle-orm";
import { rowsOf } from "#db/client";
import { historyShares } from "#db/schema";
import { allows } from "~/auth/authorize.server";
import type { Viewer } from "~/auth/policies";
import type { Database } from "./db.server";
import { RecordNotFound, RuleViolation } from "./errors.server";
import { recordSecurityEvent, type SecurityOrigin } from "./security-log.server";

/*
 * A handover the report controls (docs/decisions/043-handover.md): a person lets their current direct
 * manager read 1:1s they held with an earlier manager, all or chosen ones, and takes that back. A share
 * counts only while it is live (not revoked), its grantee is the person's direct manager, and it was made
 * during the grantee's current spell as that manager: a manager who leaves and comes back is not handed
 * the old share again. The SQL below is the WHERE-clause twin of `meeting:read`'s share rule.
 */

/**
 * True in SQL when `subjectId` has a live share with `granteeId` that `covers` (a condition on `hs`),
 * made during the grantee's current line to them. The one place the "counts only while" rule is written.
 */
function liveShareSql(subjectId: SQL, granteeId: SQL, covers: SQL): SQL {
  return sql`exists (select 1 from history_shares hs join reporting_lines hs_line
      on hs_line.person_id = hs.subject_id and hs_line.manager_id = hs.grantee_id and hs_line.ended_at is null
    where hs.subject_id = ${subjectId} and hs.grantee_id = ${granteeId} and hs.revoked_at is null
      and hs.created_at >= hs_line.started_at and ${covers})`;
}

const covering = (meetingId: SQL) => sql`(hs.meeting_id is null or hs.meeting_id = ${meetingId})`;

/**
 * True in SQL when a live share of the person's lets `viewerId` read the 1:1 (`meetingId`, held with
 * `managerId`, of the report `reportId`) as their current direct manager, though they did not hold it.
 */
export function sharedWithViewerSql(viewerId: string, reportId: SQL, meetingId: SQL, managerId: SQL): SQL {
  const viewer = sql`${viewerId}::uuid`;
  return sql`(${managerId} <> ${viewer}
    and exists (select 1 from people hs_report where hs_report.id = ${reportId} and hs_report.manager_id = ${viewer})
    and ${liveShareSql(reportId, viewer, covering(meetingId))})`;
}

/**
 * A scalar subquery for the policy's MeetingRecord.sharedWith: who the report's live shares made in the
 * grantee's current line let read this 1:1 (`m` names the meetings row), as text[]. The rule then asks
 * whether the viewer is among them and is the direct manager.
 */
export function sharedWithSql(m: string): SQL {
  const col = (name: string) => sql.raw(`"${m}"."${name}"`);
  return sql`(select coalesce(array_agg(distinct grantee.grantee_id::text), '{}') from history_shares grantee
    where grantee.subject_id = ${col("report_id")} and grantee.revoked_at is null
      and grantee.grantee_id <> ${col("manager_id")}
      and ${liveShareSql(col("report_id"), sql`grantee.grantee_id`, covering(col("id")))})`;
}

export interface EarlierOneOnOne {
  id: string;
  at: Date;
  managerName: string;
  /** Shared with the current manager, by itself or by "share all". */
  shared: boolean;
}

export interface EarlierHistory {
  /** Who a share would go to; null when the person has no manager (then nothing can be shared). */
  manager: { id: string; name: string } | null;
  /** "Share all" is on for the current manager. */
  allShared: boolean;
  meetings: EarlierOneOnOne[];
}

/** The most earlier 1:1s the page lists; a share of all covers the rest too. */
const EARLIER_LIMIT = 100;

/**
 * The person's held 1:1s with a manager who is not their direct manager now, newest first, each saying
 * whether the current manager may read it. One statement.
 */
export async function listEarlierOneOnOnes(db: Database, viewer: Viewer): Promise<EarlierHistory> {
  const me = sql`${viewer.id}::uuid`;
  const result = await db.execute(sql`
    with me as (
      select p.manager_id, mgr.name as manager_name,
        ${liveShareSql(sql`p.id`, sql`p.manager_id`, sql`hs.meeting_id is null`)} as all_shared
      from people p left join people mgr on mgr.id = p.manager_id where p.id = ${me}
    )
    select me.manager_id, me.manager_name, me.all_shared, m.id, coalesce(m.held_at, m.scheduled_at) as at,
      held_by.name as held_by_name,
      ${liveShareSql(sql`m.report_id`, sql`me.manager_id`, covering(sql`m.id`))} as shared
    from me left join meetings m on m.report_id = ${me} and m.status = 'held'
      and m.manager_id is distinct from me.manager_id
    left join people held_by on held_by.id = m.manager_id
    order by m.held_at desc nulls last, m.id
    limit ${EARLIER_LIMIT}`);
  const rows = rowsOf<{
    manager_id: string | null;
    manager_name: string | null;
    all_shared: boolean;
    id: string | null;
    at: Date | string | null;
    held_by_name: string | null;
    shared: boolean;
  }>(result);
  const head = rows[0];
  return {
    manager: head?.manager_id ? { id: head.manager_id, name: head.manager_name ?? "" } : null,
    allShared: Boolean(head?.all_shared),
    meetings: rows
      .filter((r) => r.id !== null)
      .map((r) => ({ id: r.id!, at: new Date(r.at!), managerName: r.held_by_name ?? "", shared: Boolean(r.shared) })),
  };
}

/** Which 1:1s a share or a "stop sharing" is about: every earlier one, or one of them. */
export type ShareScope = { all: true } | { all: false; meetingId: string };

function mayShare(viewer: Viewer) {
  if (!allows(viewer, "history:share", { subject: { id: viewer.id } })) throw new RecordNotFound();
}

/** The person's current manager, and the scope's 1:1 checked to be an earlier one of theirs. */
async function prepare(tx: Database, viewer: Viewer, scope: ShareScope) {
  const history = await listEarlierOneOnOnes(tx, viewer);
  if (!history.manager) throw new RuleViolation("You have no manager now, so there is nobody to share your 1:1s with.");
  if (!scope.all && !history.meetings.some((m) => m.id === scope.meetingId)) throw new RecordNotFound();
  return { history, manager: history.manager };
}

/**
 * Lets the current manager read every earlier 1:1 (`all`) or one. Sharing what is shared already writes
 * nothing (the live-share index says so, for two posts at once too). Returns whether a share was written.
 */
export async function shareHistory(
  db: Database,
  viewer: Viewer,
  scope: ShareScope,
  origin: SecurityOrigin,
  now = new Date(),
): Promise<{ written: boolean; managerName: string }> {
  mayShare(viewer);
  return db.transaction(async (tx) => {
    const { manager } = await prepare(tx, viewer, scope);
    const written = await tx
      .insert(historyShares)
      .values({
        subjectId: viewer.id,
        granteeId: manager.id,
        meetingId: scope.all ? null : scope.meetingId,
        createdAt: now,
      })
      .onConflictDoNothing()
      .returning({ id: historyShares.id });
    if (written.length)
      await recordSecurityEvent(
        tx,
        {
          kind: "history.shared",
          actorId: viewer.id,
          subjectId: viewer.id,
          ...origin,
          detail: { to: manager.id, count: scope.all ? "all" : 1 },
        },
        now,
      );
    return { written: written.length > 0, managerName: manager.name };
  });
}

/**
 * Takes a share back. `all` ends every live share of the person's, to anyone; one 1:1 ends its own share
 * and, when "share all" was on, turns that into a share of each of the other earlier 1:1s, so only this
 * one stops. Rows are kept, with the time they were revoked.
 */
export async function stopSharingHistory(
  db: Database,
  viewer: Viewer,
  scope: ShareScope,
  origin: SecurityOrigin,
  now = new Date(),
): Promise<{ revoked: number }> {
  mayShare(viewer);
  return db.transaction(async (tx) => {
    const live = and(eq(historyShares.subjectId, viewer.id), isNull(historyShares.revokedAt));
    let revoked: { id: string }[];
    if (scope.all) {
      revoked = await tx.update(historyShares).set({ revokedAt: now }).where(live).returning({ id: historyShares.id });
    } else {
      const { history, manager } = await prepare(tx, viewer, scope);
      const toManager = and(live, eq(historyShares.granteeId, manager.id));
      revoked = await tx
        .update(historyShares)
        .set({ revokedAt: now })
        .where(and(toManager, eq(historyShares.meetingId, scope.meetingId)))
        .returning({ id: historyShares.id });
      if (history.allShared) {
        const all = await tx
          .update(historyShares)
          .set({ revokedAt: now })
          .where(and(toManager, isNull(historyShares.meetingId)))
          .returning({ id: historyShares.id });
        revoked.push(...all);
        const others = history.meetings.filter((m) => m.id !== scope.meetingId).map((m) => m.id);
        if (others.length)
          await tx
            .insert(historyShares)
            .values(
              others.map((meetingId) => ({ subjectId: viewer.id, granteeId: manager.id, meetingId, createdAt: now })),
            )
            .onConflictDoNothing();
      }
    }
    if (revoked.length)
      await recordSecurityEvent(
        tx,
        {
          kind: "history.unshared",
          actorId: viewer.id,
          subjectId: viewer.id,
          ...origin,
          detail: { count: scope.all ? "all" : 1, revoked: revoked.length },
        },
        now,
      );
    return { revoked: revoked.length };
  });
}
