import { and, asc, eq, gt, sql } from "drizzle-orm";
import { actionItems, agendaTopics, meetingItemChecks, meetingNotes, meetings, meetingSeries } from "#db/schema";
import { allows } from "~/auth/authorize.server";
import type { Viewer } from "~/auth/policies";
import { addZonedDays } from "~/domain/time-zones";
import type { NoteVisibility } from "~/domain/enums";
import { recordAudit } from "./audit.server";
import type { Database } from "./db.server";
import { RecordNotFound, RuleViolation } from "./errors.server";
import { publishMeetingChange } from "./live/channel.server";
import { loadMeeting, type LoadedMeeting } from "./meetings.server";
import { lockMeetingRow, setTopicDiscussed } from "./topics.server";
import { lockVersioned, saveVersioned, versioned } from "./versioned-write.server";

const MEETING = versioned(meetings, "meeting");

function requireRunner(viewer: Viewer, loaded: LoadedMeeting) {
  if (!allows(viewer, "meeting:run", loaded.record)) throw new RecordNotFound();
}

/** Ticks an agenda item as discussed (or unticks it). Topic items also mark the topic itself. */
export async function setItemChecked(
  db: Database,
  viewer: Viewer,
  loaded: LoadedMeeting,
  itemKey: string,
  checked: boolean,
) {
  requireRunner(viewer, loaded);
  if (loaded.meeting.status !== "planned") throw new RuleViolation("This 1:1 is already finished.");
  await db.transaction(async (tx) => {
    if (checked) {
      await tx
        .insert(meetingItemChecks)
        .values({ meetingId: loaded.meeting.id, itemKey, checkedBy: viewer.id })
        .onConflictDoNothing();
    } else {
      await tx
        .delete(meetingItemChecks)
        .where(and(eq(meetingItemChecks.meetingId, loaded.meeting.id), eq(meetingItemChecks.itemKey, itemKey)));
    }
    const [kind, id] = itemKey.split(":");
    const topic =
      (kind === "report-topic" || kind === "manager-topic") && id
        ? await setTopicDiscussed(tx, loaded.meeting.id, id, checked)
        : null;
    // A risk, or a private topic, is on the manager's agenda alone: the report is not told it was ticked.
    const hidden = kind === "risk" || topic?.private === true;
    await publishMeetingChange(tx, loaded.meeting.id, "tick", hidden ? viewer.id : undefined);
  });
}

/** Shared notes are read by both; private notes by their author alone. */
export async function addNote(
  db: Database,
  viewer: Viewer,
  loaded: LoadedMeeting,
  input: { visibility: NoteVisibility; body: string },
) {
  if (!allows(viewer, "meeting:write", loaded.record)) throw new RecordNotFound();
  return db.transaction(async (tx) => {
    const [note] = await tx
      .insert(meetingNotes)
      .values({ meetingId: loaded.meeting.id, authorId: viewer.id, ...input })
      .returning({ id: meetingNotes.id });
    // A private note tells only its author's own pages; the other side hears nothing at all.
    await publishMeetingChange(tx, loaded.meeting.id, "note", input.visibility === "private" ? viewer.id : undefined);
    return note!;
  });
}

/** The notes this viewer may read: shared ones and their own private ones. Never anyone else's private note. */
export async function listNotes(db: Database, viewer: Viewer, loaded: LoadedMeeting) {
  if (!allows(viewer, "meeting:read", loaded.record)) return [];
  return (await loadMeeting(db, loaded.meeting.id, viewer.id))?.notes ?? [];
}

/**
 * A follow-up agreed in the 1:1, owned by the report or the manager. A
 * double click is caught by the form's key (writeOnce, ADR 031).
 */
export async function addActionItem(
  db: Database,
  viewer: Viewer,
  loaded: LoadedMeeting,
  input: { title: string; owner: "report" | "manager"; dueOn?: string },
) {
  if (!allows(viewer, "meeting:write", loaded.record)) throw new RecordNotFound();
  const { meeting } = loaded;
  const ownerId = input.owner === "report" ? meeting.reportId : meeting.managerId;
  return db.transaction(async (tx) => {
    await lockMeetingRow(tx, meeting.id);
    const [item] = await tx
      .insert(actionItems)
      .values({
        reportId: meeting.reportId,
        managerId: meeting.managerId,
        ownerId,
        meetingId: meeting.id,
        title: input.title,
        dueOn: input.dueOn ?? null,
        createdBy: viewer.id,
      })
      .returning({ id: actionItems.id });
    await recordAudit(tx, {
      actorId: viewer.id,
      subjectId: meeting.reportId,
      entity: "action_item",
      entityId: item!.id,
      action: "create",
      changes: { title: [null, input.title] },
    });
    await publishMeetingChange(tx, meeting.id, "follow-up");
    return item!;
  });
}

/**
 * Marks the 1:1 held and makes sure nothing promised is forgotten: open
 * action items count one more carry, and every topic not discussed moves to
 * the next planned 1:1 (planned from the pair's rhythm if there is none).
 */
