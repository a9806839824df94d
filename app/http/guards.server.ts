import { redirect, type AppLoadContext } from "@remix-run/node";
import { allows } from "~/auth/authorize.server";
import {
  refusalReasons,
  type AccountRecord,
  type Action,
  type can,
  type MeetingRecord,
  type Viewer,
} from "~/auth/policies";
import { loadAccountHead } from "~/services/account.server";
import { loadCommitmentSubject } from "~/services/commitments.server";
import { getDb, type Database } from "~/services/db.server";
import { loadMeeting } from "~/services/meetings.server";
import { loadPerson, loadSubject } from "~/services/subjects.server";
import { authenticateScimToken, type ScimClient } from "~/services/scim-tokens.server";
import { authenticateCalendarFeed, loadPair, type FeedReader } from "~/services/calendar-feeds.server";
import { env } from "~/env.server";
import { forbidden, notFound } from "./errors.server";
import { bearerToken, scimUnauthorized } from "./scim.server";
import { clientAddress } from "./request.server";
import { getCurrentSession, getViewer } from "./session.server";

/**
 * Every loader and action starts with one of these guards: signed in, the
 * record's facts loaded, the policy asked. Each returns what the route goes on
 * with. Someone else's account, 1:1 or commitment answers 404 like a missing
 * one, since a 403 would confirm that it exists; the admin and HR pages are no
 * secret and answer 403. The SCIM service signs in no person: its guard takes
 * a bearer token. tests/routes-guarded.test.ts holds every route to this.
 */

type RecordFor<A extends Action> = Parameters<typeof can<A>>[2];
/** The actions whose rule decides from exactly this kind of record. */
type ActionOn<R> = { [A in Action]: RecordFor<A> extends R ? (R extends RecordFor<A> ? A : never) : never }[Action];

/**
 * Refuses unless the policy allows. `hide` answers 404 instead of 403 where
 * even a refusal would tell that the record exists (someone else's account).
 */
function authorize<A extends Action>(
  viewer: Viewer,
  action: A,
  record: RecordFor<A>,
  { hide = false }: { hide?: boolean } = {},
): void {
  if (!allows(viewer, action, record)) throw hide ? notFound() : forbidden();
}

function found<T>(record: T | null): T {
  if (!record) throw notFound();
  return record;
}

/** Signed in, or sent to sign in and brought back here afterwards. No session, no data. */
export async function requireViewer(request: Request): Promise<{ viewer: Viewer; db: Database }> {
  const viewer = await getViewer(request);
  if (!viewer) {
    const url = new URL(request.url);
    const back = url.pathname + url.search;
    const query = back && back !== "/" ? `?${new URLSearchParams({ redirectTo: back })}` : "";
    throw redirect(`/sign-in${query}`);
  }
  return { viewer, db: await getDb() };
}

/** The viewer's own account, for the pages under /me: they act on nobody else's. */
export async function requireSelf(request: Request) {
  const { viewer, db } = await requireViewer(request);
  const subject = found(await loadSubject(db, viewer.id));
  return { viewer, db, subject };
}

/**
 * "Download your data" (ADR 042): the viewer's own file, asked of the policy (data:export) like any other
 * record. The address names nobody, so a manager, HR or an admin who opens it gets their own data, never
 * someone else's.
 */
export async function requireOwnData(request: Request) {
  const { viewer, db, subject } = await requireSelf(request);
  authorize(viewer, "data:export", { subject }, { hide: true });
  return { viewer, db };
}

/** /me/privacy: the receipts of reads about the viewer, which are theirs alone (ADR 041). */
export async function requireOwnPrivacy(request: Request) {
  const guarded = await requireSelf(request);
  authorize(guarded.viewer, "privacy:read", { subject: guarded.subject });
  return guarded;
}

/** The org chart's pages. */
export async function requireAdmin(request: Request) {
  const guarded = await requireViewer(request);
  authorize(guarded.viewer, "org:admin", null);
  return guarded;
}

/** The sealed organisation backup (ADR 045): admins only, asked of its own policy row. */
export async function requireBackupAdmin(request: Request) {
  const guarded = await requireViewer(request);
  authorize(guarded.viewer, "org:backup", null);
  return guarded;
}

/** The engagement trends by team: HR's, never a person's answers. */
export async function requireTrendsReader(request: Request) {
  const guarded = await requireViewer(request);
  authorize(guarded.viewer, "trends:read", null);
  return guarded;
}

/** A manager's own line in aggregate; the refusal says why there is nothing to show. */
export async function requireLineManager(request: Request) {
  const guarded = await requireViewer(request);
  if (!allows(guarded.viewer, "trends:read-line", null))
    throw forbidden(refusalReasons["trends:read-line"](guarded.viewer));
  return guarded;
}

/** Someone's account (their subject and name) under an account-level rule: risks, checklist, rhythm, proposals. */
export async function requireAccount(request: Request, personId: string | undefined, action: ActionOn<AccountRecord>) {
  const { viewer, db } = await requireViewer(request);
  const { subject, person } = found(await loadPerson(db, personId ?? ""));
  authorize(viewer, action, { subject }, { hide: true });
  return { viewer, db, subject, person };
}

