import { getFormProps, getInputProps, getSelectProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { Form, useNavigation } from "@remix-run/react";
import { ConflictNotice } from "~/components/conflict-notice";
import { Field, FormErrors } from "~/components/forms";
import { ROLES } from "~/domain/enums";
import type { Conflict } from "~/schemas/conflict";
import { EditPersonSchema, NewPersonSchema } from "~/schemas/people-admin";

interface Props {
  teams: { id: string; name: string }[];
  lastResult?: (SubmissionResult & { conflict?: Conflict | null }) | null;
  person?: { name: string; email: string; teamId: string | null; managerEmail: string | null; roles: string[]; version: number };
  version?: number;
  submitLabel: string;
}

const ROLE_LABELS = { manager: "Manager", hr: "HR", admin: "Admin" } as const;

/** Name, email, team, manager (by email, so it scales to any size of organisation), roles, password. */
export function PersonForm({ teams, lastResult, person, version, submitLabel }: Props) {
  const schema = person ? EditPersonSchema : NewPersonSchema;
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: "person",
    lastResult,
    constraint: getZodConstraint(schema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
    shouldValidate: "onBlur",
    defaultValue: person
      ? { name: person.name, email: person.email, teamId: person.teamId ?? "", managerEmail: person.managerEmail ?? "", roles: person.roles }
      : undefined,
  });
  const chosen = new Set((fields.roles.initialValue as string[] | undefined) ?? person?.roles ?? []);
  return (
    <Form method="post" className="stack" {...getFormProps(form)}>
      <ConflictNotice conflict={lastResult?.conflict} />
      <FormErrors id={form.errorId} errors={form.errors} />
      {person ? (
        <>
          <input type="hidden" name="intent" value="edit" />
          <input type="hidden" name="version" value={version ?? person.version} key={version ?? person.version} />
        </>
      ) : null}
      <Field label="Name" htmlFor={fields.name.id} errors={fields.name.errors} errorId={fields.name.errorId}>
        <input {...getInputProps(fields.name, { type: "text" })} />
      </Field>
      <Field label="Email" htmlFor={fields.email.id} errors={fields.email.errors} errorId={fields.email.errorId}>
        <input {...getInputProps(fields.email, { type: "email" })} />
      </Field>
      <Field label="Team" htmlFor={fields.teamId.id} errors={fields.teamId.errors} errorId={fields.teamId.errorId}>
        <select {...getSelectProps(fields.teamId)}>
          <option value="">No team</option>
          {teams.map((t) => (
            <option key={t.id} value={t.id}>
              {t.name}
            </option>
          ))}
        </select>
      </Field>
      <Field label="Manager's email" hint="(empty for nobody)" htmlFor={fields.managerEmail.id} errors={fields.managerEmail.errors} errorId={fields.managerEmail.errorId}>
        <input {...getInputProps(fields.managerEmail, { type: "email" })} />
      </Field>
      <fieldset>
        <legend>Roles (everyone is an employee)</legend>
        <div className="checks">
          {ROLES.map((role) => (
            <label key={role}>
              <input type="checkbox" name={fields.roles.name} value={role} defaultChecked={chosen.has(role)} /> {ROLE_LABELS[role]}
            </label>
          ))}
        </div>
      </fieldset>
      <Field
        label={person ? "New password" : "Password"}
        hint={person ? "(leave empty to keep theirs)" : "(optional: without one they cannot sign in yet)"}
        htmlFor={fields.password.id}
        errors={fields.password.errors}
        errorId={fields.password.errorId}
      >
        <input {...getInputProps(fields.password, { type: "password" })} autoComplete="new-password" />
      </Field>
      <div className="actions">
        <button type="submit" disabled={navigation.state === "submitting"}>
          {navigation.state === "submitting" ? "Saving…" : submitLabel}
        </button>
        <a href="/admin/people">Cancel</a>
      </div>
    </Form>
  );
}
