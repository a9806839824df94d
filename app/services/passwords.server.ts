import { createHash, randomBytes } from "node:crypto";
import { and, count, eq, gt, isNull, notExists, or, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { passwordTokens, people, signInFailures } from "#db/schema";
import { allows } from "~/auth/authorize.server";
import { hashPassword, verifyPassword } from "~/auth/password.server";
import type { Viewer } from "~/auth/policies";
import type { PasswordTokenPurpose } from "~/domain/enums";
import { isRecordId } from "~/utils/ids";
import { recordAudit } from "./audit.server";
import type { Database } from "./db.server";
import { RecordNotFound, RuleViolation } from "./errors.server";
import { action, appLink, paragraph, renderMail, smallPrint } from "./mail/layout.server";
import { enqueueMail } from "./mail/outbox.server";
import { recordSecurityEvent, type SecurityOrigin } from "./security-log.server";
import { revokeAllSessions, revokeOtherSessions } from "./sessions.server";
import { THROTTLE } from "./sign-in.server";

/**
 * Passwords are chosen by their owner only: through a single-use link mailed to them (an invitation, a
 * reset), or on the settings page with the current one. An admin can send a link, never see one or set
 * a password. The link's token is 256 random bits; only its SHA-256 is stored (ADR 025).
 */

export const TOKEN_LIFETIME_MS: Record<PasswordTokenPurpose, number> = {
  invite: 7 * 24 * 60 * 60 * 1000,
  reset: 60 * 60 * 1000,
};
/** Reset requests per address in the throttle window (THROTTLE.windowMinutes); the rest are silently dropped. */
export const RESETS_PER_EMAIL = 3;

const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;
const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");
export const PATHS: Record<PasswordTokenPurpose, string> = { invite: "/invite", reset: "/reset-password" };

const open = (now: Date) =>
  and(isNull(passwordTokens.usedAt), isNull(passwordTokens.revokedAt), gt(passwordTokens.expiresAt, now));

function requireAdmin(viewer: Viewer) {
  if (!allows(viewer, "org:admin", null)) throw new RecordNotFound();
}

interface Recipient {
  id: string;
  name: string;
  email: string;
}

/**
 * Writes a new token (revoking the person's older open ones for the same purpose) and queues the mail
 * with its link, in one transaction: no token without its mail, no mail for a rolled-back token.
 */
async function issue(
  db: Database,
  person: Recipient,
  purpose: PasswordTokenPurpose,
  inviter: { id: string; name: string } | null,
  now: Date,
  origin: SecurityOrigin = {},
): Promise<void> {
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(now.getTime() + TOKEN_LIFETIME_MS[purpose]);
  await db.transaction(async (tx) => {
    await tx
      .update(passwordTokens)
      .set({ revokedAt: now })
      .where(and(eq(passwordTokens.personId, person.id), eq(passwordTokens.purpose, purpose), open(now)));
    const [row] = await tx
      .insert(passwordTokens)
      .values({
        personId: person.id,
        purpose,
        tokenHash: hashToken(token),
        createdBy: inviter?.id ?? null,
        createdAt: now,
        expiresAt,
      })
      .returning({ id: passwordTokens.id });
    await enqueueMail(
      tx,
      {
        ...renderMail(mailFor(purpose, person, inviter, appLink(`${PATHS[purpose]}/${token}`))),
        to: person.email,
        kind: purpose === "invite" ? "invitation" : "password-reset",
        dedupeKey: `password-${purpose}:${row!.id}`,
        sensitive: true,
        expiresAt,
      },
      now,
    );
    await recordSecurityEvent(
      tx,
      {
        kind: purpose === "invite" ? "invitation.sent" : "password.reset-requested",
        actorId: inviter?.id ?? person.id,
        subjectId: person.id,
        ...origin,
      },
      now,
    );
  });
}

function mailFor(purpose: PasswordTokenPurpose, person: Recipient, inviter: { name: string } | null, link: string) {
  if (purpose === "invite") {
    return {
      subject: "You are invited to Rapport",
      greeting: `Hello ${person.name},`,
      blocks: [
        paragraph(`${inviter?.name ?? "An administrator"} invited you to Rapport. Choose your password to sign in.`),
        action("Choose your password", link),
        smallPrint("The link works once and for 7 days. If it has run out, ask for a new one on the sign-in page."),
      ],
      footer: `You get this because ${person.email} was added to Rapport.`,
    };
  }
  return {
    subject: "Choose a new Rapport password",
    greeting: `Hello ${person.name},`,
    blocks: [
      paragraph(
        inviter
          ? `${inviter.name}, an administrator, asked Rapport to send you a link to choose a new password.`
          : "Someone, probably you, asked for a new password for Rapport.",
      ),
      action("Choose a new password", link),
      smallPrint(
        "The link works once and for 1 hour. If you did not ask for it, ignore this message: your password stays as it is.",
      ),
    ],
    footer: `You get this because of a password request for ${person.email}.`,
  };
}

async function personFor(db: Database, personId: string) {
  if (!isRecordId(personId)) throw new RecordNotFound();
  const [person] = await db
    .select({
      id: people.id,
      name: people.name,
      email: people.email,
      active: people.active,
      hasPassword: sql<boolean>`${people.passwordHash} is not null`,
    })
    .from(people)
    .where(eq(people.id, personId));
  if (!person) throw new RecordNotFound();
  return person;
}

async function inviterFor(db: Database, viewer: Viewer) {
  const [row] = await db.select({ id: people.id, name: people.name }).from(people).where(eq(people.id, viewer.id));
  return row ?? { id: viewer.id, name: "An administrator" };
}

/**
 * The admin's button on a person's page. Someone without a password gets an invitation; someone who has
 * one gets a reset link: either way it goes only to the person's own address.
 */
export async function sendPasswordLinkAsAdmin(
  db: Database,
  viewer: Viewer,
  personId: string,
  now: Date,
  origin: SecurityOrigin = {},
): Promise<PasswordTokenPurpose> {
  requireAdmin(viewer);
  const person = await personFor(db, personId);
  if (!person.active) throw new RuleViolation("Reactivate them first: a deactivated person cannot sign in.");
  const purpose: PasswordTokenPurpose = person.hasPassword ? "reset" : "invite";
  await issue(db, person, purpose, await inviterFor(db, viewer), now, origin);
  await recordAudit(db, {
    actorId: viewer.id,
    subjectId: person.id,
    entity: "person",
    entityId: person.id,
    // Which link went out, never the link: it is the person's alone.
    action: purpose === "invite" ? "send-invitation" : "send-password-reset",
  });
  return purpose;
}

/**
 * A person an identity provider just provisioned: invited like anyone an admin adds, on behalf of the
 * admin who made the token (or nobody, for the configured one). Nothing is sent when single sign-on is
 * the only way in (the caller decides), to a deactivated person, or to someone who already has a password.
 */
export async function inviteProvisionedPerson(
  db: Database,
  personId: string,
  inviterId: string | null,
  now: Date,
): Promise<boolean> {
  const person = await personFor(db, personId);
  if (!person.active || person.hasPassword) return false;
  const [inviter] = inviterId
    ? await db.select({ id: people.id, name: people.name }).from(people).where(eq(people.id, inviterId))
    : [];
  await issue(db, person, "invite", inviter ?? null, now);
  return true;
}

/** Active people with no password and no open invitation: who "Invite everyone new" would reach. */
function uninvited(db: Database, now: Date) {
  const token = alias(passwordTokens, "t");
  return db
    .select({ id: people.id, name: people.name, email: people.email })
    .from(people)
    .where(
      and(
        eq(people.active, true),
        isNull(people.passwordHash),
        notExists(
          db
            .select({ one: sql`1` })
            .from(token)
            .where(
              and(
                eq(token.personId, people.id),
                eq(token.purpose, "invite"),
                isNull(token.usedAt),
                isNull(token.revokedAt),
                gt(token.expiresAt, now),
              ),
            ),
        ),
      ),
    );
}

export async function countUninvited(db: Database, viewer: Viewer, now: Date): Promise<number> {
  requireAdmin(viewer);
  return (await uninvited(db, now)).length;
}

/** "Invite everyone new", after a CSV import. Returns how many invitations were queued. */
export async function inviteEveryoneNew(
  db: Database,
  viewer: Viewer,
  now: Date,
  origin: SecurityOrigin = {},
): Promise<number> {
  requireAdmin(viewer);
  const inviter = await inviterFor(db, viewer);
  const everyone = await uninvited(db, now);
  for (const person of everyone) await issue(db, person, "invite", inviter, now, origin);
  return everyone.length;
}

/** Whether a person has an open invitation, for the admin's person page. */
export async function hasOpenInvitation(db: Database, viewer: Viewer, personId: string, now: Date): Promise<boolean> {
  requireAdmin(viewer);
  if (!isRecordId(personId)) return false;
  const [row] = await db
    .select({ n: count() })
    .from(passwordTokens)
    .where(and(eq(passwordTokens.personId, personId), eq(passwordTokens.purpose, "invite"), open(now)));
  return (row?.n ?? 0) > 0;
}

/**
 * "Forgot password". Always the same answer to the caller (nothing is returned), throttled per address
 * and per client like sign-in, with the same queries whether or not the address exists.
 */
export async function requestPasswordReset(
  db: Database,
  input: { email: string; ip: string; userAgent?: string | null },
  now: Date,
): Promise<void> {
  const email = input.email.trim().toLowerCase();
  const emailKey = `reset:${email}`;
  const windowStart = new Date(now.getTime() - THROTTLE.windowMinutes * 60_000);
  await db.insert(signInFailures).values({ emailKey, ip: input.ip, failedAt: now });
  const [counts] = await db
    .select({
      email: sql<number>`count(*) filter (where ${signInFailures.emailKey} = ${emailKey})`.mapWith(Number),
      ip: sql<number>`count(*) filter (where ${signInFailures.ip} = ${input.ip})`.mapWith(Number),
    })
    .from(signInFailures)
    .where(
      and(
        gt(signInFailures.failedAt, windowStart),
        or(eq(signInFailures.emailKey, emailKey), eq(signInFailures.ip, input.ip)),
      ),
    );
  if (!counts || counts.email > RESETS_PER_EMAIL || counts.ip > THROTTLE.perIp) return;
  const [person] = await db
    .select({ id: people.id, name: people.name, email: people.email })
    .from(people)
    .where(and(eq(people.email, email), eq(people.active, true)));
  if (person) await issue(db, person, "reset", null, now, { address: input.ip, userAgent: input.userAgent });
}

/** The person an open link of this purpose is for, or null: expired, used, revoked, made up, or they left. */
export async function findPasswordToken(db: Database, purpose: PasswordTokenPurpose, token: unknown, now: Date) {
  if (typeof token !== "string" || !TOKEN_SHAPE.test(token)) return null;
  const [row] = await db
    .select({ tokenId: passwordTokens.id, personId: people.id, name: people.name, email: people.email })
    .from(passwordTokens)
    .innerJoin(people, eq(people.id, passwordTokens.personId))
    .where(
      and(
        eq(passwordTokens.tokenHash, hashToken(token)),
        eq(passwordTokens.purpose, purpose),
        open(now),
        eq(people.active, true),
      ),
    );
  return row ?? null;
}

const sameAsEmail = (password: string, email: string) => password.trim().toLowerCase() === email.toLowerCase();
const notEmail = () => new RuleViolation("Your password must not be your email address.", "password");

export type UseTokenResult = { ok: true; personId: string } | { ok: false };

/**
 * Sets the password through a link: the token is marked used in the same statement that checks it is
 * open, so two submits of one form set it once. Every session of the person ends; the caller starts
 * a new one. Throws RuleViolation when the password is their email.
 */
export async function usePasswordToken(
  db: Database,
  purpose: PasswordTokenPurpose,
  token: unknown,
  password: string,
  now: Date,
  origin: SecurityOrigin = {},
): Promise<UseTokenResult> {
  const found = await findPasswordToken(db, purpose, token, now);
  if (!found) return { ok: false };
  if (sameAsEmail(password, found.email)) throw notEmail();
  const passwordHash = await hashPassword(password);
  return db.transaction(async (tx) => {
    const [used] = await tx
      .update(passwordTokens)
      .set({ usedAt: now })
      .where(and(eq(passwordTokens.id, found.tokenId), open(now)))
      .returning({ personId: passwordTokens.personId });
    if (!used) return { ok: false } as const;
    const [person] = await tx
      .update(people)
      .set({ passwordHash, updatedAt: now })
      .where(and(eq(people.id, used.personId), eq(people.active, true)))
      .returning({ id: people.id });
    if (!person) return { ok: false } as const;
    // Any other open link of theirs (an invitation and a reset both sent) is spent too.
    await tx
      .update(passwordTokens)
      .set({ revokedAt: now })
      .where(and(eq(passwordTokens.personId, person.id), open(now)));
    const revoked = await revokeAllSessions(tx, person.id, now);
    await recordSecurityEvent(
      tx,
      {
        kind: purpose === "invite" ? "invitation.accepted" : "password.reset",
        actorId: person.id,
        subjectId: person.id,
        detail: { revoked },
        ...origin,
      },
      now,
    );
    return { ok: true, personId: person.id } as const;
  });
}

/**
 * The settings page: the current password proves it is them, not someone at an unlocked screen.
 * Every other session ends; `keepSessionId` (the one in use) stays. Throws RuleViolation on the
 * current-password field when it does not match.
 */
export async function changePassword(
  db: Database,
  personId: string,
  input: { currentPassword: string; password: string },
  keepSessionId: string,
  now: Date,
  origin: SecurityOrigin = {},
): Promise<void> {
  const [person] = await db
    .select({ email: people.email, passwordHash: people.passwordHash })
    .from(people)
    .where(and(eq(people.id, personId), eq(people.active, true)));
  if (!person) throw new RecordNotFound();
  if (!person.passwordHash || !(await verifyPassword(input.currentPassword, person.passwordHash))) {
    throw new RuleViolation("That is not your current password.", "currentPassword");
  }
  if (sameAsEmail(input.password, person.email)) throw notEmail();
  const passwordHash = await hashPassword(input.password);
  await db.transaction(async (tx) => {
    await tx.update(people).set({ passwordHash, updatedAt: now }).where(eq(people.id, personId));
    await tx
      .update(passwordTokens)
      .set({ revokedAt: now })
      .where(and(eq(passwordTokens.personId, personId), open(now)));
    const revoked = await revokeOtherSessions(tx, personId, keepSessionId, now);
    await recordSecurityEvent(
      tx,
      { kind: "password.changed", actorId: personId, subjectId: personId, detail: { revoked }, ...origin },
      now,
    );
  });
}

/** Whether the person has a password (so has been able to sign in), for the admin's person page. */
export async function hasPassword(db: Database, viewer: Viewer, personId: string): Promise<boolean> {
  requireAdmin(viewer);
  if (!isRecordId(personId)) return false;
  const [row] = await db
    .select({ set: sql<boolean>`${people.passwordHash} is not null` })
    .from(people)
    .where(eq(people.id, personId));
  return row?.set ?? false;
}

/** Whether the signed-in person has a password to change (someone who signs in with single sign-on may not). */
export async function ownPasswordIsSet(db: Database, personId: string): Promise<boolean> {
  const [row] = await db
    .select({ set: sql<boolean>`${people.passwordHash} is not null` })
    .from(people)
    .where(eq(people.id, personId));
  return row?.set ?? false;
}
