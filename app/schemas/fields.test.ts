import { describe, expect, test } from "vitest";
import { type z } from "zod";
import { NewGoalSchema } from "./goals";
import { CsvRowSchema } from "./people-admin";
import { AddNoteSchema } from "./meetings";

// PostgreSQL text cannot hold NUL: before these checks a NUL in any text field was a 500 from the database.
describe("text fields refuse NUL with a message", () => {
  test.each([
    ["a required field", NewGoalSchema, { title: "Plan\u0000" }, "title"],
    ["an optional field", NewGoalSchema, { title: "Plan", whyItMatters: "a\u0000b" }, "whyItMatters"],
    ["a note", AddNoteSchema, { intent: "add-note", visibility: "shared", body: "\u0000" }, "body"],
    [
      "a CSV team",
      CsvRowSchema,
      { email: "a@b.test", name: "A", team: "T\u0000", manager_email: "", roles: "" },
      "team",
    ],
  ] as [string, z.ZodType, object, string][])("%s", (_, schema, input, field) => {
    const result = schema.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((i) => i.path.join("."))).toContain(field);
    expect(result.error!.issues.find((i) => i.path.join(".") === field)!.message).toMatch(/cannot be saved/);
  });

  test("other odd characters are kept as typed", () => {
    const title = "\u202Eevil\u202C <script> 👩‍👩‍👧 \u200B";
    expect(NewGoalSchema.parse({ title }).title).toBe(title);
  });
});
