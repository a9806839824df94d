import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useSearchParams } from "@remix-run/react";
import { getViewer, safeRedirect, startSession } from "~/http/session.server";
import { Field, FormErrors, useIsSubmitting } from "~/components/forms";
import { SignInSchema } from "~/schemas/auth";
import { getDb } from "~/services/db.server";
import { signIn } from "~/services/sign-in.server";
import { readFormData } from "~/http/form-data.server";
import { clientAddress } from "~/http/request.server";

export const meta: MetaFunction = () => [{ title: "Sign in · Rapport" }];

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getViewer(request)) throw redirect("/");
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const submission = parseWithZod(await readFormData(request), { schema: SignInSchema });
  if (submission.status !== "success") {
    return data(submission.reply({ hideFields: ["password"] }), { status: 400 });
  }
  const { email, password, redirectTo } = submission.value;
  const result = await signIn(await getDb(), { email, password, ip: clientAddress(request, context) }, new Date());
  if (!result.ok) {
    const message =
      result.reason === "throttled"
        ? `Too many sign-in attempts. Please wait ${Math.ceil(result.retryAfterSeconds / 60)} minutes and try again.`
        : "That email and password do not match. Check both and try again.";
    return data(submission.reply({ formErrors: [message], hideFields: ["password"] }), {
      status: result.reason === "throttled" ? 429 : 401,
    });
  }
  return startSession(request, result.personId, safeRedirect(redirectTo, "/"), { context });
}

export default function SignIn() {
  const lastResult = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const submitting = useIsSubmitting();
  const [form, fields] = useForm({
    id: "sign-in",
    lastResult,
    constraint: getZodConstraint(SignInSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: SignInSchema }),
    shouldValidate: "onSubmit",
    // Errors clear as the person types: clearing them on blur moved the button under the pointer and lost the click.
    shouldRevalidate: "onInput",
  });
  return (
    <div className="sign-in card">
      <h1>Sign in to Rapport</h1>
      <Form method="post" className="stack" {...getFormProps(form)}>
        <FormErrors id={form.errorId} errors={form.errors} />
        {/* The page has one job; the field that starts it takes the cursor. */}
        {/* eslint-disable-next-line jsx-a11y/no-autofocus */}
        <Field label="Email" meta={fields.email} type="email" autoComplete="username" autoFocus />
        <Field label="Password" meta={fields.password} type="password" autoComplete="current-password" />
        <input type="hidden" name="redirectTo" value={searchParams.get("redirectTo") ?? ""} />
        <div className="actions">
          <button type="submit" disabled={submitting}>
            {submitting ? "Signing in…" : "Sign in"}
          </button>
        </div>
      </Form>
    </div>
  );
}