export async function finishMeeting(db: Database, viewer: Viewer, loaded: LoadedMeeting, version: number, now: Date) {
  requireRunner(viewer, loaded);
  const { meeting } = loaded;
  return db.transaction(async (tx) => {
    const row = await lockVersioned(tx, MEETING, { id: meeting.id, expectedVersion: version });
    if (row.status !== "planned") throw new RuleViolation("This 1:1 was already finished or cancelled.");
    // The carrying comes first so the save's audit event can count it; the meeting is locked throughout.
    const next = await nextMeetingAfter(tx, row, now);
    const carriedTopics = await carryUndiscussedTopics(tx, meeting.id, next.id);
    const carried = await tx
      .update(actionItems)
      .set({ carriedCount: sql`${actionItems.carriedCount} + 1`, updatedAt: now })
      // Items agreed in this very 1:1 are new next time, not carried.
      .where(
        and(
          eq(actionItems.reportId, meeting.reportId),
          eq(actionItems.status, "open"),
          sql`${actionItems.meetingId} is distinct from ${meeting.id}`,
        ),
      )
      .returning({ id: actionItems.id });
    await saveVersioned(tx, MEETING, row, {
      set: { status: "held", heldAt: now },
      now,
      audit: {
        actorId: viewer.id,
        subjectId: meeting.reportId,
        action: "finish",
        changes: {
          status: ["planned", "held"],
          "topics carried": [null, carriedTopics],
          "action items carried": [null, carried.length],
        },
      },
    });
    await publishMeetingChange(tx, meeting.id, "meeting");
    return { nextMeetingId: next.id, carriedTopics, carriedActionItems: carried.length };
  });
}

/** Copies every topic not discussed into the next 1:1, counting the carry. */
async function carryUndiscussedTopics(tx: Database, fromMeetingId: string, toMeetingId: string): Promise<number> {
  const uncovered = await tx
    .select()
    .from(agendaTopics)
    .where(and(eq(agendaTopics.meetingId, fromMeetingId), eq(agendaTopics.discussed, false)));
  if (uncovered.length) {
    await tx.insert(agendaTopics).values(
      uncovered.map((t) => ({
        meetingId: toMeetingId,
        authorId: t.authorId,
        source: t.source,
        title: t.title,
        details: t.details,
        private: t.private,
        position: t.position,
        carriedCount: t.carriedCount + 1,
        carriedFromId: t.id,
      })),
    );
  }
  return uncovered.length;
}

async function lockPlanned(tx: Database, viewer: Viewer, loaded: LoadedMeeting, version: number) {
  requireRunner(viewer, loaded);
  const row = await lockVersioned(tx, MEETING, { id: loaded.meeting.id, expectedVersion: version });
  if (row.status !== "planned") throw new RuleViolation("Only a planned 1:1 can be moved or cancelled.");
  return row;
}

/** Moves one 1:1 to another time; the rest of the rhythm stays. */
export async function rescheduleMeeting(
  db: Database,
  viewer: Viewer,
  loaded: LoadedMeeting,
  input: { version: number; scheduledAt: Date },
  now: Date,
) {
  if (input.scheduledAt.getTime() < now.getTime() - 60 * 60_000)
    throw new RuleViolation("Choose a time that has not passed.", "scheduledAt");
  return db.transaction(async (tx) => {
    const row = await lockPlanned(tx, viewer, loaded, input.version);
    await saveVersioned(tx, MEETING, row, {
      set: { scheduledAt: input.scheduledAt },
      now,
      audit: {
        actorId: viewer.id,
        subjectId: row.reportId,
        action: "move",
        changes: { scheduledAt: [row.scheduledAt.toISOString(), input.scheduledAt.toISOString()] },
      },
    });
    await publishMeetingChange(tx, row.id, "meeting");
  });
}

/** Cancels one 1:1; its topics move to the next one so nothing is lost. */
export async function cancelMeeting(db: Database, viewer: Viewer, loaded: LoadedMeeting, version: number, now: Date) {
  return db.transaction(async (tx) => {
    const row = await lockPlanned(tx, viewer, loaded, version);
    // The carrying comes first so the save's audit event can count it; the meeting is locked throughout.
    const next = await nextMeetingAfter(tx, row, now);
    const carriedTopics = await carryUndiscussedTopics(tx, row.id, next.id);
    await saveVersioned(tx, MEETING, row, {
      set: { status: "cancelled" },
      now,
      audit: {
        actorId: viewer.id,
        subjectId: row.reportId,
        action: "cancel",
        changes: { status: ["planned", "cancelled"], "topics carried": [null, carriedTopics] },
      },
    });
    await publishMeetingChange(tx, row.id, "meeting");
    return { nextMeetingId: next.id };
  });
}

/** The pair's next planned 1:1 after this one, or a new one a rhythm's length after it. */
async function nextMeetingAfter(tx: Database, held: typeof meetings.$inferSelect, now: Date) {
  const [planned] = await tx
    .select({ id: meetings.id })
    .from(meetings)
    .where(
      and(
        eq(meetings.reportId, held.reportId),
        eq(meetings.managerId, held.managerId),
        eq(meetings.status, "planned"),
        gt(meetings.scheduledAt, held.scheduledAt),
      ),
    )
    .orderBy(asc(meetings.scheduledAt))
    .limit(1);
  if (planned) return planned;
  const [series] = held.seriesId
    ? await tx
        .select({
          intervalDays: meetingSeries.intervalDays,
          lengthMinutes: meetingSeries.lengthMinutes,
          timezone: meetingSeries.timezone,
        })
        .from(meetingSeries)
        .where(eq(meetingSeries.id, held.seriesId))
    : [];
  const base = held.scheduledAt > now ? held.scheduledAt : now;
  const [created] = await tx
    .insert(meetings)
    .values({
      seriesId: held.seriesId,
      managerId: held.managerId,
      reportId: held.reportId,
      // Days on the series' clock, so a 09:30 1:1 stays 09:30 across a clock change.
      scheduledAt: addZonedDays(base, series?.intervalDays ?? 14, series?.timezone ?? "UTC"),
      lengthMinutes: series?.lengthMinutes ?? held.lengthMinutes,
    })
    .returning({ id: meetings.id });
  return created!;
}
