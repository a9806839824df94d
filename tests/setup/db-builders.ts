import { and, desc, eq, isNull, sql } from "drizzle-orm";
import type { Database } from "#db/client";
import { mailOutbox, meetings, meetingSeries, people, personRoles, reportingLines, teams } from "#db/schema";
import type { Role } from "~/domain/enums";

let counter = 0;
const next = () => ++counter;

/** A fortnightly pair and its next 1:1, planned a day from now. */
export async function createPlannedMeeting(db: Database, managerId: string, reportId: string) {
  const [series] = await db
    .insert(meetingSeries)
    .values({ managerId, reportId, intervalDays: 14, lengthMinutes: 30 })
    .returning();
  const [meeting] = await db
    .insert(meetings)
    .values({
      seriesId: series!.id,
      managerId,
      reportId,
      scheduledAt: new Date(Date.now() + 86_400_000),
      lengthMinutes: 30,
    })
    .returning();
  return meeting!;
}

/** A team; pass parentTeamId for a child team. */
export async function createTeam(db: Database, values: { name?: string; parentTeamId?: string | null } = {}) {
  const [team] = await db
    .insert(teams)
    .values({ name: values.name ?? `Team ${next()}`, parentTeamId: values.parentTeamId ?? null })
    .returning();
  return team!;
}

/** A person, optionally with a manager (and the reporting line that goes with it) and roles. */
export async function createPerson(
  db: Database,
  values: {
    name?: string;
    email?: string;
    teamId?: string | null;
    managerId?: string | null;
    roles?: Role[];
    passwordHash?: string | null;
    active?: boolean;
  } = {},
) {
  const n = next();
  const [person] = await db
    .insert(people)
    .values({
      name: values.name ?? `Person ${n}`,
      email: values.email ?? `person${n}@test.rapport`,
      teamId: values.teamId ?? null,
      managerId: values.managerId ?? null,
      passwordHash: values.passwordHash ?? null,
      active: values.active ?? true,
    })
    .returning();
  if (values.managerId) await db.insert(reportingLines).values({ personId: person!.id, managerId: values.managerId });
  if (values.roles?.length)
    await db.insert(personRoles).values(values.roles.map((role) => ({ personId: person!.id, role })));
  return person!;
}

/** Moves a person to a new manager, ending the old reporting line (the old manager becomes "former"). */
export async function changeManager(db: Database, personId: string, managerId: string | null) {
  await db
    .update(reportingLines)
    .set({ endedAt: sql`greatest(now(), ${reportingLines.startedAt})` })
    .where(and(eq(reportingLines.personId, personId), isNull(reportingLines.endedAt)));
  await db.update(people).set({ managerId }).where(eq(people.id, personId));
  if (managerId) await db.insert(reportingLines).values({ personId, managerId });
}

/**
 * The cast the authorization tests share: a CEO over two managers; Alice
 * reports to Mo (she moved from Fay, now her former manager); Pat is her
 * peer; Otto manages another team; HR and an admin sit outside every line.
 */
export async function createCast(db: Database) {
  const ceo = (await createPerson(db, { name: "Cleo Ceo" })).id;
  const manager = (await createPerson(db, { name: "Mo Manager", managerId: ceo })).id;
  const other = (await createPerson(db, { name: "Otto Other", managerId: ceo })).id;
  const former = (await createPerson(db, { name: "Fay Former", managerId: ceo })).id;
  const alice = (await createPerson(db, { name: "Alice Report", managerId: former })).id;
  await changeManager(db, alice, manager);
  const peer = (await createPerson(db, { name: "Pat Peer", managerId: manager })).id;
  const hr = (await createPerson(db, { name: "Hana Hr", roles: ["hr"] })).id;
  const admin = (await createPerson(db, { name: "Adam Admin", roles: ["admin"] })).id;
  return { ceo, manager, other, former, alice, peer, hr, admin };
}

/**
 * The token of the latest password link queued for `to`, read from the outbox while the message is still
 * pending (its body is wiped once sent). Tests only: nothing in the app reads a link back.
 */
export async function pendingPasswordToken(db: Database, to: string): Promise<string> {
  const rows = await db
    .select({ text: mailOutbox.textBody })
    .from(mailOutbox)
    .where(eq(mailOutbox.toAddress, to))
    .orderBy(desc(mailOutbox.createdAt));
  const token = rows
    .map((r) => /\/(?:invite|reset-password)\/([A-Za-z0-9_-]{43})/.exec(r.text ?? "")?.[1])
    .find(Boolean);
  if (!token) throw new Error(`no password link queued for ${to}`);
  return token;
}