/** requireAccount for the account page itself, whose head (team, manager, rhythm) comes in the same query. */
export async function requireAccountHead(
  request: Request,
  personId: string | undefined,
  action: ActionOn<AccountRecord>,
) {
  const { viewer, db } = await requireViewer(request);
  const { subject, person } = found(await loadAccountHead(db, personId ?? ""));
  authorize(viewer, action, { subject }, { hide: true });
  return { viewer, db, subject, person };
}

/** A 1:1, with the notes the viewer may read. */
export async function requireMeeting(request: Request, meetingId: string | undefined, action: ActionOn<MeetingRecord>) {
  const { viewer, db } = await requireViewer(request);
  const loaded = found(await loadMeeting(db, meetingId ?? "", viewer.id));
  authorize(viewer, action, loaded.record, { hide: true });
  return { viewer, db, loaded };
}

/**
 * A 1:1's live stream (ADR 039): the same rule as reading it, but no session answers 403 rather than a
 * redirect to sign in, which an EventSource cannot follow. `stillAllowed` asks again (the session still
 * live, the reader still one of the pair) so the stream ends when the session or the access does.
 */
export async function requireMeetingStream(request: Request, meetingId: string | undefined) {
  const signedIn = await getViewer(request);
  if (!signedIn) throw forbidden("Sign in to follow this 1:1.");
  const db = await getDb();
  const loaded = found(await loadMeeting(db, meetingId ?? "", signedIn.id));
  authorize(signedIn, "meeting:read", loaded.record, { hide: true });
  const stillAllowed = async (): Promise<boolean> => {
    const viewer = await getViewer(request);
    if (viewer?.id !== signedIn.id) return false;
    const now = await loadMeeting(await getDb(), loaded.meeting.id, viewer.id);
    return now !== null && allows(viewer, "meeting:read", now.record);
  };
  return { viewer: signedIn, loaded, stillAllowed };
}

/** A change commitment, by its report's account. */
export async function requireCommitment(
  request: Request,
  commitmentId: string | undefined,
  action: Extract<ActionOn<AccountRecord>, `commitment:${string}`>,
) {
  const { viewer, db } = await requireViewer(request);
  const subject = found(await loadCommitmentSubject(db, commitmentId ?? ""));
  authorize(viewer, action, { subject }, { hide: true });
  return { viewer, db, subject, commitmentId: commitmentId ?? "" };
}

/**
 * A pair's lasting link (/one-on-ones/<pair id>): authorized as a 1:1 of
 * theirs is, so only the report and their current manager of that pair get
 * past it; to anyone else it does not exist.
 */
export async function requirePair(request: Request, pairId: string | undefined) {
  const { viewer, db } = await requireViewer(request);
  const loaded = found(await loadPair(db, pairId ?? ""));
  authorize(viewer, "meeting:read", loaded.record, { hide: true });
  return { viewer, db, loaded };
}

/**
 * A calendar app fetching someone's feed, by the token in its URL (ADR 038).
 * Calendar apps carry no session, so the cookie is never read: the token alone
 * names the reader. A wrong, rotated or turned-off token is a plain 404, the
 * same as any path that is not there.
 */
export async function requireCalendarFeed(token: string | undefined): Promise<{ reader: FeedReader; db: Database }> {
  const db = await getDb();
  const reader = await authenticateCalendarFeed(db, token ?? "");
  if (!reader) throw notFound();
  return { reader, db };
}

/**
 * An identity provider, by the bearer token in its Authorization header: one
 * an admin created, or RAPPORT_SCIM_TOKEN. The session cookie is never read,
 * so a browser signed in as an admin gets nothing here. Anything else is a
 * 401 in SCIM's error form.
 */
export async function requireScimClient(
  request: Request,
  context?: AppLoadContext,
): Promise<{ client: ScimClient; db: Database }> {
  const presented = bearerToken(request.headers.get("Authorization"));
  if (!presented) throw scimUnauthorized();
  const db = await getDb();
  const origin = {
    address: context ? clientAddress(request, context) : null,
    userAgent: request.headers.get("User-Agent"),
  };
  const client = await authenticateScimToken(db, presented, { configuredToken: env().RAPPORT_SCIM_TOKEN, origin });
  if (!client) throw scimUnauthorized();
  return { client, db };
}

/**
 * Signed in, with the session in use: the settings page marks "this browser" and keeps it on a password
 * change, and shows the zone the viewer reads times in.
 */
export async function requireViewerSession(
  request: Request,
): Promise<{ viewer: Viewer; db: Database; sessionId: string; timeZone: string }> {
  const current = await getCurrentSession(request);
  if (!current) {
    await requireViewer(request);
    throw redirect("/sign-in");
  }
  return { viewer: current.viewer, db: await getDb(), sessionId: current.id, timeZone: current.timeZone };
}
