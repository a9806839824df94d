import { and, asc, count, eq, ilike, inArray, or, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { people, personRoles, reportingLines, teams } from "#db/schema";
import { allows } from "~/auth/authorize.server";
import type { Viewer } from "~/auth/policies";
import type { Changes } from "~/domain/audit";
import type { Role } from "~/domain/enums";
import { cyclePath, descendantsOf, nonEmptyTeamMessage, teamMoveProblem, wouldCreateCycle } from "~/domain/org-chart";
import { diffFields, recordAudit } from "./audit.server";
import { recordSecurityEvent, type SecurityOrigin } from "./security-log.server";
import type { Database } from "./db.server";
import { RecordNotFound, RuleViolation } from "./errors.server";
import { revokeAllSessions } from "./sessions.server";
import { isRecordId } from "~/utils/ids";
import { formatDate } from "~/utils/format";
import { enqueueMail } from "./mail/outbox.server";
import { managerLineChangeMail, reportingLineMail } from "./mail/reporting-line.server";
import { lockVersioned, saveVersioned, versioned } from "./versioned-write.server";

/**
 * The org chart, for admins: people, teams, reporting lines, roles. Nothing
 * here reads anyone's account (goals, notes, risks): admin is not a backdoor.
 */

const PAGE_SIZE = 100;
const PERSON = versioned(people, "person");

function requireAdmin(viewer: Viewer) {
  if (!allows(viewer, "org:admin", null)) throw new RecordNotFound();
}

/** A malformed id names nobody: a 404, never a database error. */
function requirePersonId(personId: string) {
  if (!isRecordId(personId)) throw new RecordNotFound();
}

export async function listPeople(
  db: Database,
  viewer: Viewer,
  options: { q?: string; page?: number; inactive?: boolean },
) {
  requireAdmin(viewer);
  const manager = alias(people, "manager");
  const q = options.q?.trim();
  const where = and(
    options.inactive ? undefined : eq(people.active, true),
    q
      ? or(
          ilike(people.name, `%${q.replace(/[%_\\]/g, "\\$&")}%`),
          ilike(people.email, `%${q.replace(/[%_\\]/g, "\\$&")}%`),
        )
      : undefined,
  );
  const page = Math.max(1, options.page ?? 1);
  const [rows, [total]] = await Promise.all([
    db
      .select({
        id: people.id,
        name: people.name,
        email: people.email,
        active: people.active,
        team: teams.name,
        managerName: manager.name,
        roles: sql<
          Role[]
        >`coalesce((select array_agg(pr.role order by pr.role) from person_roles pr where pr.person_id = "people"."id"), '{}')`,
      })
      .from(people)
      .leftJoin(teams, eq(teams.id, people.teamId))
      .leftJoin(manager, eq(manager.id, people.managerId))
      .where(where)
      .orderBy(asc(people.name), asc(people.id))
      .limit(PAGE_SIZE)
      .offset((page - 1) * PAGE_SIZE),
    db.select({ n: count() }).from(people).where(where),
  ]);
  return { rows, total: total?.n ?? 0, page, pages: Math.max(1, Math.ceil((total?.n ?? 0) / PAGE_SIZE)) };
}

export async function getPersonForAdmin(db: Database, viewer: Viewer, personId: string) {
  requireAdmin(viewer);
  if (!/^[0-9a-f-]{36}$/i.test(personId)) return null;
  const manager = alias(people, "manager");
  const [row] = await db
    .select({
      id: people.id,
      name: people.name,
      email: people.email,
      teamId: people.teamId,
      active: people.active,
      version: people.version,
      managerEmail: manager.email,
      roles: sql<
        Role[]
      >`coalesce((select array_agg(pr.role order by pr.role) from person_roles pr where pr.person_id = "people"."id"), '{}')`,
      activeReports: sql<number>`(select count(*)::int from people r where r.manager_id = "people"."id" and r.active)`,
    })
    .from(people)
    .leftJoin(manager, eq(manager.id, people.managerId))
    .where(eq(people.id, personId));
  return row ?? null;
}

export async function listTeams(db: Database) {
  return db
    .select({
      id: teams.id,
      name: teams.name,
      parentTeamId: teams.parentTeamId,
      members: sql<number>`(select count(*)::int from people p where p.team_id = "teams"."id" and p.active)`,
    })
    .from(teams)
    .orderBy(asc(teams.name));
}

/** Up to this many active people, the manager is chosen from a list of them all (docs/decisions/034). */
export const MANAGER_LIST_MAX = 300;

export type ManagerChoices =
  /** Everyone who may be chosen, by name: the person, and those who report to them at any depth, left out. */
  | { kind: "list"; people: { name: string; email: string }[] }
  /** A large organisation: any active person's e-mail is typed, and the people who manage someone now are suggested. */
  | { kind: "suggest"; people: { name: string; email: string }[] };

/**
 * Whom an admin may choose as a person's manager (null: a new person). The service refuses the rest
 * anyway (oneself, a loop, someone inactive); this keeps them off the list. A list of every active
 * person stops being a choice at a few hundred, and its HTML grows with the organisation, so above
 * MANAGER_LIST_MAX the form takes an e-mail and suggests the current managers.
 */
export async function listManagerChoices(
  db: Database,
  viewer: Viewer,
  personId: string | null,
  currentManagerEmail: string | null = null,
): Promise<ManagerChoices> {
  requireAdmin(viewer);
  const [active] = await db.select({ n: count() }).from(people).where(eq(people.active, true));
  if ((active?.n ?? 0) > MANAGER_LIST_MAX) {
    const managers = await db
      .select({ name: people.name, email: people.email })
      .from(people)
      .where(
        and(
          eq(people.active, true),
          sql`exists (select 1 from people r where r.manager_id = "people"."id" and r.active)`,
        ),
      )
      .orderBy(asc(people.name), asc(people.email));
    return { kind: "suggest", people: managers };
  }
  const chart = await db
    .select({
      id: people.id,
      name: people.name,
      email: people.email,
      managerId: people.managerId,
      active: people.active,
    })
    .from(people)
    .orderBy(asc(people.name), asc(people.email));
  const below = new Set(personId ? descendantsOf(new Map(chart.map((p) => [p.id, p.managerId])), personId) : []);
  return {
    kind: "list",
    people: chart
      // The current manager stays on the list whatever they are now, so a save never drops them unasked.
      .filter((p) => p.email === currentManagerEmail || (p.active && p.id !== personId && !below.has(p.id)))
      .map(({ name, email }) => ({ name, email })),
  };
}

export interface PersonInput {
  name: string;
  email: string;
  teamId?: string;
  managerEmail?: string;
  roles: Role[];
}

/** Resolves the manager's email to an active person and refuses a loop in the reporting line. */
async function resolveManager(
  tx: Database,
  personId: string | null,
  managerEmail: string | undefined,
): Promise<string | null> {
  if (!managerEmail) return null;
  const [manager] = await tx
    .select({ id: people.id, active: people.active })
    .from(people)
    .where(eq(people.email, managerEmail));
  if (!manager || !manager.active)
    throw new RuleViolation(`Nobody active in Rapport has the email ${managerEmail}.`, "managerEmail");
  if (manager.id === personId)
    throw new RuleViolation("Nobody can be their own manager: choose someone else, or nobody.", "managerEmail");
  if (personId) await assertNoReportingLoop(tx, personId, manager.id, "managerEmail");
  return manager.id;
}

/** Refuses a manager who would close a loop in the reporting line, naming the people in it. */
export async function assertNoReportingLoop(tx: Database, personId: string, managerId: string, field?: string) {
  const chart = await tx.select({ id: people.id, managerId: people.managerId }).from(people);
  const managerOf = new Map(chart.map((p) => [p.id, p.managerId]));
  if (wouldCreateCycle(managerOf, personId, managerId)) {
    const names = new Map(
      (await tx.select({ id: people.id, name: people.name }).from(people)).map((p) => [p.id, p.name]),
    );
    const loop = cyclePath(managerOf, personId, managerId).map((id) => names.get(id) ?? id);
    throw new RuleViolation(`That would make a loop in the reporting line: ${loop.join(" → ")}.`, field);
  }
}

/** Refuses to deactivate someone who still manages people: their reports would be left with nobody. */
export async function assertNoActiveReports(tx: Database, personId: string) {
  const [reports] = await tx
    .select({ n: count() })
    .from(people)
    .where(and(eq(people.managerId, personId), eq(people.active, true)));
  if (reports && reports.n > 0) {
    throw new RuleViolation(
      `Move their ${reports.n} ${reports.n === 1 ? "report" : "reports"} to another manager first.`,
    );
  }
}

async function assertEmailFree(tx: Database, email: string, exceptId: string | null) {
  const [taken] = await tx.select({ id: people.id }).from(people).where(eq(people.email, email));
  if (taken && taken.id !== exceptId) throw new RuleViolation("Someone already has this email.", "email");
}

/** A team picked from the list may have been deleted, or the id made up: say so on the field rather than fail on the foreign key. */
async function assertTeamExists(tx: Database, teamId: string | undefined) {
  if (!teamId) return;
  const [team] = await tx.select({ id: teams.id }).from(teams).where(eq(teams.id, teamId));
  if (!team) throw new RuleViolation("Choose a team from the list.", "teamId");
}

/** Ends the current reporting line and starts the new one, so "former manager" stays a fact. */
async function moveReportingLine(tx: Database, personId: string, from: string | null, to: string | null, now: Date) {
  if (from === to) return;
  // Never before its start: a line may have begun this very millisecond, stamped by the database's finer clock.
  await tx
    .update(reportingLines)
    .set({ endedAt: sql`greatest(${now.toISOString()}::timestamptz, ${reportingLines.startedAt})` })
    .where(and(eq(reportingLines.personId, personId), sql`${reportingLines.endedAt} is null`));
  if (to) await tx.insert(reportingLines).values({ personId, managerId: to, startedAt: now });
}

/** A change of someone's manager, for changeReportingLine. */
export interface ReportingLineChange {
  personId: string;
  /** The manager before and after: the caller sets people.manager_id from `from` to `to` in the same transaction. */
  from: string | null;
  to: string | null;
  /** Who made the change (an admin); null for a directory sync. */
  actorId: string | null;
  now: Date;
  /** The person is being created: there is no earlier line to tell them about (the create is audited). */
  newcomer?: boolean;
}

/**
 * The one way a reporting line changes, whoever changes it (the admin form, the CSV import, a directory
 * sync): call it in the transaction that sets people.manager_id from `from` to `to`. The history moves
 * (the old line ends, the new one begins now), the change is audited with both managers' names, and the
 * person is told on their home page and by mail, with who made the change, so an admin who makes
 * themselves someone's manager does it in plain sight. It hands nothing over: what the earlier line
 * wrote stays with it, and the new manager reads only what is written from now on (`line-entry:read`
 * in app/auth/policies.ts, docs/decisions/024-reporting-line-changes.md).
 */
export async function changeReportingLine(tx: Database, change: ReportingLineChange): Promise<void> {
  const { personId, from, to, actorId, now } = change;
  if (from === to) return;
  await moveReportingLine(tx, personId, from, to, now);
  if (change.newcomer) return;

  const ids = [personId, from, to, actorId].filter((id): id is string => Boolean(id));
  const named = new Map(
    (
      await tx
        .select({
          id: people.id,
          name: people.name,
          email: people.email,
          active: people.active,
          timeZone: people.timeZone,
        })
        .from(people)
        .where(inArray(people.id, ids))
    ).map((p) => [p.id, p]),
  );
  const nameOf = (id: string | null) => (id ? (named.get(id)?.name ?? null) : null);
  const byThemselves = actorId !== null && actorId === to;
  const { id: eventId } = await recordAudit(tx, {
    actorId,
    subjectId: personId,
    entity: "person",
    entityId: personId,
    action: byThemselves ? "self-appointed-manager" : "reporting-line",
    changes: { manager: [nameOf(from), nameOf(to)], managerId: [from, to] },
  });
  const person = named.get(personId);
  if (!person?.active) return;
  const facts = {
    // The day as the recipient's calendar has it.
    on: formatDate(now, person.timeZone),
    fromName: nameOf(from),
    toName: nameOf(to),
    byName: nameOf(actorId),
    byThemselves,
  };
  // One message per change: the audit event is the change, so a retried transaction can not queue it twice.
  await enqueueMail(
    tx,
    {
      to: person.email,
      kind: "reporting-line",
      dedupeKey: `reporting-line:${eventId}`,
      ...reportingLineMail(person.name, facts),
    },
    now,
  );
  // Both managers are told too (ADR 043), in their own zone; not the one who made the change, who knows.
  for (const [side, managerId] of [
    ["from", from],
    ["to", to],
  ] as const) {
    const manager = managerId ? named.get(managerId) : undefined;
    if (!manager?.active || manager.id === actorId) continue;
    await enqueueMail(
      tx,
      {
        to: manager.email,
        kind: "reporting-line-manager",
        dedupeKey: `reporting-line:${eventId}:${side}`,
        ...managerLineChangeMail(manager.name, side, person.name, { ...facts, on: formatDate(now, manager.timeZone) }),
      },
      now,
    );
  }
}

export async function setRoles(tx: Database, personId: string, roles: readonly Role[]) {
  await tx.delete(personRoles).where(eq(personRoles.personId, personId));
  if (roles.length) await tx.insert(personRoles).values(roles.map((role) => ({ personId, role })));
}

export async function createPersonAsAdmin(
  db: Database,
  viewer: Viewer,
  input: PersonInput,
  now: Date,
  options: { origin?: SecurityOrigin } = {},
) {
  requireAdmin(viewer);
  return db.transaction(async (tx) => {
    await assertEmailFree(tx, input.email, null);
    await assertTeamExists(tx, input.teamId);
    const managerId = await resolveManager(tx, null, input.managerEmail);
    const [person] = await tx
      .insert(people)
      .values({ name: input.name, email: input.email, teamId: input.teamId ?? null, managerId })
      .returning();
    await changeReportingLine(tx, {
      personId: person!.id,
      from: null,
      to: managerId,
      actorId: viewer.id,
      now,
      newcomer: true,
    });
    await setRoles(tx, person!.id, input.roles);
    await recordAudit(tx, {
      actorId: viewer.id,
      subjectId: person!.id,
      entity: "person",
      entityId: person!.id,
      action: "create",
      changes: {
        ...diffFields(null, person!, ["name", "email", "teamId", "managerId"]),
        roles: [null, input.roles.join(", ")],
      },
    });
    if (input.roles.length) {
      const to = [...input.roles].sort().join(", ");
      await recordSecurityEvent(
        tx,
        {
          kind: "person.role-changed",
          actorId: viewer.id,
          subjectId: person!.id,
          ...options.origin,
          detail: { from: "", to },
        },
        now,
      );
    }
    return person!;
  });
}

/** An admin never sets a password: people choose their own through a mailed link (./passwords.server.ts). */
export async function updatePersonAsAdmin(
  db: Database,
  viewer: Viewer,
  personId: string,
  input: PersonInput & { version: number },
  now: Date,
  options: { origin?: SecurityOrigin } = {},
) {
  requireAdmin(viewer);
  requirePersonId(personId);
  return db.transaction(async (tx) => {
    const before = await lockVersioned(tx, PERSON, { id: personId, expectedVersion: input.version });
    await assertEmailFree(tx, input.email, personId);
    await assertTeamExists(tx, input.teamId);
    const managerId = await resolveManager(tx, personId, input.managerEmail);
    const [oldRoles] = await tx
      .select({ roles: sql<string>`coalesce(string_agg(role, ', ' order by role), '')` })
      .from(personRoles)
      .where(eq(personRoles.personId, personId));
    const changes: Changes = {};
    const newRoles = [...input.roles].sort().join(", ");
    if ((oldRoles?.roles ?? "") !== newRoles) changes.roles = [oldRoles?.roles ?? "", newRoles];
    const after = await saveVersioned(tx, PERSON, before, {
      set: { name: input.name, email: input.email, teamId: input.teamId ?? null, managerId },
      now,
      audit: {
        actorId: viewer.id,
        subjectId: personId,
        action: "update",
        diff: ["name", "email", "teamId", "managerId"],
        changes,
      },
    });
    await changeReportingLine(tx, { personId, from: before.managerId, to: managerId, actorId: viewer.id, now });
    await setRoles(tx, personId, input.roles);
    const logged = { actorId: viewer.id, subjectId: personId, ...options.origin };
    if (changes.roles) {
      await recordSecurityEvent(
        tx,
        { ...logged, kind: "person.role-changed", detail: { from: changes.roles[0] as string, to: newRoles } },
        now,
      );
    }
    if (before.managerId !== managerId) {
      await recordSecurityEvent(
        tx,
        { ...logged, kind: "person.manager-changed", detail: { from: before.managerId, to: managerId } },
        now,
      );
    }
    return after;
  });
}

/**
 * Deactivating someone who still manages people is refused: their reports
 * would be left with nobody. Deactivation ends all their sessions;
 * reactivating them does not bring any back.
 */
export async function setPersonActive(
  db: Database,
  viewer: Viewer,
  personId: string,
  input: { version: number; active: boolean },
  now: Date,
  options: { origin?: SecurityOrigin } = {},
) {
  requireAdmin(viewer);
  requirePersonId(personId);
  return db.transaction(async (tx) => {
    const before = await lockVersioned(tx, PERSON, { id: personId, expectedVersion: input.version });
    if (!input.active) {
      if (personId === viewer.id) throw new RuleViolation("You cannot deactivate yourself.");
      const [reports] = await tx
        .select({ n: count() })
        .from(people)
        .where(and(eq(people.managerId, personId), eq(people.active, true)));
      if (reports && reports.n > 0) {
        throw new RuleViolation(
          `Move their ${reports.n} ${reports.n === 1 ? "report" : "reports"} to another manager first.`,
        );
      }
    }
    await saveVersioned(tx, PERSON, before, {
      set: { active: input.active },
      now,
      audit: {
        actorId: viewer.id,
        subjectId: personId,
        action: input.active ? "reactivate" : "deactivate",
        changes: { active: [before.active, input.active] },
      },
    });
    const revoked = input.active ? 0 : await revokeAllSessions(tx, personId, now);
    if (before.active !== input.active) {
      await recordSecurityEvent(
        tx,
        {
          kind: input.active ? "person.activated" : "person.deactivated",
          actorId: viewer.id,
          subjectId: personId,
          ...options.origin,
          detail: input.active ? {} : { revoked },
        },
        now,
      );
    }
  });
}

export async function createTeam(db: Database, viewer: Viewer, input: { name: string; parentTeamId?: string }) {
  requireAdmin(viewer);
  return db.transaction(async (tx) => {
    const [clash] = await tx
      .select({ id: teams.id })
      .from(teams)
      .where(sql`lower(${teams.name}) = lower(${input.name})`);
    if (clash) throw new RuleViolation("A team already has this name.", "name");
    if (input.parentTeamId) {
      const [parent] = await tx.select({ id: teams.id }).from(teams).where(eq(teams.id, input.parentTeamId));
      if (!parent) throw new RuleViolation("Choose a parent team from the list.", "parentTeamId");
    }
    const [team] = await tx
      .insert(teams)
      .values({ name: input.name, parentTeamId: input.parentTeamId ?? null })
      .returning();
    await recordAudit(tx, {
      actorId: viewer.id,
      subjectId: null,
      entity: "team",
      entityId: team!.id,
      action: "create",
      changes: { name: [null, team!.name] },
    });
    return team!;
  });
}

/** A team's name is unique whatever its case (teams_name_unique is on lower(name)); say so on the field. */
async function assertTeamNameFree(tx: Database, name: string, exceptId: string) {
  const [clash] = await tx
    .select({ id: teams.id, name: teams.name })
    .from(teams)
    .where(and(sql`lower(${teams.name}) = lower(${name})`, sql`${teams.id} <> ${exceptId}`));
  if (clash) throw new RuleViolation(`Another team is already called "${clash.name}".`, "name");
}

/**
 * Renames a team and/or puts it under another team (or the top level). A team may not go under itself
 * or one of its own sub-teams. Every team row is locked first, so two moves at once cannot make a loop
 * between them. A move drops the stored trend months (the teams trigger, migration 0010): points are
 * broken down by top-level team, and past answers stay with the team they were given in, which now sits
 * elsewhere. Nothing changed writes nothing.
 */
export async function updateTeam(
  db: Database,
  viewer: Viewer,
  teamId: string,
  input: { name: string; parentTeamId?: string },
) {
  requireAdmin(viewer);
  if (!isRecordId(teamId)) throw new RecordNotFound();
  return db.transaction(async (tx) => {
    const tree = await tx
      .select({ id: teams.id, name: teams.name, parentTeamId: teams.parentTeamId })
      .from(teams)
      .orderBy(asc(teams.id))
      .for("update");
    const before = tree.find((t) => t.id === teamId);
    if (!before) throw new RuleViolation("This team has been removed meanwhile.");
    const parentId = input.parentTeamId ?? null;
    if (parentId && !tree.some((t) => t.id === parentId))
      throw new RuleViolation("Choose a team from the list.", "parentTeamId");
    const names = new Map(tree.map((t) => [t.id, t.name]));
    const problem = teamMoveProblem(
      new Map(tree.map((t) => [t.id, t.parentTeamId])),
      (id) => (id === teamId ? input.name : (names.get(id) ?? id)),
      teamId,
      parentId,
    );
    if (problem) throw new RuleViolation(problem, "parentTeamId");
    const changes: Changes = {};
    if (before.name !== input.name) {
      await assertTeamNameFree(tx, input.name, teamId);
      changes.name = [before.name, input.name];
    }
    if (before.parentTeamId !== parentId) {
      const parentName = (id: string | null) => (id ? (names.get(id) ?? null) : null);
      changes.parent = [parentName(before.parentTeamId), parentName(parentId)];
      changes.parentTeamId = [before.parentTeamId, parentId];
    }
    if (!Object.keys(changes).length) return { changed: false as const };
    await tx.update(teams).set({ name: input.name, parentTeamId: parentId }).where(eq(teams.id, teamId));
    await recordAudit(tx, {
      actorId: viewer.id,
      subjectId: null,
      entity: "team",
      entityId: teamId,
      action: changes.parentTeamId ? (changes.name ? "rename-and-move" : "move") : "rename",
      changes,
    });
    return { changed: true as const };
  });
}

/**
 * Removes an empty team: nobody in it (deactivated people count, they keep their team) and no sub-teams.
 * Otherwise refused, saying what is still in it. Its past 1:1s, pulses and ratings stay but are no longer
 * any team's (ON DELETE SET NULL), and every stored trend month is dropped (migration 0010).
 */
export async function removeTeam(db: Database, viewer: Viewer, teamId: string) {
  requireAdmin(viewer);
  if (!isRecordId(teamId)) throw new RecordNotFound();
  return db.transaction(async (tx) => {
    // Locked: a person added to the team meanwhile waits for this transaction, then finds no team.
    const [team] = await tx
      .select({ id: teams.id, name: teams.name })
      .from(teams)
      .where(eq(teams.id, teamId))
      .for("update");
    if (!team) throw new RuleViolation("This team has already been removed.");
    const [members] = await tx
      .select({ all: count(), active: sql<number>`count(*) filter (where ${people.active})::int` })
      .from(people)
      .where(eq(people.teamId, teamId));
    const children = await tx
      .select({ name: teams.name })
      .from(teams)
      .where(eq(teams.parentTeamId, teamId))
      .orderBy(asc(teams.name));
    const problem = nonEmptyTeamMessage(team.name, {
      active: members?.active ?? 0,
      inactive: (members?.all ?? 0) - (members?.active ?? 0),
      children: children.map((c) => c.name),
    });
    if (problem) throw new RuleViolation(problem);
    await tx.delete(teams).where(eq(teams.id, teamId));
    await recordAudit(tx, {
      actorId: viewer.id,
      subjectId: null,
      entity: "team",
      entityId: teamId,
      action: "remove",
      changes: { name: [team.name, null] },
    });
    return team;
  });
}
