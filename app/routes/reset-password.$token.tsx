import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { ChoosePasswordPage } from "~/components/choose-password";
import { LINK_HEADERS, passwordLinkAction, passwordLinkLoader } from "~/http/password-links.server";

export const meta: MetaFunction = () => [{ title: "New password · Rapport" }];
export const headers: HeadersFunction = () => LINK_HEADERS;

export async function loader(args: LoaderFunctionArgs) {
  return passwordLinkLoader(args, "reset");
}

export async function action(args: ActionFunctionArgs) {
  return passwordLinkAction(args, "reset");
}

export default function Page() {
  const { person } = useLoaderData<typeof loader>();
  return (
    <ChoosePasswordPage title="Choose a new password" person={person} lastResult={useActionData<typeof action>()} />
  );
}
