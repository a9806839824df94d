import { z } from "zod";

/** PostgreSQL text cannot hold a NUL character; refuse it here rather than fail in the database. */
export const storable = (value: string) => !value.includes("\u0000");
const unstorableMessage = (label: string) => `${label} contains a character that cannot be saved.`;

/** Required text with a clear message for empty and too long. */
export const requiredText = (label: string, max: number) =>
  z
    .string({ error: `${label} is required.` })
    .trim()
    .min(1, `${label} is required.`)
    .max(max, `${label} can be at most ${max} characters.`)
    .refine(storable, unstorableMessage(label));

/** Optional text: an empty field is "". */
export const optionalText = (label: string, max: number) =>
  z
    .string()
    .trim()
    .max(max, `${label} can be at most ${max} characters.`)
    .refine(storable, unstorableMessage(label))
    .optional()
    .transform((v) => v ?? "");

/** A calendar date from <input type="date">. */
export const optionalDate = (label: string) =>
  z.iso
    .date({ error: `${label} must be a date like 2026-12-31.` })
    .refine((d) => d >= "2000-01-01" && d <= "2100-12-31", `${label} must be between 2000 and 2100.`)
    .optional();

/** The version the form was rendered from: a stale one is refused with what changed. */
export const version = z.number({ error: "This form is missing its version; reload the page." }).int().min(1);

export const wholeNumber = (label: string, min: number, max: number) =>
  z
    .number({ error: `${label} must be a number from ${min} to ${max}.` })
    .int(`${label} must be a whole number.`)
    .min(min, `${label} must be at least ${min}.`)
    .max(max, `${label} must be at most ${max}.`);
