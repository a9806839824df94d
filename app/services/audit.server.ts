import { and, desc, eq, inArray, sql } from "drizzle-orm";
import { auditEvents, checklistAssessments, commitments, goals, people, risks } from "#db/schema";
import type { ChangeRecord, Changes } from "~/domain/audit";
import type { AuditedEntity } from "~/domain/enums";
import type { Database } from "./db.server";
import { writtenInViewersLineSql } from "./subjects.server";

/** Field -> [before, after] for the fields that differ; dates compare by value. */
export function diffFields<T extends Record<string, unknown>>(
  before: T | null,
  after: T,
  fields: readonly (keyof T & string)[],
): Changes {
  const changes: Changes = {};
  for (const field of fields) {
    const a = normalise(before?.[field] ?? null);
    const b = normalise(after[field] ?? null);
    if (a !== b) changes[field] = [a, b];
  }
  return changes;
}

function normalise(value: unknown): unknown {
  return value instanceof Date ? value.toISOString() : value;
}

/**
 * Writes who changed what; call it inside the transaction that made the change.
 * A null actor is no person: a SCIM client configured by RAPPORT_SCIM_TOKEN, or a directory sync.
 */
export async function recordAudit(
  tx: Database,
  event: {
    actorId: string | null;
    subjectId: string | null;
    entity: AuditedEntity;
    entityId: string;
    action: string;
    changes?: Changes;
  },
): Promise<{ id: string }> {
  const [row] = await tx
    .insert(auditEvents)
    .values({ ...event, changes: event.changes ?? {} })
    .returning({ id: auditEvents.id });
  return row!;
}

/** The latest change to one record, for "changed by X at Y" when a save is stale. */
export async function latestChange(
  db: Database,
  entity: AuditedEntity,
  entityId: string,
): Promise<ChangeRecord | null> {
  const [row] = await db
    .select({
      actorName: people.name,
      action: auditEvents.action,
      at: auditEvents.createdAt,
      changes: auditEvents.changes,
    })
    .from(auditEvents)
    .leftJoin(people, eq(people.id, auditEvents.actorId))
    .where(and(eq(auditEvents.entity, entity), eq(auditEvents.entityId, entityId)))
    .orderBy(desc(auditEvents.createdAt))
    .limit(1);
  return row ?? null;
}

/**
 * The trail of one person's account as `viewerId` may read it, newest first, with what each record is
 * called now (`label`: a goal's title, a commitment's change, a risk's description), so the page can say
 * which one changed (app/domain/audit-sentences.ts). The changes to a risk or
 * to a manager's rating show what was written, so they follow the entry: only those the viewer may read
 * by its date (app/auth/policies.ts, `line-entry:read`) are listed.
 */
export async function accountTrail(
  db: Database,
  viewerId: string,
  subjectId: string,
  entities: readonly AuditedEntity[],
  limit = 50,
) {
  const person = sql`${subjectId}::uuid`;
  const readableEntry = sql`(
    (${auditEvents.entity} <> 'risk' or exists (
      select 1 from ${risks} trail_risk where trail_risk.id = ${auditEvents.entityId}
        and ${writtenInViewersLineSql(viewerId, person, sql`trail_risk.author_id`, sql`trail_risk.created_at`)}))
    and (${auditEvents.entity} <> 'assessment' or exists (
      select 1 from ${checklistAssessments} trail_rating where trail_rating.id = ${auditEvents.entityId}
        and (trail_rating.perspective = 'self'
          or ${writtenInViewersLineSql(viewerId, person, sql`trail_rating.assessor_id`, sql`trail_rating.created_at`)})))
  )`;
  return db
    .select({
      id: auditEvents.id,
      actorId: auditEvents.actorId,
      actorName: people.name,
      entity: auditEvents.entity,
      entityId: auditEvents.entityId,
      action: auditEvents.action,
      changes: auditEvents.changes,
      at: auditEvents.createdAt,
      // Only for records of this subject: an entity id never names another person's record.
      label: sql<string | null>`case ${auditEvents.entity}
        when 'goal' then (select g.title from ${goals} g where g.id = ${auditEvents.entityId} and g.owner_id = ${person})
        when 'commitment' then (select c.change from ${commitments} c where c.id = ${auditEvents.entityId} and c.person_id = ${person})
        when 'risk' then (select r.description from ${risks} r where r.id = ${auditEvents.entityId} and r.subject_id = ${person})
      end`,
    })
    .from(auditEvents)
    .leftJoin(people, eq(people.id, auditEvents.actorId))
    .where(and(eq(auditEvents.subjectId, subjectId), inArray(auditEvents.entity, [...entities]), readableEntry))
    .orderBy(desc(auditEvents.createdAt))
    .limit(limit);
}
