import { z } from "zod";
import { CADENCE_KINDS } from "~/domain/enums";
import { DEFAULT_TIME_ZONE, isTimeZone, parseWallTime } from "~/domain/time-zones";
import { wholeNumber } from "./fields";

export const RhythmSchema = z
  .object({
    cadence: z.enum(CADENCE_KINDS, { error: "Choose how often you meet." }),
    intervalDays: wholeNumber("Every N days", 1, 92).optional(),
    lengthMinutes: wholeNumber("Length", 10, 240),
    weekday: wholeNumber("Weekday", 1, 7),
    startTime: z.string({ error: "Choose a time." }).regex(/^([01]\d|2[0-3]):[0-5]\d$/, "Choose a time like 10:00."),
  })
  .refine((r) => r.cadence !== "days" || r.intervalDays !== undefined, {
    message: "Say every how many days.",
    path: ["intervalDays"],
  });

/**
 * The new time is read on the clock of the zone the form was shown in (the
 * person's own, sent with it), so "10:00" means 10:00 where they are.
 */
export const RescheduleSchema = z
  .object({
    intent: z.literal("reschedule"),
    version: z.number().int().min(1),
    scheduledAt: z
      .string({ error: "Choose a date and time." })
      .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, "Choose a date and time."),
    timeZone: z
      .string()
      .max(64)
      .refine(isTimeZone, "That time zone is unknown: reload the page and try again.")
      .default(DEFAULT_TIME_ZONE),
  })
  .transform(({ timeZone, ...value }) => ({ ...value, scheduledAt: parseWallTime(value.scheduledAt, timeZone)! }));

export const CancelSchema = z.object({ intent: z.literal("cancel"), version: z.number().int().min(1) });
