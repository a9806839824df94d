import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { ChoosePasswordPage } from "~/components/choose-password";
import { LINK_HEADERS, passwordLinkAction, passwordLinkLoader } from "~/http/password-links.server";

export const meta: MetaFunction = () => [{ title: "Invitation · Rapport" }];
export const headers: HeadersFunction = () => LINK_HEADERS;

export async function loader(args: LoaderFunctionArgs) {
  return passwordLinkLoader(args, "invite");
}

export async function action(args: ActionFunctionArgs) {
  return passwordLinkAction(args, "invite");
}

export default function Page() {
  const { person } = useLoaderData<typeof loader>();
  return <ChoosePasswordPage title="Welcome to Rapport" person={person} lastResult={useActionData<typeof action>()} />;
}
