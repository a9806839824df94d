import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData } from "@remix-run/react";
import { Field, FormErrors, useIsSubmitting } from "~/components/forms";
import { passwordSignInEnabled } from "~/env.server";
import { readFormData } from "~/http/form-data.server";
import { clientAddress } from "~/http/request.server";
import { getViewer } from "~/http/session.server";
import { ForgotPasswordSchema } from "~/schemas/passwords";
import { getDb } from "~/services/db.server";
import { requestPasswordReset } from "~/services/passwords.server";

export const meta: MetaFunction = () => [{ title: "Forgot your password? · Rapport" }];

/** The one answer, whether or not the address belongs to anyone, and whether or not it was throttled. */
export const SENT = "If that address belongs to someone here, a link is on its way. It works for 1 hour.";

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getViewer(request)) throw redirect("/settings");
  if (!passwordSignInEnabled()) throw redirect("/sign-in");
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const submission = parseWithZod(await readFormData(request), { schema: ForgotPasswordSchema });
  if (!passwordSignInEnabled()) {
    return data(
      { ...submission.reply({ formErrors: ["Signing in with a password is turned off here."] }), sent: false },
      { status: 403 },
    );
  }
  if (submission.status !== "success") return data({ ...submission.reply(), sent: false }, { status: 400 });
  await requestPasswordReset(
    await getDb(),
    {
      email: submission.value.email,
      ip: clientAddress(request, context),
      userAgent: request.headers.get("User-Agent"),
    },
    new Date(),
  );
  return data({ ...submission.reply({ resetForm: true }), sent: true });
}

export default function ForgotPassword() {
  const reply = useActionData<typeof action>();
  const submitting = useIsSubmitting();
  const [form, fields] = useForm({
    id: "forgot-password",
    lastResult: reply,
    constraint: getZodConstraint(ForgotPasswordSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ForgotPasswordSchema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
  return (
    <div className="sign-in card">
      <h1>Forgot your password?</h1>
      {reply?.sent ? (
        <p className="alert ok" role="status">
          {SENT}
        </p>
      ) : (
        <p>Type the email you sign in with. We will send a link to choose a new password.</p>
      )}
      <Form method="post" className="stack" {...getFormProps(form)}>
        <FormErrors id={form.errorId} errors={form.errors} />
        {/* eslint-disable-next-line jsx-a11y/no-autofocus -- the page has this one job */}
        <Field label="Email" meta={fields.email} type="email" autoComplete="username" autoFocus />
        <div className="actions">
          <button type="submit" disabled={submitting}>
            {submitting ? "Sending…" : "Send me a link"}
          </button>
          <Link to="/sign-in">Back to sign in</Link>
        </div>
      </Form>
    </div>
  );
}
