import { z } from "zod";
import { NOTE_VISIBILITIES } from "~/domain/enums";
import { optionalDate, optionalText, requiredText, version, wholeNumber } from "./fields";
import { CancelSchema, RescheduleSchema } from "./rhythm";

export const AddTopicSchema = z.object({
  intent: z.literal("add-topic"),
  title: requiredText("Topic", 200),
  details: optionalText("Details", 2000),
  private: z
    .boolean()
    .optional()
    .transform((v) => v ?? false),
});

export const MoveTopicSchema = z.object({
  intent: z.literal("move-topic"),
  topicId: z.uuid({ error: "Unknown topic." }),
  direction: z.enum(["up", "down"]),
});

export const RemoveTopicSchema = z.object({
  intent: z.literal("remove-topic"),
  topicId: z.uuid({ error: "Unknown topic." }),
});

export const CheckItemSchema = z.object({
  intent: z.literal("check"),
  itemKey: z.string().regex(/^[a-z-]+:[0-9a-zA-Z-]{1,40}$/, "Unknown agenda item."),
  checked: z.enum(["true", "false"]).transform((v) => v === "true"),
});

export const AddNoteSchema = z.object({
  intent: z.literal("add-note"),
  visibility: z.enum(NOTE_VISIBILITIES, { error: "Choose shared or private." }),
  body: requiredText("Note", 20000),
});

export const AddActionItemSchema = z.object({
  intent: z.literal("add-action"),
  title: requiredText("Action item", 300),
  owner: z.enum(["report", "manager"], { error: "Choose who owns it." }),
  dueOn: optionalDate("Due date"),
});

export const FinishMeetingSchema = z.object({ intent: z.literal("finish"), version });

export const MeetingActionSchema = z.discriminatedUnion("intent", [
  RescheduleSchema,
  CancelSchema,
  AddTopicSchema,
  MoveTopicSchema,
  RemoveTopicSchema,
  CheckItemSchema,
  AddNoteSchema,
  AddActionItemSchema,
  FinishMeetingSchema,
]);

export const PulseSchema = z.object({
  understood: wholeNumber("Did your manager understand what matters to you", 1, 5),
  progressing: wholeNumber("Are you moving on your goals", 1, 5),
  overloaded: wholeNumber("How overloaded are you", 1, 5),
  enps: wholeNumber("How likely are you to recommend working here", 0, 10),
});
