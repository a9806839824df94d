import { createHash, randomBytes } from "node:crypto";
import { and, desc, eq, gt, isNull, lt, ne } from "drizzle-orm";
import { people, sessions } from "#db/schema";
import type { Viewer } from "~/auth/policies";
import { describeBrowser } from "~/domain/user-agent";
import { isRecordId } from "~/utils/ids";
import type { Database } from "./db.server";
import { recordSecurityEvent, type SecurityOrigin } from "./security-log.server";
import { toViewer, viewerColumns } from "./viewer.server";

/**
 * Server-side sessions. A session is a row; the browser holds a random token
 * whose SHA-256 names the row, so the table alone signs nobody in. Sessions
 * last SESSION_DAYS from sign-in (not sliding: the cookie's Max-Age is set
 * once, at sign-in) unless revoked first.
 */

export const SESSION_DAYS = 14;
const SESSION_MS = SESSION_DAYS * 24 * 60 * 60 * 1000;
/** Last seen is touched at most this often: a write per request would cost every page its throughput. */
export const TOUCH_EVERY_MS = 5 * 60 * 1000;
const USER_AGENT_MAX = 256;
const ADDRESS_MAX = 64;

/** 256 random bits, base64url: 43 characters. */
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

/** At most `max` characters, never splitting one in two. */
function clip(value: string | null | undefined, max: number): string | null {
  if (!value) return null;
  const chars = Array.from(value);
  return chars.length > max ? chars.slice(0, max).join("") : value;
}

export interface NewSession {
  personId: string;
  userAgent?: string | null;
  clientAddress?: string | null;
}

/**
 * Starts a session and returns its token, which only the caller ever sees.
 * Sessions that have expired are deleted on the way (revoked ones expire too),
 * so the table holds at most SESSION_DAYS of sign-ins.
 */
export async function createSession(
  db: Database,
  input: NewSession,
  now = new Date(),
): Promise<{ id: string; token: string; expiresAt: Date }> {
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(now.getTime() + SESSION_MS);
  await db.delete(sessions).where(lt(sessions.expiresAt, now));
  const [row] = await db
    .insert(sessions)
    .values({
      tokenHash: hashToken(token),
      personId: input.personId,
      createdAt: now,
      lastSeenAt: now,
      expiresAt,
      userAgent: clip(input.userAgent, USER_AGENT_MAX),
      clientAddress: clip(input.clientAddress, ADDRESS_MAX),
    })
    .returning({ id: sessions.id });
  return { id: row!.id, token, expiresAt };
}

const live = (now: Date) => and(isNull(sessions.revokedAt), gt(sessions.expiresAt, now));

/**
 * The live session a token names, with its person as a viewer and the zone
 * they read times in, in one query:
 * not revoked, not expired, the person still active. Touches last seen when
 * it is older than TOUCH_EVERY_MS.
 */
export async function findSession(
  db: Database,
  token: unknown,
  now = new Date(),
): Promise<{ id: string; viewer: Viewer; timeZone: string } | null> {
  if (typeof token !== "string" || !TOKEN_SHAPE.test(token)) return null;
  const [row] = await db
    .select({ sessionId: sessions.id, lastSeenAt: sessions.lastSeenAt, timeZone: people.timeZone, ...viewerColumns })
    .from(sessions)
    .innerJoin(people, eq(people.id, sessions.personId))
    .where(and(eq(sessions.tokenHash, hashToken(token)), live(now), eq(people.active, true)));
  if (!row) return null;
  const stale = new Date(now.getTime() - TOUCH_EVERY_MS);
  if (row.lastSeenAt < stale) {
    // Conditional, so that concurrent requests of one browser write it once.
    await db
      .update(sessions)
      .set({ lastSeenAt: now })
      .where(and(eq(sessions.id, row.sessionId), lt(sessions.lastSeenAt, stale)));
  }
  return { id: row.sessionId, viewer: toViewer(row), timeZone: row.timeZone };
}

