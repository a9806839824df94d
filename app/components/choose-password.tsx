import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { Form, Link } from "@remix-run/react";
import { Field, FormErrors, useIsSubmitting } from "~/components/forms";
import type { SubmissionResult } from "@conform-to/react";
import { MIN_PASSWORD_LENGTH, SetPasswordSchema } from "~/schemas/passwords";
import { TimeZoneGuess } from "./auth/time-zone-guess";

/** The page a mailed link opens: choose a password, or be told the link is spent and how to get another. */
export function ChoosePasswordPage({
  title,
  person,
  lastResult,
}: {
  title: string;
  person: { name: string; email: string } | null;
  lastResult: SubmissionResult<string[]> | undefined;
}) {
  const submitting = useIsSubmitting();
  const [form, fields] = useForm({
    id: "choose-password",
    lastResult,
    constraint: getZodConstraint(SetPasswordSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: SetPasswordSchema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
  if (!person) {
    return (
      <div className="sign-in card">
        <h1>This link no longer works</h1>
        <p>It was used already, it has run out, or a newer one was sent since.</p>
        <p>
          <Link to="/forgot-password">Ask for a new link</Link>, or ask your administrator to invite you again.
        </p>
      </div>
    );
  }
  return (
    <div className="sign-in card">
      <h1>{title}</h1>
      <p>
        Hello {person.name}. Choose the password you will sign in with as {person.email}: at least {MIN_PASSWORD_LENGTH}{" "}
        characters, and not a common one. A few unrelated words make a good one.
      </p>
      <Form method="post" className="stack" {...getFormProps(form)}>
        <FormErrors id={form.errorId} errors={form.errors} />
        {/* For password managers: the account the new password belongs to. */}
        <input type="hidden" name="username" autoComplete="username" value={person.email} />
        <TimeZoneGuess />
        {/* eslint-disable-next-line jsx-a11y/no-autofocus -- the page has this one job */}
        <Field label="New password" meta={fields.password} type="password" autoComplete="new-password" autoFocus />
        <Field label="The same again" meta={fields.confirmPassword} type="password" autoComplete="new-password" />
        <div className="actions">
          <button type="submit" disabled={submitting}>
            {submitting ? "Saving…" : "Save password and sign in"}
          </button>
        </div>
      </Form>
    </div>
  );
}
