import { getInputProps } from "@conform-to/react";
import { Form } from "@remix-run/react";
import {
  ChoiceField,
  Field,
  FieldErrors,
  FormNotices,
  useFetcherForm,
  useIsSubmitting,
  VersionInput,
} from "~/components/forms";
import { validateWith } from "~/components/forms-zod";
import { ROLES } from "~/domain/enums";
import { EditPersonSchema, NewPersonSchema, PersonActiveSchema } from "~/schemas/people-admin";

/** Whom the manager is chosen from (listManagerChoices in app/services/org.server.ts). */
export type ManagerChoices =
  | { kind: "list"; people: { name: string; email: string }[] }
  | { kind: "suggest"; people: { name: string; email: string }[] };

interface Props {
  teams: { id: string; name: string }[];
  managers: ManagerChoices;
  person?: {
    name: string;
    email: string;
    teamId: string | null;
    managerEmail: string | null;
    roles: string[];
    version: number;
  };
  submitLabel: string;
}

const ROLE_LABELS = { manager: "Manager", hr: "HR", admin: "Admin" } as const;
const ROLE_CHOICES = ROLES.map((role) => ({ value: role, label: ROLE_LABELS[role] }));

/**
 * Name, email, team, manager, roles. The manager is chosen from people by name (their e-mail tells
 * namesakes apart); in a large organisation it is an e-mail with the current managers suggested
 * (docs/decisions/034). A password is never set here: people choose their own.
 */
export function PersonForm({ teams, managers, person, submitLabel }: Props) {
  const { fetcher, reply, form, fields, submitting, formProps } = useFetcherForm({
    id: "person",
    validate: validateWith(person ? EditPersonSchema : NewPersonSchema),
    // A new person is its page's only form; a person's page tells the edit from (de)activating.
    match: person ? { intent: "edit" } : {},
    shouldValidate: "onBlur",
    defaultValue: person
      ? {
          name: person.name,
          email: person.email,
          teamId: person.teamId ?? "",
          managerEmail: person.managerEmail ?? "",
          roles: person.roles,
        }
      : undefined,
  });
  return (
    <fetcher.Form method="post" className="stack" {...formProps}>
      <FormNotices form={form} reply={reply} />
      {person ? (
        <>
          <input type="hidden" name="intent" value="edit" />
          <VersionInput version={person.version} reply={reply} />
        </>
      ) : null}
      <Field label="Name" meta={fields.name} />
      <Field label="Email" meta={fields.email} type="email" />
      <Field label="Team" meta={fields.teamId} as="select">
        <option value="">No team</option>
        {teams.map((t) => (
          <option key={t.id} value={t.id}>
            {t.name}
          </option>
        ))}
      </Field>
      {managers.kind === "list" ? (
        <Field label="Reports to" meta={fields.managerEmail} as="select">
          <option value="">Nobody</option>
          {managers.people.map((m) => (
            <option key={m.email} value={m.email}>
              {m.name} ({m.email})
            </option>
          ))}
        </Field>
      ) : (
        <div>
          <label htmlFor={fields.managerEmail.id}>
            Manager&apos;s email{" "}
            <span className="hint">(empty for nobody; the people who manage someone now are suggested)</span>
          </label>
          <input {...getInputProps(fields.managerEmail, { type: "email" })} list="manager-suggestions" />
          <datalist id="manager-suggestions">
            {managers.people.map((m) => (
              <option key={m.email} value={m.email} label={m.name} />
            ))}
          </datalist>
          <FieldErrors id={fields.managerEmail.errorId} errors={fields.managerEmail.errors} />
        </div>
      )}
      <ChoiceField
        legend="Roles (everyone is an employee)"
        meta={fields.roles}
        type="checkbox"
        options={ROLE_CHOICES}
      />
      <div className="actions">
        <button type="submit" disabled={submitting}>
          {submitting ? "Saving…" : submitLabel}
        </button>
        <a href="/admin/people">Cancel</a>
      </div>
    </fetcher.Form>
  );
}

/** Deactivate (no sign-in, out of every list, history kept) or reactivate a person. */
export function PersonActiveForm({ person }: { person: { active: boolean; version: number } }) {
  const { fetcher, reply, form, submitting, formProps } = useFetcherForm({
    id: "person-active",
    validate: validateWith(PersonActiveSchema),
    match: { intent: "active" },
  });
  return (
    <fetcher.Form method="post" {...formProps}>
      <FormNotices form={form} reply={reply} hidden={["active"]} />
      <input type="hidden" name="intent" value="active" />
      <VersionInput version={person.version} reply={reply} />
      <input type="hidden" name="active" value={String(!person.active)} />
      <button type="submit" className={person.active ? "danger" : undefined} disabled={submitting}>
        {person.active ? "Deactivate" : "Reactivate"}
      </button>
    </fetcher.Form>
  );
}

/**
 * Sends the person a link to choose a password: an invitation when they have none, a reset link when they
 * have one. The link goes only to their own address; the admin never sees it. A plain form: the answer
 * is the page again, saying what was sent.
 */
export function PersonInviteForm({ hasPassword }: { hasPassword: boolean }) {
  const submitting = useIsSubmitting(undefined, "invite");
  return (
    <Form method="post">
      <input type="hidden" name="intent" value="invite" />
      <button type="submit" disabled={submitting}>
        {submitting ? "Sending…" : hasPassword ? "Send a password reset link" : "Send invitation"}
      </button>
    </Form>
  );
}
