import { z } from "zod";
import { CADENCE_KINDS } from "~/domain/enums";
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

export const RescheduleSchema = z.object({
  intent: z.literal("reschedule"),
  version: z.number().int().min(1),
  scheduledAt: z
    .string({ error: "Choose a date and time." })
    .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, "Choose a date and time.")
    .transform((v) => new Date(`${v}:00Z`)),
});

export const CancelSchema = z.object({ intent: z.literal("cancel"), version: z.number().int().min(1) });
