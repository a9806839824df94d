import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { useIsSubmitting } from "~/components/forms";
import { LINK_HEADERS } from "~/http/password-links.server";
import { unsubscribeLinkAction, unsubscribeLinkLoader } from "~/http/unsubscribe-links.server";

export const meta: MetaFunction = () => [{ title: "Unsubscribe · Rapport" }];
export const headers: HeadersFunction = () => LINK_HEADERS;

export async function loader(args: LoaderFunctionArgs) {
  return unsubscribeLinkLoader(args);
}

export async function action(args: ActionFunctionArgs) {
  return unsubscribeLinkAction(args);
}

export default function Unsubscribe() {
  const shown = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const submitting = useIsSubmitting();
  const { what, done, errors } = answer ?? shown;
  return (
    <div className="sign-in card">
      <h1>{done ? "You are unsubscribed" : "Unsubscribe"}</h1>
      {done ? (
        <p role="status">You will no longer get {what}.</p>
      ) : (
        <>
          {errors.length ? (
            <p className="alert error" role="alert">
              {errors.join(" ")}
            </p>
          ) : null}
          <p>Stop getting {what}?</p>
          <Form method="post">
            <input type="hidden" name="List-Unsubscribe" value="One-Click" />
            <button type="submit" disabled={submitting}>
              {submitting ? "Unsubscribing…" : "Unsubscribe"}
            </button>
          </Form>
        </>
      )}
      <p>
        <Link to="/settings">Choose which messages you get in your settings</Link> (you may be asked to sign in).
      </p>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
