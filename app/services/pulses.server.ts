import { and, desc, eq, gt, sql } from "drizzle-orm";
import { meetings, people, pulses } from "#db/schema";
import { allows } from "~/auth/authorize.server";
import type { Viewer } from "~/auth/policies";
import { addDays } from "~/domain/dates";
import type { Database } from "./db.server";
import { RecordNotFound, RuleViolation } from "./errors.server";
import type { LoadedMeeting } from "./meetings.server";

/** How long after a 1:1 its pulse may still be answered. */
const PULSE_OPEN_DAYS = 14;

export interface PulseAnswers {
  understood: number;
  progressing: number;
  overloaded: number;
  enps: number;
}

/**
 * The report answers the pulse of a held 1:1 once. The answer is stored with
 * their team at the time and is read only in aggregate, never one by one.
 */
export async function submitPulse(
  db: Database,
  viewer: Viewer,
  loaded: LoadedMeeting,
  answers: PulseAnswers,
  now: Date,
) {
  if (!allows(viewer, "pulse:answer", loaded.record)) throw new RecordNotFound();
  const { meeting } = loaded;
  if (meeting.status !== "held" || !meeting.heldAt)
    throw new RuleViolation("The pulse opens once the 1:1 has been held.");
  if (addDays(meeting.heldAt, PULSE_OPEN_DAYS) < now)
    throw new RuleViolation("This pulse has closed; the next 1:1 will ask again.");
  const inserted = await db
    .insert(pulses)
    .values({
      ...answers,
      meetingId: meeting.id,
      respondentId: viewer.id,
      teamId: sql`(select p.team_id from ${people} p where p.id = ${viewer.id})`,
      answeredAt: now,
    })
    .onConflictDoNothing({ target: pulses.meetingId })
    .returning({ id: pulses.id });
  if (!inserted.length) throw new RuleViolation("You already answered the pulse for this 1:1. Thank you!");
}

/** The latest held 1:1 whose pulse the viewer has not answered yet, if it is still open. */
export async function pendingPulse(db: Database, viewer: Viewer, now: Date) {
  const [row] = await db
    .select({ meetingId: meetings.id, heldAt: meetings.heldAt })
    .from(meetings)
    .where(
      and(
        eq(meetings.reportId, viewer.id),
        eq(meetings.status, "held"),
        gt(meetings.heldAt, addDays(now, -PULSE_OPEN_DAYS)),
        sql`not exists (select 1 from pulses pu where pu.meeting_id = "meetings"."id")`,
      ),
    )
    .orderBy(desc(meetings.heldAt))
    .limit(1);
  return row ?? null;
}

export async function hasAnsweredPulse(db: Database, meetingId: string): Promise<boolean> {
  const [row] = await db.select({ id: pulses.id }).from(pulses).where(eq(pulses.meetingId, meetingId));
  return Boolean(row);
}
