import { z } from "zod";
import { COMMITMENT_STATES } from "~/domain/enums";
import { optionalText, requiredText, version, wholeNumber } from "./fields";

/** The wording of a change commitment (the change, why now, first step, support, cadence). */
export const CommitmentFields = z.object({
  change: requiredText("The change", 300),
  painOfDoingNothing: optionalText("Why now", 2000),
  firstStep: optionalText("First step", 1000),
  managerSupport: optionalText("Manager support", 1000),
  checkInEveryDays: wholeNumber("Check in every", 1, 365),
});

export const NewCommitmentSchema = CommitmentFields;

export const EditCommitmentSchema = CommitmentFields.extend({ intent: z.literal("edit"), version });

export const TransitionCommitmentSchema = z.object({
  intent: z.literal("transition"),
  version,
  to: z.enum(COMMITMENT_STATES, { error: "Choose what the commitment becomes." }),
});

export const CheckInSchema = z
  .object({
    intent: z.literal("check-in"),
    version,
    note: optionalText("Check-in note", 1000),
    firstStepDone: z
      .boolean()
      .optional()
      .transform((v) => v ?? false),
  })
  .refine((v) => v.note !== "" || v.firstStepDone, {
    message: "Say in a few words how it is going, or tick “first step done”.",
    path: ["note"],
  });

export const RemorseAnswerSchema = z.object({
  intent: z.literal("remorse"),
  version,
  stillGlad: z
    .enum(["yes", "no"], { error: "Say whether you are still glad of the change." })
    .transform((v) => v === "yes"),
  note: optionalText("Note", 1000),
});

/** Everything the commitment page accepts, told apart by `intent`. */
export const CommitmentActionSchema = z.discriminatedUnion("intent", [
  EditCommitmentSchema,
  TransitionCommitmentSchema,
  CheckInSchema,
  RemorseAnswerSchema,
]);

export const COMMITMENT_FIELD_LABELS: Record<string, string> = {
  change: "The change",
  painOfDoingNothing: "Why now",
  firstStep: "First step",
  managerSupport: "Manager support",
  checkInEveryDays: "Check in every (days)",
  state: "State",
  firstStepDone: "First step done",
  lastCheckInAt: "Last check-in",
  committedAt: "Committed",
  finishedAt: "Finished",
  remorseCheckDueOn: "Still-glad check due",
  stillGlad: "Still glad",
  remorseNote: "Still-glad note",
  checkIn: "Check-in note",
};
