import { and, asc, eq, gt } from "drizzle-orm";
import { meetings, meetingSeries } from "#db/schema";
import { allows } from "~/auth/authorize.server";
import type { Subject, Viewer } from "~/auth/policies";
import { planMeetingTimes, rhythmIntervalDays, type Rhythm } from "~/domain/cadence";
import { recordAudit } from "./audit.server";
import type { Database } from "./db.server";
import { RecordNotFound } from "./errors.server";
import { timeZoneOf } from "./time-zones.server";

/** How many 1:1s are kept planned ahead. */
const PLANNED_AHEAD = 3;

export async function getRhythm(db: Database, managerId: string, reportId: string) {
  const [series] = await db
    .select()
    .from(meetingSeries)
    .where(
      and(eq(meetingSeries.managerId, managerId), eq(meetingSeries.reportId, reportId), eq(meetingSeries.active, true)),
    );
  return series ?? null;
}

/**
 * Sets the pair's rhythm and replans the 1:1s ahead in place (their topics
 * stay attached), planning new ones so that three are always ahead. The
 * rhythm is kept in the manager's zone as it is now: "Tuesdays 9:30" is 9:30
 * on their clock, summer and winter.
 */
export async function saveRhythm(
  db: Database,
  viewer: Viewer,
  subject: Subject,
  input: Rhythm & { lengthMinutes: number },
  now: Date,
) {
  if (!allows(viewer, "account:manage", { subject })) throw new RecordNotFound();
  const intervalDays = rhythmIntervalDays(input);
  return db.transaction(async (tx) => {
    const timeZone = await timeZoneOf(tx, viewer.id);
    const values = {
      timezone: timeZone,
      cadence: input.cadence,
      intervalDays,
      lengthMinutes: input.lengthMinutes,
      weekday: input.weekday,
      startTime: input.startTime,
      updatedAt: now,
    };
    const existing = await getRhythm(tx, viewer.id, subject.id);
    const [series] = existing
      ? await tx.update(meetingSeries).set(values).where(eq(meetingSeries.id, existing.id)).returning()
      : await tx
          .insert(meetingSeries)
          .values({ ...values, managerId: viewer.id, reportId: subject.id })
          .returning();
    const ahead = await tx
      .select({ id: meetings.id })
      .from(meetings)
      .where(
        and(
          eq(meetings.managerId, viewer.id),
          eq(meetings.reportId, subject.id),
          eq(meetings.status, "planned"),
          gt(meetings.scheduledAt, now),
        ),
      )
      .orderBy(asc(meetings.scheduledAt))
      .for("update");
    const times = planMeetingTimes({ ...input, intervalDays, timeZone }, now, Math.max(PLANNED_AHEAD, ahead.length));
    for (const [i, meeting] of ahead.entries()) {
      await tx
        .update(meetings)
        .set({ scheduledAt: times[i]!, lengthMinutes: input.lengthMinutes, seriesId: series!.id, updatedAt: now })
        .where(eq(meetings.id, meeting.id));
    }
    const missing = times.slice(ahead.length);
    if (missing.length) {
      await tx.insert(meetings).values(
        missing.map((scheduledAt) => ({
          seriesId: series!.id,
          managerId: viewer.id,
          reportId: subject.id,
          scheduledAt,
          lengthMinutes: input.lengthMinutes,
        })),
      );
    }
    await recordAudit(tx, {
      actorId: viewer.id,
      subjectId: subject.id,
      entity: "meeting",
      entityId: series!.id,
      action: existing ? "rhythm-change" : "rhythm-set",
      changes: {
        rhythm: [
          existing ? `${existing.cadence}/${existing.intervalDays}d` : null,
          `${input.cadence}/${intervalDays}d`,
        ],
      },
    });
    return series!;
  });
}

/** The pair's planned 1:1s from now on, for the series calendar file. */
export async function upcomingMeetings(db: Database, managerId: string, reportId: string, now: Date) {
  return db
    .select({ id: meetings.id, scheduledAt: meetings.scheduledAt, lengthMinutes: meetings.lengthMinutes })
    .from(meetings)
    .where(
      and(
        eq(meetings.managerId, managerId),
        eq(meetings.reportId, reportId),
        eq(meetings.status, "planned"),
        gt(meetings.scheduledAt, now),
      ),
    )
    .orderBy(asc(meetings.scheduledAt))
    .limit(52);
}
