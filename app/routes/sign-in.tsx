import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import {
  data,
  redirect,
  type ActionFunctionArgs,
  type HeadersFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { passwordSignInEnabled, singleSignOn } from "~/env.server";
import { getViewer, safeRedirect, startSession } from "~/http/session.server";
import { deviceCookieFor, trustedDeviceFor } from "~/http/device-cookie.server";
import { START_PATH } from "~/http/single-sign-on.server";
import { Field, FormErrors, useIsSubmitting } from "~/components/forms";
import { TimeZoneGuess } from "~/components/auth/time-zone-guess";
import { SignInSchema } from "~/schemas/auth";
import { getDb } from "~/services/db.server";
import { signIn } from "~/services/sign-in.server";
import { readFormData } from "~/http/form-data.server";
import { clientAddress } from "~/http/request.server";
import { recordSecurityEvent, typedEmailLabel } from "~/services/security-log.server";

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
  const sso = singleSignOn();
  const redirectTo = new URL(request.url).searchParams.get("redirectTo");
  return {
    singleSignOn: sso
      ? { name: sso.name, href: redirectTo ? `${START_PATH}?${new URLSearchParams({ redirectTo })}` : START_PATH }
      : null,
    passwordSignIn: passwordSignInEnabled(),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await readFormData(request);
  const submission = parseWithZod(formData, { schema: SignInSchema });
  if (!passwordSignInEnabled()) {
    // The form is not shown; a hand-made POST is told why it is refused rather than checked.
    const message = `Signing in with a password is turned off here. Sign in with ${singleSignOn()?.name ?? "single sign-on"}.`;
    return data(submission.reply({ formErrors: [message], hideFields: ["password"] }), { status: 403 });
  }
  if (submission.status !== "success") {
    return data(submission.reply({ hideFields: ["password"] }), { status: 400 });
  }
  const { email, password, redirectTo } = submission.value;
  const db = await getDb();
  const now = new Date();
  const address = clientAddress(request, context);
  // A browser that signed in as this email before is counted on its own: strangers can not lock it out.
  const device = await trustedDeviceFor(request, email);
  const result = await signIn(db, { email, password, ip: address, device }, now);
  const userAgent = request.headers.get("User-Agent");
  // Logged whatever the outcome; the answer below still never says whether the e-mail exists.
  await recordSecurityEvent(
    db,
    result.ok
      ? { kind: "sign-in.password", actorId: result.personId, subjectId: result.personId, address, userAgent }
      : {
          kind: "sign-in.password",
          outcome: result.reason === "throttled" ? "refused" : "failure",
          actorLabel: typedEmailLabel(email),
          address,
          userAgent,
          detail: { reason: result.reason },
        },
    now,
  );
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
  return startSession(request, result.personId, safeRedirect(redirectTo, "/"), {
    context,
    alsoSet: [trusted],
    guessedTimeZone: formData.get("timeZone"),
  });
}

export default function SignIn() {
  const { singleSignOn, passwordSignIn } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const redirectTo = searchParams.get("redirectTo");
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
      {singleSignOn ? (
        <div className="actions">
          {/* A link, not a form: the provider is another origin, which the CSP's form-action would refuse. */}
          <a className="button" href={singleSignOn.href}>
            Sign in with {singleSignOn.name}
          </a>
        </div>
      ) : null}
      {singleSignOn && passwordSignIn ? <p className="muted">or with your email and password:</p> : null}
      {passwordSignIn ? (
        <Form method="post" className="stack" {...getFormProps(form)}>
          <FormErrors id={form.errorId} errors={form.errors} />
          {/* The page has one job; the field that starts it takes the cursor. */}
          {/* eslint-disable-next-line jsx-a11y/no-autofocus */}
          <Field label="Email" meta={fields.email} type="email" autoComplete="username" autoFocus />
          <Field label="Password" meta={fields.password} type="password" autoComplete="current-password" />
          <input type="hidden" name="redirectTo" value={redirectTo ?? ""} />
          <TimeZoneGuess />
          <div className="actions">
            <button type="submit" disabled={submitting}>
              {submitting ? "Signing in…" : "Sign in"}
            </button>
            <Link to="/forgot-password">Forgot your password?</Link>
          </div>
        </Form>
      ) : (
        <FormErrors id={form.errorId} errors={form.errors} />
      )}
    </div>
  );
}
