import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import type { $ZodType, input, output } from "zod/v4/core";
import type { BrowserValidation } from "./forms";

type FormSchema = $ZodType<Record<string, unknown>, Record<string, unknown>>;

const constraints = new WeakMap<FormSchema, BrowserValidation<Record<string, unknown>, unknown>["constraint"]>();

/**
 * Checks a form in the browser with the zod schema its action parses with,
 * so the person hears at once what the server would say (see forms.tsx for
 * why this is opt-in). The schema's HTML constraints (required) come with it.
 */
export function validateWith<Schema extends FormSchema>(
  schema: Schema,
): BrowserValidation<input<Schema>, output<Schema>> {
  let constraint = constraints.get(schema);
  if (!constraint) constraints.set(schema, (constraint = getZodConstraint(schema)));
  return { constraint, onValidate: ({ formData }) => parseWithZod(formData, { schema }) };
}
