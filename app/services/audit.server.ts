import { and, desc, eq, inArray } from "drizzle-orm";
import { auditEvents, people } from "#db/schema";
import type { ChangeRecord, Changes } from "~/domain/audit";
import type { AuditedEntity } from "~/domain/enums";
import type { Database } from "./db.server";

/** Field -> [before, after] for the fields that differ; dates compare by value. */
export function diffFields<T extends Record<string, unknown>>(before: T | null, after: T, fields: readonly (keyof T & string)[]): Changes {
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
 * A null actor is no person: a SCIM client configured by RAPPORT_SCIM_TOKEN.
 */
export async function recordAudit(
  tx: Database,
  event: { actorId: string | null; subjectId: string | null; entity: AuditedEntity; entityId: string; action: string; changes?: Changes },
): Promise<void> {
  await tx.insert(auditEvents).values({ ...event, changes: event.changes ?? {} });
}

/** The latest change to one record, for "changed by X at Y" when a save is stale. */
export async function latestChange(db: Database, entity: AuditedEntity, entityId: string): Promise<ChangeRecord | null> {
  const [row] = await db
    .select({ actorName: people.name, action: auditEvents.action, at: auditEvents.createdAt, changes: auditEvents.changes })
    .from(auditEvents)
    .leftJoin(people, eq(people.id, auditEvents.actorId))
    .where(and(eq(auditEvents.entity, entity), eq(auditEvents.entityId, entityId)))
    .orderBy(desc(auditEvents.createdAt))
    .limit(1);
  return row ?? null;
}

/** The trail of one person's account, newest first. */
export async function accountTrail(db: Database, subjectId: string, entities: readonly AuditedEntity[], limit = 50) {
  return db
    .select({
      id: auditEvents.id,
      actorName: people.name,
      entity: auditEvents.entity,
      entityId: auditEvents.entityId,
      action: auditEvents.action,
      changes: auditEvents.changes,
      at: auditEvents.createdAt,
    })
    .from(auditEvents)
    .leftJoin(people, eq(people.id, auditEvents.actorId))
    .where(and(eq(auditEvents.subjectId, subjectId), inArray(auditEvents.entity, [...entities])))
    .orderBy(desc(auditEvents.createdAt))
    .limit(limit);
}
