import { z } from "zod";
import { GOAL_STATUSES } from "~/domain/enums";
import { optionalDate, optionalText, requiredText, version, wholeNumber } from "./fields";

export const GoalFields = z.object({
  title: requiredText("Title", 200),
  whyItMatters: optionalText("Why it matters", 2000),
  successMeasure: optionalText("How you will know", 2000),
  targetDate: optionalDate("Target date"),
});

export const NewGoalSchema = GoalFields;
export const EditGoalSchema = GoalFields.extend({ version });

export const GoalProgressSchema = z.object({
  intent: z.literal("progress"),
  goalId: z.uuid({ error: "Unknown goal." }),
  version,
  progress: wholeNumber("Progress", 0, 100),
  note: optionalText("Note", 1000),
});

export const GoalStatusSchema = z.object({
  intent: z.literal("status"),
  goalId: z.uuid({ error: "Unknown goal." }),
  version,
  status: z.enum(GOAL_STATUSES, { error: "Choose active, achieved or dropped." }),
});

export const GOAL_FIELD_LABELS: Record<string, string> = {
  title: "Title",
  whyItMatters: "Why it matters",
  successMeasure: "How you will know",
  targetDate: "Target date",
  progress: "Progress",
  status: "Status",
};
