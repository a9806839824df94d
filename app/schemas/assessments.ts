import { z } from "zod";
import { optionalText } from "./fields";

/** Point 14 is a conversation prompt, never a score (docs/decisions/008). */
export const UNSCORED_POINTS: readonly number[] = [14];

const Entry = z.object({
  pointKey: z
    .number()
    .int()
    .min(1)
    .max(15)
    .refine((k) => !UNSCORED_POINTS.includes(k), "This point is a conversation, not a score."),
  rating: z
    .number({ error: "Choose a rating from 1 to 5." })
    .int()
    .min(1, "Choose a rating from 1 to 5.")
    .max(5, "Choose a rating from 1 to 5.")
    .optional(),
  note: optionalText("Note", 2000),
});

/** A set of ratings saved together; points left unrated are skipped. */
export const AssessmentSchema = z
  .object({ entries: z.array(Entry).max(15) })
  .refine((v) => v.entries.some((e) => e.rating !== undefined), {
    message: "Rate at least one point before saving.",
  })
  .refine((v) => v.entries.every((e) => e.rating !== undefined || e.note === ""), {
    message: "A note needs a rating beside it.",
  });
