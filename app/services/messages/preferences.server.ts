// Which messages a person gets (the /settings form) and the one-click unsubscribe links in them
// (RFC 8058). See docs/decisions/037-reminders-and-digest.md.
import { createHash, randomBytes } from "node:crypto";
import { and, eq, isNull, lt, sql } from "drizzle-orm";
import { messagePreferences, unsubscribeTokens } from "#db/schema";
import type { MessageKind } from "~/domain/enums";
import { DEFAULT_PREFERENCES, KIND_PREFERENCE, LEAD_TIMES, type MessagePreferences } from "~/domain/messages";
import type { Database } from "../db.server";
import { RuleViolation } from "../errors.server";

export async function getMessagePreferences(db: Database, personId: string): Promise<MessagePreferences> {
  const [row] = await db.select().from(messagePreferences).where(eq(messagePreferences.personId, personId));
  if (!row) return { ...DEFAULT_PREFERENCES };
  const { personId: _p, version: _v, updatedAt: _u, ...preferences } = row;
  return preferences;
}

function check(preferences: MessagePreferences): void {
  const leads: readonly number[] = LEAD_TIMES;
  if (!leads.includes(preferences.reportLeadMinutes))
    throw new RuleViolation("Choose one of the lead times offered.", "reportLeadMinutes");
  if (!leads.includes(preferences.managerLeadMinutes))
    throw new RuleViolation("Choose one of the lead times offered.", "managerLeadMinutes");
  if (!Number.isInteger(preferences.digestWeekday) || preferences.digestWeekday < 1 || preferences.digestWeekday > 7)
    throw new RuleViolation("Choose a day of the week.", "digestWeekday");
  if (!Number.isInteger(preferences.digestHour) || preferences.digestHour < 0 || preferences.digestHour > 23)
    throw new RuleViolation("Choose an hour between 00:00 and 23:00.", "digestHour");
}

/** Saves all of a person's choices at once (the form sends every field). */
export async function saveMessagePreferences(
  db: Database,
  personId: string,
  preferences: MessagePreferences,
  now: Date,
): Promise<void> {
  check(preferences);
  await db
    .insert(messagePreferences)
    .values({ personId, ...preferences, updatedAt: now })
    .onConflictDoUpdate({
      target: messagePreferences.personId,
      set: { ...preferences, updatedAt: now, version: sql`${messagePreferences.version} + 1` },
    });
}

/** Turns one kind of message off, keeping every other choice. */
export async function turnOff(db: Database, personId: string, kind: MessageKind, now: Date): Promise<void> {
  const column = KIND_PREFERENCE[kind];
  await db
    .insert(messagePreferences)
    .values({ personId, ...DEFAULT_PREFERENCES, [column]: false, updatedAt: now })
    .onConflictDoUpdate({
      target: messagePreferences.personId,
      set: { [column]: false, updatedAt: now, version: sql`${messagePreferences.version} + 1` },
    });
}

const hash = (token: string) => createHash("sha256").update(token).digest("hex");
/** 32 random bytes, base64url: 43 characters. The path's shape is checked before the database is asked. */
export const UNSUBSCRIBE_TOKEN = /^[A-Za-z0-9_-]{43}$/;

/** A new one-click link's token for one person and kind of message; only its hash is stored. */
export async function issueUnsubscribeToken(
  db: Database,
  personId: string,
  kind: MessageKind,
  now: Date,
): Promise<string> {
  const token = randomBytes(32).toString("base64url");
  await db.insert(unsubscribeTokens).values({ personId, kind, tokenHash: hash(token), createdAt: now });
  return token;
}

export interface UnsubscribeLink {
  personId: string;
  kind: MessageKind;
  usedAt: Date | null;
}

/** What a token is for, or null when it is not one of ours (a wrong or forgotten token). */
export async function findUnsubscribeToken(db: Database, token: string | undefined): Promise<UnsubscribeLink | null> {
  if (!token || !UNSUBSCRIBE_TOKEN.test(token)) return null;
  const [row] = await db
    .select({ personId: unsubscribeTokens.personId, kind: unsubscribeTokens.kind, usedAt: unsubscribeTokens.usedAt })
    .from(unsubscribeTokens)
    .where(eq(unsubscribeTokens.tokenHash, hash(token)));
  return row ?? null;
}

/**
 * Unsubscribes the token's person from the token's kind of message. Using a link again answers the
 * same (it is still off, or off again if they turned it back on since: the link says what it does).
 */
export async function unsubscribe(db: Database, token: string | undefined, now: Date): Promise<UnsubscribeLink | null> {
  const link = await findUnsubscribeToken(db, token);
  if (!link) return null;
  await db.transaction(async (tx) => {
    await turnOff(tx, link.personId, link.kind, now);
    await tx
      .update(unsubscribeTokens)
      .set({ usedAt: now })
      .where(and(eq(unsubscribeTokens.tokenHash, hash(token!)), isNull(unsubscribeTokens.usedAt)));
  });
  return link;
}

/** Links in messages older than this stop working (a year: mail is kept and reread for a while). */
export const UNSUBSCRIBE_TOKEN_DAYS = 365;

export async function pruneUnsubscribeTokens(db: Database, now: Date): Promise<void> {
  await db
    .delete(unsubscribeTokens)
    .where(lt(unsubscribeTokens.createdAt, new Date(now.getTime() - UNSUBSCRIBE_TOKEN_DAYS * 86_400_000)));
}