/** Ends the session a token names (signing out). Unknown or malformed tokens end nothing. */
export async function revokeSessionByToken(db: Database, token: unknown, now = new Date()): Promise<void> {
  if (typeof token !== "string" || !TOKEN_SHAPE.test(token)) return;
  await db
    .update(sessions)
    .set({ revokedAt: now })
    .where(and(eq(sessions.tokenHash, hashToken(token)), isNull(sessions.revokedAt)));
}

/** Ends one of a person's sessions (another browser, from the settings page); false when it is not theirs or not live. */
export async function revokeSession(
  db: Database,
  personId: string,
  sessionId: string,
  now = new Date(),
): Promise<boolean> {
  if (!isRecordId(sessionId)) return false;
  const ended = await db
    .update(sessions)
    .set({ revokedAt: now })
    .where(and(eq(sessions.id, sessionId), eq(sessions.personId, personId), live(now)))
    .returning({ id: sessions.id });
  return ended.length > 0;
}

/** Every session of the person but the one they are using: after a password change. Returns how many ended. */
export async function revokeOtherSessions(
  db: Database,
  personId: string,
  keepSessionId: string,
  now = new Date(),
): Promise<number> {
  // Keeping nobody's session is the safe reading of a malformed id.
  if (!isRecordId(keepSessionId)) return revokeAllSessions(db, personId, now);
  const ended = await db
    .update(sessions)
    .set({ revokedAt: now })
    .where(and(eq(sessions.personId, personId), ne(sessions.id, keepSessionId), live(now)))
    .returning({ id: sessions.id });
  return ended.length;
}

/** Every session of the person: deactivation, a password reset, "sign out everywhere". Returns how many ended. */
export async function revokeAllSessions(db: Database, personId: string, now = new Date()): Promise<number> {
  const ended = await db
    .update(sessions)
    .set({ revokedAt: now })
    .where(and(eq(sessions.personId, personId), live(now)))
    .returning({ id: sessions.id });
  return ended.length;
}

export interface ActiveSession {
  id: string;
  /** Such as "Firefox on macOS". */
  browser: string;
  userAgent: string | null;
  clientAddress: string | null;
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
}

/** The person's live sessions, most recently seen first. */
export async function listActiveSessions(db: Database, personId: string, now = new Date()): Promise<ActiveSession[]> {
  const rows = await db
    .select({
      id: sessions.id,
      userAgent: sessions.userAgent,
      clientAddress: sessions.clientAddress,
      createdAt: sessions.createdAt,
      lastSeenAt: sessions.lastSeenAt,
      expiresAt: sessions.expiresAt,
    })
    .from(sessions)
    .where(and(eq(sessions.personId, personId), live(now)))
    .orderBy(desc(sessions.lastSeenAt), desc(sessions.createdAt));
  return rows.map((row) => ({ ...row, browser: describeBrowser(row.userAgent) }));
}

/** Signing out: the token's session ends and the security log says who signed out. */
export async function signOut(db: Database, token: unknown, origin: SecurityOrigin, now = new Date()): Promise<void> {
  const current = await findSession(db, token, now);
  await revokeSessionByToken(db, token, now);
  if (current) {
    const who = current.viewer.id;
    await recordSecurityEvent(db, { kind: "sign-out", actorId: who, subjectId: who, ...origin }, now);
  }
}

/** "Sign out everywhere", logged in the same transaction. Returns how many sessions ended. */
export async function signOutEverywhere(
  db: Database,
  personId: string,
  origin: SecurityOrigin,
  now = new Date(),
): Promise<number> {
  return db.transaction(async (tx) => {
    const revoked = await revokeAllSessions(tx, personId, now);
    await recordSecurityEvent(
      tx,
      { kind: "sign-out.everywhere", actorId: personId, subjectId: personId, ...origin, detail: { revoked } },
      now,
    );
    return revoked;
  });
}
