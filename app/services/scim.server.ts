import { asc, count, eq, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { people, teams } from "#db/schema";
import { ScimError, type ScimFilter } from "~/domain/scim";
import type { ScimUserChanges } from "~/schemas/scim";
import { isRecordId } from "~/utils/ids";
import { diffFields, recordAudit } from "./audit.server";
import { recordSecurityEvent } from "./security-log.server";
import type { Database } from "./db.server";
import { RecordNotFound } from "./errors.server";
import { assertNoActiveReports, assertNoReportingLoop, changeReportingLine } from "./org.server";
import { scimClientLabel, type ScimClient } from "./scim-tokens.server";
import { revokeAllSessions } from "./sessions.server";

/**
 * SCIM Users are Rapport's people: every person, whoever added them, and the
 * deactivated too, so a provider can find and reactivate them. Each request
 * is one transaction: it is checked whole (addresses and externalIds free,
 * the manager active and no loop in the reporting line, no reports left
 * behind by a deactivation) before anything is written. A request that
 * changes nothing writes nothing, so a provider's routine re-sends do not
 * turn admins' open forms stale. docs/decisions/023-scim.md.
 */

const manager = alias(people, "manager");

const userColumns = {
  id: people.id,
  email: people.email,
  name: people.name,
  externalId: people.externalId,
  active: people.active,
  managerId: people.managerId,
  managerName: manager.name,
  teamName: teams.name,
  version: people.version,
  createdAt: people.createdAt,
  updatedAt: people.updatedAt,
};

export interface ScimUserRow {
  id: string;
  email: string;
  name: string;
  externalId: string | null;
  active: boolean;
  managerId: string | null;
  managerName: string | null;
  teamName: string | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

function selectUsers(db: Database) {
  return db
    .select(userColumns)
    .from(people)
    .leftJoin(manager, eq(manager.id, people.managerId))
    .leftJoin(teams, eq(teams.id, people.teamId));
}

async function userById(db: Database, personId: string): Promise<ScimUserRow | null> {
  const [row] = await selectUsers(db).where(eq(people.id, personId));
  return row ?? null;
}

/** The filter's matches (userName compared without regard to case, externalId exactly), a page of them, oldest first. */
export async function listScimUsers(
  db: Database,
  query: { filter: ScimFilter | null; startIndex: number; count: number },
) {
  const { filter } = query;
  const where = !filter
    ? undefined
    : filter.attribute === "userName"
      ? eq(people.email, filter.value.toLowerCase())
      : eq(people.externalId, filter.value);
  const [[total], rows] = await Promise.all([
    db.select({ n: count() }).from(people).where(where),
    query.count === 0
      ? Promise.resolve<ScimUserRow[]>([])
      : selectUsers(db)
          .where(where)
          .orderBy(asc(people.createdAt), asc(people.id))
          .limit(query.count)
          .offset(query.startIndex - 1),
  ]);
  return { total: total?.n ?? 0, rows };
}

/** A malformed id names nobody: a 404, never a database error. */
export async function getScimUser(db: Database, personId: string): Promise<ScimUserRow> {
  const row = isRecordId(personId) ? await userById(db, personId) : null;
  if (!row) throw new RecordNotFound();
  return row;
}

/**
 * A new person, provisioned with no password: they sign in once they have
 * one (an invitation) or through single sign-on. Returns the person as SCIM
 * answers with them.
 */
export async function createScimUser(
  db: Database,
  client: ScimClient,
  changes: ScimUserChanges,
  now = new Date(),
): Promise<ScimUserRow> {
  const { email, name } = changes;
  if (email === undefined || name === undefined)
    throw new ScimError(400, "A new person needs a userName and a name.", "invalidValue");
  return refuseDuplicates(() =>
    db.transaction(async (tx) => {
      await assertEmailFree(tx, email, null);
      if (changes.externalId) await assertExternalIdFree(tx, changes.externalId, null);
      const managerId = changes.managerId ? await requireActiveManager(tx, changes.managerId) : null;
      const teamId = changes.department ? await teamNamed(tx, changes.department) : null;
      const [person] = await tx
        .insert(people)
        .values({
          email,
          name,
          externalId: changes.externalId ?? null,
          active: changes.active ?? true,
          managerId,
          teamId,
          createdAt: now,
          updatedAt: now,
        })
        .returning();
      await changeReportingLine(tx, {
        personId: person!.id,
        from: null,
        to: managerId,
        actorId: client.actorId,
        now,
        newcomer: true,
      });
      await recordAudit(tx, {
        actorId: client.actorId,
        subjectId: person!.id,
        entity: "person",
        entityId: person!.id,
        action: "scim-create",
        changes: diffFields(null, person!, AUDITED),
      });
      await recordSecurityEvent(tx, { kind: "scim.person-created", ...scimActor(client), subjectId: person!.id }, now);
      return (await userById(tx, person!.id))!;
    }),
  );
}

/** The security log's actor for a provider: the token's creator (if any), named by the token, and where it called from. */
function scimActor(client: ScimClient) {
  return { actorId: client.actorId, actorLabel: scimClientLabel(client), ...client.origin };
}

const AUDITED = ["name", "email", "externalId", "teamId", "managerId", "active"] as const;

/**
 * Applies what a PUT, PATCH or DELETE asked. `version` is the If-Match the
 * provider sent, if any: a person changed since is a 412.
 */
export async function updateScimUser(
  db: Database,
  client: ScimClient,
  personId: string,
  changes: ScimUserChanges,
  options: { version?: number } = {},
  now = new Date(),
): Promise<ScimUserRow> {
  if (!isRecordId(personId)) throw new RecordNotFound();
  return refuseDuplicates(() =>
    db.transaction(async (tx) => {
      const [before] = await tx.select().from(people).where(eq(people.id, personId)).for("update");
      if (!before) throw new RecordNotFound();
      if (options.version !== undefined && options.version !== before.version) {
        throw new ScimError(
          412,
          `This person is at version ${before.version} now: read them again before changing them.`,
        );
      }
      const teamId =
        changes.department === undefined ? before.teamId : ((await teamNamed(tx, changes.department)) ?? before.teamId);
      const after = {
        ...before,
        email: changes.email ?? before.email,
        name: changes.name ?? before.name,
        externalId: changes.externalId === undefined ? before.externalId : changes.externalId,
        active: changes.active ?? before.active,
        managerId: changes.managerId === undefined ? before.managerId : changes.managerId,
        teamId,
      };
      const changed = diffFields(before, after, AUDITED);
      if (!Object.keys(changed).length) return (await userById(tx, personId))!;

      if (after.email !== before.email) await assertEmailFree(tx, after.email, personId);
      if (after.externalId && after.externalId !== before.externalId)
        await assertExternalIdFree(tx, after.externalId, personId);
      if (after.managerId && after.managerId !== before.managerId) {
        if (after.managerId === personId)
          throw new ScimError(400, "A person cannot be their own manager.", "invalidValue");
        await requireActiveManager(tx, after.managerId);
        await lockReportingLines(tx);
        await assertNoReportingLoop(tx, personId, after.managerId);
      }
      const deactivating = before.active && !after.active;
      if (deactivating) await assertNoActiveReports(tx, personId);

      await tx
        .update(people)
        .set({
          email: after.email,
          name: after.name,
          externalId: after.externalId,
          active: after.active,
          managerId: after.managerId,
          teamId: after.teamId,
          version: sql`${people.version} + 1`,
          updatedAt: now,
        })
        .where(eq(people.id, personId));
      // The same trail, notice and e-mail as a change made in the admin form.
      await changeReportingLine(tx, {
        personId,
        from: before.managerId,
        to: after.managerId,
        actorId: client.actorId,
        now,
      });
      if (deactivating) await revokeAllSessions(tx, personId, now);
      const action = deactivating
        ? "scim-deactivate"
        : !before.active && after.active
          ? "scim-reactivate"
          : "scim-update";
      await recordAudit(tx, {
        actorId: client.actorId,
        subjectId: personId,
        entity: "person",
        entityId: personId,
        action,
        changes: changed,
      });
      const fields = Object.keys(changed).sort().join(", ");
      const detail =
        after.managerId !== before.managerId ? { fields, from: before.managerId, to: after.managerId } : { fields };
      const kind = deactivating ? "scim.person-deactivated" : "scim.person-updated";
      await recordSecurityEvent(tx, { kind, ...scimActor(client), subjectId: personId, detail }, now);
      return (await userById(tx, personId))!;
    }),
  );
}

async function assertEmailFree(tx: Database, email: string, exceptId: string | null) {
  const [taken] = await tx.select({ id: people.id }).from(people).where(eq(people.email, email));
  if (taken && taken.id !== exceptId)
    throw new ScimError(409, `Someone in Rapport already has the userName ${email}.`, "uniqueness");
}

async function assertExternalIdFree(tx: Database, externalId: string, exceptId: string | null) {
  const [taken] = await tx.select({ id: people.id }).from(people).where(eq(people.externalId, externalId));
  if (taken && taken.id !== exceptId)
    throw new ScimError(409, "Someone in Rapport already has this externalId.", "uniqueness");
}

async function requireActiveManager(tx: Database, managerId: string): Promise<string> {
  const [row] = await tx.select({ active: people.active }).from(people).where(eq(people.id, managerId));
  if (!row?.active) throw new ScimError(400, `The manager ${managerId} is nobody active in Rapport.`, "invalidValue");
  return managerId;
}

/** Matched as the teams' unique index matches names: without regard to case. */
async function teamNamed(tx: Database, name: string): Promise<string | null> {
  const [team] = await tx
    .select({ id: teams.id })
    .from(teams)
    .where(sql`lower(${teams.name}) = lower(${name})`);
  return team?.id ?? null;
}

/**
 * Providers send many requests at once: two that each move someone under the
 * other would both pass the loop check on the chart as it was. Changes to the
 * reporting line made here take turns.
 */
const REPORTING_LINES_LOCK = 7_262_023;

async function lockReportingLines(tx: Database) {
  await tx.execute(sql`select pg_advisory_xact_lock(${REPORTING_LINES_LOCK})`);
}

const UNIQUE: Record<string, string> = {
  people_email_unique: "Someone in Rapport already has this userName.",
  people_external_id_unique: "Someone in Rapport already has this externalId.",
};

/** A duplicate that slipped past the checks (two requests at once) is the same 409, not a 500. */
async function refuseDuplicates<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    const detail = UNIQUE[violatedUniqueConstraint(error) ?? ""];
    if (detail) throw new ScimError(409, detail, "uniqueness");
    throw error;
  }
}

/** The unique constraint a database error names, however the driver (postgres: constraint_name, PGlite: constraint) and drizzle wrap it. */
function violatedUniqueConstraint(error: unknown, depth = 0): string | null {
  if (!error || typeof error !== "object" || depth > 5) return null;
  const e = error as { code?: unknown; constraint_name?: unknown; constraint?: unknown; cause?: unknown };
  if (e.code === "23505") {
    const name = e.constraint_name ?? e.constraint;
    return typeof name === "string" ? name : null;
  }
  return violatedUniqueConstraint(e.cause, depth + 1);
}
