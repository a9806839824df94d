import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import {
  data,
  redirect,
  type ActionFunctionArgs,
  type HeadersFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import { getViewer, safeRedirect, startSession } from "~/http/session.server";
import { deviceCookieFor, trustedDeviceFor } from "~/http/device-cookie.server";
import { Field, FormErrors } from "~/components/forms";
import { SignInSchema } from "~/schemas/auth";
import { getDb } from "~/services/db.server";
import { signIn } from "~/services/sign-in.server";
import { readFormData } from "~/http/form-data.server";
import { clientAddress } from "~/http/request.server";

export const meta: MetaFunction = () => [{ title: "Sign in · Rapport" }];

/** A refused sign-in says when to try again: the action's Retry-After reaches the response. */
export const headers: HeadersFunction = ({ actionHeaders, parentHeaders }) => {
  const merged = new Headers(parentHeaders);
  const retryAfter = actionHeaders.get("Retry-After");
  if (retryAfter) merged.set("Retry-After", retryAfter);
  return merged;
};

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
  // A browser that signed in as this email before is counted on its own: strangers can not lock it out.
  const device = await trustedDeviceFor(request, email);
  const result = await signIn(await getDb(), { email, password, ip: clientAddress(request, context), device }, new Date());
  if (!result.ok) {
    if (result.reason === "throttled") {
      const minutes = Math.ceil(result.retryAfterSeconds / 60);
      const message = device
        ? `Too many sign-in attempts from this browser. Please wait ${minutes} minutes and try again.`
        : `Too many sign-in attempts. Please wait ${minutes} minutes and try again, or sign in from a browser you have used Rapport on before.`;
      return data(submission.reply({ formErrors: [message], hideFields: ["password"] }), {
        status: 429,
        headers: { "Retry-After": String(result.retryAfterSeconds) },
      });
    }
    const message = "That email and password do not match. Check both and try again.";
    return data(submission.reply({ formErrors: [message], hideFields: ["password"] }), { status: 401 });
  }
  const trusted = await deviceCookieFor(request, email, device);
  return startSession(request, result.personId, safeRedirect(redirectTo, "/"), { context, alsoSet: [trusted] });
}

export default function SignIn() {
  const lastResult = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const navigation = useNavigation();
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
        <Field label="Email" htmlFor={fields.email.id} errors={fields.email.errors} errorId={fields.email.errorId}>
          {/* The page has one job; the field that starts it takes the cursor. */}
          {/* eslint-disable-next-line jsx-a11y/no-autofocus */}
          <input {...getInputProps(fields.email, { type: "email" })} autoComplete="username" autoFocus />
        </Field>
        <Field
          label="Password"
          htmlFor={fields.password.id}
          errors={fields.password.errors}
          errorId={fields.password.errorId}
        >
          <input {...getInputProps(fields.password, { type: "password" })} autoComplete="current-password" />
        </Field>
        <input type="hidden" name="redirectTo" value={searchParams.get("redirectTo") ?? ""} />
        <div className="actions">
          <button type="submit" disabled={navigation.state === "submitting"}>
            {navigation.state === "submitting" ? "Signing in…" : "Sign in"}
          </button>
        </div>
      </Form>
    </div>
  );
}
