import { and, eq, max } from "drizzle-orm";
import { agendaTopics, meetings } from "#db/schema";
import { allows } from "~/auth/authorize.server";
import type { Viewer } from "~/auth/policies";
import type { Database } from "./db.server";
import { RecordNotFound, RuleViolation } from "./errors.server";
import { publishMeetingChange } from "./live/channel.server";
import type { LoadedMeeting } from "./meetings.server";

function assertOpenForTopics(viewer: Viewer, loaded: LoadedMeeting) {
  if (!allows(viewer, "meeting:add-topic", loaded.record)) throw new RecordNotFound();
  if (loaded.meeting.status !== "planned") throw new RuleViolation("This 1:1 is over: add the topic to the next one.");
}

/**
 * Both the report and their manager add topics before the meeting; each
 * lands at the end of its author's list. A double click or a form sent
 * twice is caught by the form's key (writeOnce, ADR 031), not by the
 * title: two topics may rightly read alike.
 */
export async function addTopic(
  db: Database,
  viewer: Viewer,
  loaded: LoadedMeeting,
  input: { title: string; details: string; private: boolean },
) {
  assertOpenForTopics(viewer, loaded);
  return db.transaction(async (tx) => {
    // One author's additions to one 1:1 go one at a time, so two copies cannot both miss each other.
    await lockMeetingRow(tx, loaded.meeting.id);
    const [last] = await tx
      .select({ position: max(agendaTopics.position) })
      .from(agendaTopics)
      .where(and(eq(agendaTopics.meetingId, loaded.meeting.id), eq(agendaTopics.authorId, viewer.id)));
    const [topic] = await tx
      .insert(agendaTopics)
      .values({
        ...input,
        meetingId: loaded.meeting.id,
        authorId: viewer.id,
        source: viewer.id === loaded.meeting.reportId ? "report" : "manager",
        position: (last?.position ?? -1) + 1,
      })
      .returning();
    // A private topic tells only its author's own pages.
    await publishMeetingChange(tx, loaded.meeting.id, "topic", input.private ? viewer.id : undefined);
    return topic!;
  });
}

/** Swaps one of the viewer's own topics with its neighbour in their list; nobody reorders someone else's. */
export async function moveTopic(
  db: Database,
  viewer: Viewer,
  loaded: LoadedMeeting,
  topicId: string,
  direction: "up" | "down",
) {
  assertOpenForTopics(viewer, loaded);
  await db.transaction(async (tx) => {
    const own = await tx
      .select({ id: agendaTopics.id, position: agendaTopics.position, private: agendaTopics.private })
      .from(agendaTopics)
      .where(
        and(
          eq(agendaTopics.meetingId, loaded.meeting.id),
          eq(agendaTopics.authorId, viewer.id),
          eq(agendaTopics.discussed, false),
        ),
      )
      .orderBy(agendaTopics.position, agendaTopics.id)
      .for("update");
    const index = own.findIndex((t) => t.id === topicId);
    if (index < 0) throw new RecordNotFound();
    const other = own[direction === "up" ? index - 1 : index + 1];
    if (!other) return;
    // Renumber the whole list so equal positions (from carried topics) cannot stall a move.
    const order = own.map((t) => t.id);
    [order[index], order[own.indexOf(other)]] = [other.id, topicId];
    for (const [position, id] of order.entries()) {
      await tx.update(agendaTopics).set({ position }).where(eq(agendaTopics.id, id));
    }
    // The other side sees the order of shared topics only: swapping past a private one is the author's alone.
    const seenByOther = !own[index]!.private && !other.private;
    await publishMeetingChange(tx, loaded.meeting.id, "topic", seenByOther ? undefined : viewer.id);
  });
}

export async function removeTopic(db: Database, viewer: Viewer, loaded: LoadedMeeting, topicId: string) {
  assertOpenForTopics(viewer, loaded);
  await db.transaction(async (tx) => {
    const [removed] = await tx
      .delete(agendaTopics)
      .where(
        and(
          eq(agendaTopics.id, topicId),
          eq(agendaTopics.meetingId, loaded.meeting.id),
          eq(agendaTopics.authorId, viewer.id),
        ),
      )
      .returning({ id: agendaTopics.id, private: agendaTopics.private });
    if (!removed) throw new RecordNotFound();
    await publishMeetingChange(tx, loaded.meeting.id, "topic", removed.private ? viewer.id : undefined);
  });
}

/** Marks a topic discussed (or not) when its agenda item is ticked. */
export async function setTopicDiscussed(
  tx: Database,
  meetingId: string,
  topicId: string,
  discussed: boolean,
): Promise<{ private: boolean } | null> {
  const [topic] = await tx
    .update(agendaTopics)
    .set({ discussed })
    .where(and(eq(agendaTopics.id, topicId), eq(agendaTopics.meetingId, meetingId)))
    .returning({ private: agendaTopics.private });
  return topic ?? null;
}

/** Holds the 1:1's row until the transaction ends: writes that must not interleave (one check, one insert) queue. */
export async function lockMeetingRow(tx: Database, meetingId: string) {
  await tx.select({ id: meetings.id }).from(meetings).where(eq(meetings.id, meetingId)).for("update");
}
