import { and, desc, eq, gte, lt, or, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { people, securityEvents } from "#db/schema";
import type { SecurityEventKind, SecurityOutcome } from "~/domain/enums";
import { SECURITY_EVENT_KINDS } from "~/domain/enums";
import { isRecordId } from "~/utils/ids";
import type { Database } from "./db.server";
import { toCsv } from "./trends/csv.server";

/**
 * The security log: an append-only stream of security events, apart from the
 * per-record audit trail. Nothing here updates or deletes a row; rows are kept
 * at least 400 days (the app has no pruning at all yet). A row never holds a
 * password, a token or note text: `detail` keeps only the allow-listed keys
 * below, with short scalar values, and a typed e-mail is kept only when it
 * looks like one (a password pasted in the wrong field does not).
 */

/** Where a request came from. */
export interface SecurityOrigin {
  address?: string | null;
  userAgent?: string | null;
}

/** The keys `detail` may hold; anything else is dropped before it is written. */
export const DETAIL_KEYS = [
  "reason",
  "method",
  "role",
  "roles",
  "from",
  "to",
  "count",
  "created",
  "updated",
  "teams",
  "revoked",
  "token",
  "filter",
  "fields",
] as const;
type DetailKey = (typeof DETAIL_KEYS)[number];
export type SecurityDetail = Partial<Record<DetailKey, string | number | boolean | null>>;

export interface SecurityEventInput extends SecurityOrigin {
  kind: SecurityEventKind;
  outcome?: SecurityOutcome;
  actorId?: string | null;
  actorLabel?: string | null;
  subjectId?: string | null;
  detail?: SecurityDetail;
}

const MAX_DETAIL_VALUE = 200;
const EMAIL_SHAPE = /^[^\s@]{1,64}@[^\s@]+\.[^\s@]{2,}$/;

/** A typed e-mail as the log keeps it: normalised if it looks like an address, else nothing of what was typed. */
export function typedEmailLabel(typed: string): string {
  const email = typed.trim().toLowerCase();
  return EMAIL_SHAPE.test(email) && email.length <= 160 ? email : "(not an address)";
}

function cleanDetail(detail: SecurityDetail | undefined): Record<string, string | number | boolean | null> {
  const clean: Record<string, string | number | boolean | null> = {};
  for (const key of DETAIL_KEYS) {
    const value = detail?.[key];
    if (value === undefined) continue;
    clean[key] = typeof value === "string" ? value.slice(0, MAX_DETAIL_VALUE) : value;
  }
  return clean;
}

const clip = (value: string | null | undefined, max: number) => (value ? value.slice(0, max) : null);

/**
 * Appends one event. Call it inside the transaction that made the change, so
 * the change and its record stand or fall together.
 */
export async function recordSecurityEvent(db: Database, event: SecurityEventInput, now = new Date()): Promise<void> {
  await db.insert(securityEvents).values({
    at: now,
    kind: event.kind,
    outcome: event.outcome ?? "success",
    actorId: event.actorId ?? null,
    actorLabel: clip(event.actorLabel, 160),
    subjectId: event.subjectId ?? null,
    clientAddress: clip(event.address, 64),
    userAgent: clip(event.userAgent, 256),
    detail: cleanDetail(event.detail),
  });
}

export interface SecurityLogFilter {
  kind?: SecurityEventKind;
  /** Actor or subject. */
  personId?: string;
  /** Inclusive, YYYY-MM-DD (UTC). */
  from?: string;
  /** Inclusive, YYYY-MM-DD (UTC). */
  to?: string;
}

export const PAGE_SIZE = 50;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The filter a query string names; anything malformed is left out rather than refused. */
export function readSecurityLogFilter(params: URLSearchParams): SecurityLogFilter {
  const filter: SecurityLogFilter = {};
  const kind = params.get("kind");
  if (kind && (SECURITY_EVENT_KINDS as readonly string[]).includes(kind)) filter.kind = kind as SecurityEventKind;
  const person = params.get("person");
  if (person && isRecordId(person)) filter.personId = person;
  for (const key of ["from", "to"] as const) {
    const value = params.get(key);
    if (value && DAY.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`))) filter[key] = value;
  }
  return filter;
}

/** A page's position: the (at, id) of the last row shown. */
export interface SecurityLogCursor {
  at: Date;
  id: string;
}

export function encodeCursor(cursor: SecurityLogCursor): string {
  return `${cursor.at.toISOString()}_${cursor.id}`;
}

export function decodeCursor(value: string | null): SecurityLogCursor | null {
  if (!value) return null;
  const [at, id] = value.split("_");
  if (!at || !id || !isRecordId(id)) return null;
  const date = new Date(at);
  return Number.isNaN(date.getTime()) ? null : { at: date, id };
}

function conditions(filter: SecurityLogFilter, cursor: SecurityLogCursor | null): SQL | undefined {
  const where: (SQL | undefined)[] = [];
  if (filter.kind) where.push(eq(securityEvents.kind, filter.kind));
  if (filter.personId)
    where.push(or(eq(securityEvents.actorId, filter.personId), eq(securityEvents.subjectId, filter.personId)));
  if (filter.from) where.push(gte(securityEvents.at, new Date(`${filter.from}T00:00:00Z`)));
  if (filter.to) where.push(lt(securityEvents.at, new Date(new Date(`${filter.to}T00:00:00Z`).getTime() + 86_400_000)));
  if (cursor) {
    where.push(
      or(lt(securityEvents.at, cursor.at), and(eq(securityEvents.at, cursor.at), lt(securityEvents.id, cursor.id))),
    );
  }
  return and(...where);
}

const actor = alias(people, "actor");
const subject = alias(people, "subject");

function selectRows(db: Database, filter: SecurityLogFilter, cursor: SecurityLogCursor | null, limit: number) {
  return db
    .select({
      id: securityEvents.id,
      at: securityEvents.at,
      kind: securityEvents.kind,
      outcome: securityEvents.outcome,
      actorId: securityEvents.actorId,
      actorName: actor.name,
      actorLabel: securityEvents.actorLabel,
      subjectId: securityEvents.subjectId,
      subjectName: subject.name,
      clientAddress: securityEvents.clientAddress,
      userAgent: securityEvents.userAgent,
      detail: securityEvents.detail,
    })
    .from(securityEvents)
    .leftJoin(actor, eq(actor.id, securityEvents.actorId))
    .leftJoin(subject, eq(subject.id, securityEvents.subjectId))
    .where(conditions(filter, cursor))
    .orderBy(desc(securityEvents.at), desc(securityEvents.id))
    .limit(limit);
}

export type SecurityLogRow = Awaited<ReturnType<typeof selectRows>>[number];

/** One page, newest first, and the cursor of the next one if there is more. Admins only (the route's guard). */
export async function listSecurityEvents(
  db: Database,
  filter: SecurityLogFilter,
  cursor: SecurityLogCursor | null,
  pageSize = PAGE_SIZE,
): Promise<{ rows: SecurityLogRow[]; next: string | null }> {
  const rows = await selectRows(db, filter, cursor, pageSize + 1);
  const more = rows.length > pageSize;
  const page = more ? rows.slice(0, pageSize) : rows;
  const last = page[page.length - 1];
  return { rows: page, next: more && last ? encodeCursor(last) : null };
}

/** The most rows one export holds; a wider one is narrowed by its filter. */
export const EXPORT_LIMIT = 50_000;

/** Every row the filter matches (up to EXPORT_LIMIT), as CSV. */
export async function securityLogCsv(db: Database, filter: SecurityLogFilter): Promise<string> {
  const rows = await selectRows(db, filter, null, EXPORT_LIMIT);
  const lines = [
    ["time", "kind", "outcome", "actor", "actor_id", "subject", "subject_id", "address", "user_agent", "detail"],
  ];
  for (const row of rows) {
    lines.push([
      row.at.toISOString(),
      row.kind,
      row.outcome,
      row.actorName ?? row.actorLabel ?? "",
      row.actorId ?? "",
      row.subjectName ?? "",
      row.subjectId ?? "",
      row.clientAddress ?? "",
      row.userAgent ?? "",
      Object.keys(row.detail).length ? JSON.stringify(row.detail) : "",
    ]);
  }
  return toCsv(lines);
}

/** A short description of a filter, for the export's own log entry. */
export function describeFilter(filter: SecurityLogFilter): string {
  return (
    Object.entries(filter)
      .map(([key, value]) => `${key}=${value}`)
      .join(" ") || "all"
  );
}

/** People for the filter's select: anyone who appears in the log. */
export async function securityLogPeople(db: Database) {
  return db
    .select({ id: people.id, name: people.name, email: people.email })
    .from(people)
    .where(
      sql`exists (select 1 from ${securityEvents} e where e.actor_id = ${people.id} or e.subject_id = ${people.id})`,
    )
    .orderBy(people.name);
}
