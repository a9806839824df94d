import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { SsoRefusal } from "~/components/auth/sso-refusal";
import { answerSingleSignOn, completeSingleSignOn } from "~/http/single-sign-on.server";

export const meta: MetaFunction = () => [{ title: "Sign in · Rapport" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  // One outcome per attempt, settled before it is answered: the person signed in, or the reason nobody was.
  const outcome = await completeSingleSignOn(request);
  return answerSingleSignOn(request, outcome, { context });
}

export default function SingleSignOnCallback() {
  const { refusal } = useLoaderData<typeof loader>();
  return <SsoRefusal {...refusal} />;
}
