import { z } from "zod";
import { ROLES } from "~/domain/enums";
import { requiredText, storable, version } from "./fields";

const email = (label: string) =>
  z
    .string({ error: `${label} is required.` })
    .trim()
    .toLowerCase()
    .max(254, `${label} is too long.`)
    .pipe(z.email({ error: `${label} must be an email address.` }));

const PersonFields = z.object({
  name: requiredText("Name", 120),
  email: email("Email"),
  teamId: z.uuid({ error: "Choose a team from the list." }).optional(),
  managerEmail: email("Manager's email").optional(),
  roles: z
    .array(z.enum(ROLES, { error: "Unknown role." }))
    .optional()
    .transform((r) => [...new Set(r ?? [])]),
});

export const NewPersonSchema = PersonFields;
export const EditPersonSchema = PersonFields.extend({ version });
export const PersonActiveSchema = z.object({
  version,
  active: z.enum(["true", "false"]).transform((v) => v === "true"),
});

export const TeamSchema = z.object({
  name: requiredText("Team name", 120),
  parentTeamId: z.uuid({ error: "Choose a parent team from the list." }).optional(),
});
const teamId = z.uuid({ error: "Choose a team from the list." });
/** Renaming and moving are one form: a team's name and where it sits. */
export const EditTeamSchema = TeamSchema.extend({ teamId });
export const RemoveTeamSchema = z.object({ teamId });

/** One row of the org-chart CSV: email,name,team,manager_email,roles ("manager;hr" or "manager|hr"). */
export const CsvRowSchema = z.object({
  email: email("email"),
  name: requiredText("name", 120),
  team: z
    .string()
    .trim()
    .max(120, "team can be at most 120 characters.")
    .refine(storable, "team contains a character that cannot be saved.")
    .transform((t) => t || null),
  manager_email: z
    .string()
    .trim()
    .toLowerCase()
    .transform((v) => v || null)
    .pipe(z.email({ error: "manager_email must be an email address or empty." }).nullable()),
  roles: z
    .string()
    .trim()
    .transform((v) =>
      v
        ? v
            .split(/[;|]/)
            .map((r) => r.trim().toLowerCase())
            .filter(Boolean)
        : [],
    )
    .pipe(z.array(z.enum(ROLES, { error: `roles may only be ${ROLES.join(", ")}.` }))),
});

export const CSV_COLUMNS = ["email", "name", "team", "manager_email", "roles"] as const;
