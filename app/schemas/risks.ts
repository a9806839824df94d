import { z } from "zod";
import { RISK_KINDS, type RiskKind } from "~/domain/enums";
import { optionalDate, optionalText, requiredText, version, wholeNumber } from "./fields";

/** The kinds of risk in the words a manager uses; the order is the form's. */
export const RISK_KIND_LABELS: Record<RiskKind, string> = {
  flight: "Flight / alternatives",
  change: "Change risk",
  overload: "Overload",
  indecision: "Indecision",
  remorse: "Remorse",
  other: "Other",
};

/** Likelihood and impact, 1-3. */
export const SCALE_LABELS: Record<number, string> = { 1: "Low", 2: "Medium", 3: "High" };

export const RiskFields = z.object({
  kind: z.enum(RISK_KINDS, { error: "Choose what kind of risk this is." }),
  pointKey: wholeNumber("Checklist point", 1, 15).optional(),
  description: requiredText("What could happen", 2000),
  likelihood: wholeNumber("Likelihood", 1, 3),
  impact: wholeNumber("Impact", 1, 3),
  mitigation: optionalText("Mitigation", 2000),
  reviewOn: optionalDate("Review date"),
});

export const NewRiskSchema = RiskFields;

export const EditRiskSchema = RiskFields.extend({ intent: z.literal("edit"), version });

export const ReviewRiskSchema = z.object({
  intent: z.literal("review"),
  version,
  note: optionalText("What you found", 1000),
  nextReviewOn: optionalDate("Next review"),
});

export const CloseRiskSchema = z.object({
  intent: z.literal("close"),
  version,
  note: optionalText("How it ended", 1000),
});

export const ReopenRiskSchema = z.object({ intent: z.literal("reopen"), version });

/** Everything the risk page can post, told apart by `intent`. */
export const RiskActionSchema = z.discriminatedUnion("intent", [
  EditRiskSchema,
  ReviewRiskSchema,
  CloseRiskSchema,
  ReopenRiskSchema,
]);

export type RiskIntent = z.infer<typeof RiskActionSchema>["intent"];

/** Audit field names in words, for the conflict notice and the risk's history. */
export const RISK_FIELD_LABELS: Record<string, string> = {
  kind: "Kind",
  pointKey: "Checklist point",
  description: "What could happen",
  likelihood: "Likelihood",
  impact: "Impact",
  mitigation: "Mitigation",
  reviewOn: "Review date",
  status: "Status",
  lastReviewedAt: "Last reviewed",
  note: "Note",
};
