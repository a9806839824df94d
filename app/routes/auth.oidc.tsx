import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { SsoRefusal } from "~/components/auth/sso-refusal";
import { startSingleSignOn } from "~/http/single-sign-on.server";

export const meta: MetaFunction = () => [{ title: "Sign in · Rapport" }];

/**
 * A GET, reached by a link on the sign-in page: a form's POST answered with a
 * redirect to the provider would fall foul of the CSP's form-action 'self'.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  return startSingleSignOn(request);
}

export default function StartSingleSignOn() {
  const { refusal } = useLoaderData<typeof loader>();
  return <SsoRefusal {...refusal} />;
}
