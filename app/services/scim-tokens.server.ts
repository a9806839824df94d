import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { and, desc, eq, isNull, lt, or, sql } from "drizzle-orm";
import { people, personRoles, scimTokens } from "#db/schema";
import { allows } from "~/auth/authorize.server";
import type { Viewer } from "~/auth/policies";
import { isRecordId } from "~/utils/ids";
import { recordAudit } from "./audit.server";
import { recordSecurityEvent, type SecurityOrigin } from "./security-log.server";
import type { Database } from "./db.server";
import { RecordNotFound } from "./errors.server";

/**
 * The bearer tokens identity providers provision people with. A token is
 * 256 random bits, shown once; the table keeps its SHA-256, so a copy of it
 * provisions nobody. A token acts for the admin who created it and only while
 * they are an active admin, so it never outlives the trust it was made with;
 * revoking it ends it at once. RAPPORT_SCIM_TOKEN configures one more, for
 * setups that cannot click through the admin page; it acts for nobody.
 */

/** Who is provisioning: the audit's actor is the token's creator, or nobody for the configured token. */
export interface ScimClient {
  tokenId: string | null;
  name: string;
  actorId: string | null;
  /** Where the provider's request came from, for the security log. */
  origin?: SecurityOrigin;
}

/** How the security log names a SCIM client that acts for nobody, or for someone. */
export const scimClientLabel = (client: Pick<ScimClient, "name">) => `SCIM token '${client.name}'`;

export const CONFIGURED_TOKEN_NAME = "RAPPORT_SCIM_TOKEN";
/** Last used is touched at most this often: a write per request would make every SCIM read a write. */
export const TOUCH_EVERY_MS = 5 * 60 * 1000;

const PREFIX = "rapport_scim_";
/** The prefix lets secret scanners recognise a leaked token; 32 random bytes, base64url, follow. */
const TOKEN_SHAPE = /^rapport_scim_[A-Za-z0-9_-]{43}$/;

const sha256 = (token: string) => createHash("sha256").update(token).digest();

/** The token's creator holds the admin role (granted, so in person_roles). */
const creatorIsAdmin = sql`exists (select 1 from ${personRoles} pr where pr.person_id = ${scimTokens.createdBy} and pr.role = 'admin')`;

function requireAdmin(viewer: Viewer) {
  if (!allows(viewer, "org:admin", null)) throw new RecordNotFound();
}

/** Creates a token and returns it: the only time anyone sees it. */
export async function createScimToken(
  db: Database,
  viewer: Viewer,
  input: { name: string },
  now = new Date(),
  origin: SecurityOrigin = {},
) {
  requireAdmin(viewer);
  const token = PREFIX + randomBytes(32).toString("base64url");
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(scimTokens)
      .values({ name: input.name, tokenHash: sha256(token).toString("hex"), createdBy: viewer.id, createdAt: now })
      .returning({ id: scimTokens.id, name: scimTokens.name });
    await recordAudit(tx, {
      actorId: viewer.id,
      subjectId: null,
      entity: "scim_token",
      entityId: row!.id,
      action: "create",
      changes: { name: [null, row!.name] },
    });
    await recordSecurityEvent(
      tx,
      { kind: "scim.token-created", actorId: viewer.id, ...origin, detail: { token: row!.name } },
      now,
    );
    return { id: row!.id, name: row!.name, token };
  });
}

export async function listScimTokens(db: Database, viewer: Viewer) {
  requireAdmin(viewer);
  return db
    .select({
      id: scimTokens.id,
      name: scimTokens.name,
      createdByName: people.name,
      createdAt: scimTokens.createdAt,
      lastUsedAt: scimTokens.lastUsedAt,
      revokedAt: scimTokens.revokedAt,
      /** Whether the token still works: its creator is an active admin. */
      creatorCanProvision: sql<boolean>`(${people.active} and ${creatorIsAdmin})`,
    })
    .from(scimTokens)
    .innerJoin(people, eq(people.id, scimTokens.createdBy))
    .orderBy(desc(scimTokens.createdAt), desc(scimTokens.id));
}

/** Ends a token. Revoking one already revoked changes nothing; an unknown id is a 404. */
export async function revokeScimToken(
  db: Database,
  viewer: Viewer,
  tokenId: string,
  now = new Date(),
  origin: SecurityOrigin = {},
) {
  requireAdmin(viewer);
  if (!isRecordId(tokenId)) throw new RecordNotFound();
  return db.transaction(async (tx) => {
    const [token] = await tx.select().from(scimTokens).where(eq(scimTokens.id, tokenId)).for("update");
    if (!token) throw new RecordNotFound();
    if (token.revokedAt) return;
    await tx.update(scimTokens).set({ revokedAt: now }).where(eq(scimTokens.id, tokenId));
    await recordAudit(tx, {
      actorId: viewer.id,
      subjectId: null,
      entity: "scim_token",
      entityId: tokenId,
      action: "revoke",
      changes: { revokedAt: [null, now.toISOString()] },
    });
    await recordSecurityEvent(
      tx,
      { kind: "scim.token-revoked", actorId: viewer.id, ...origin, detail: { token: token.name } },
      now,
    );
  });
}

/**
 * The client a presented bearer token names, or null: not ours, revoked, or
 * its creator no longer an active admin. The configured token is compared by
 * hash in constant time; a created one is found by its hash's unique index.
 */
export async function authenticateScimToken(
  db: Database,
  presented: string,
  options: { configuredToken?: string; now?: Date; origin?: SecurityOrigin } = {},
): Promise<ScimClient | null> {
  const now = options.now ?? new Date();
  const origin = options.origin ?? {};
  const withOrigin = options.origin ? { origin } : {};
  const hash = sha256(presented);
  if (options.configuredToken && timingSafeEqual(hash, sha256(options.configuredToken))) {
    // The configured token has no row to remember its last use by, so its use is not logged: its changes are.
    return { tokenId: null, name: CONFIGURED_TOKEN_NAME, actorId: null, ...withOrigin };
  }
  if (!TOKEN_SHAPE.test(presented)) return null;
  const [row] = await db
    .select({
      id: scimTokens.id,
      name: scimTokens.name,
      createdBy: scimTokens.createdBy,
      lastUsedAt: scimTokens.lastUsedAt,
    })
    .from(scimTokens)
    .innerJoin(people, eq(people.id, scimTokens.createdBy))
    .where(
      and(
        eq(scimTokens.tokenHash, hash.toString("hex")),
        isNull(scimTokens.revokedAt),
        eq(people.active, true),
        creatorIsAdmin,
      ),
    );
  if (!row) return null;
  const stale = new Date(now.getTime() - TOUCH_EVERY_MS);
  if (!row.lastUsedAt || row.lastUsedAt < stale) {
    // Conditional, so that a provider's parallel requests write it once; the log takes a use as often as last used moves.
    await db.transaction(async (tx) => {
      const touched = await tx
        .update(scimTokens)
        .set({ lastUsedAt: now })
        .where(and(eq(scimTokens.id, row.id), or(isNull(scimTokens.lastUsedAt), lt(scimTokens.lastUsedAt, stale))))
        .returning({ id: scimTokens.id });
      if (touched.length) {
        await recordSecurityEvent(
          tx,
          {
            kind: "scim.token-used",
            actorId: row.createdBy,
            actorLabel: scimClientLabel(row),
            ...origin,
            detail: { token: row.name },
          },
          now,
        );
      }
    });
  }
  return { tokenId: row.id, name: row.name, actorId: row.createdBy, ...withOrigin };
}
