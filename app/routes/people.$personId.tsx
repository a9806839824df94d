import type { LoaderFunctionArgs } from "@remix-run/node";
import { Outlet, type ShouldRevalidateFunction } from "@remix-run/react";
import type { PagePerson } from "~/components/account/use-person";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { requireAccount } from "~/http/guards.server";

/**
 * The pages about one person: their account, checklist, rhythm, risks. Every
 * page asks for at least an account-level read by the manager line, so that
 * is the rule here: the name goes to nobody a page would refuse. Each page
 * still authorizes itself under its own rule; this only loads the name once.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { person } = await requireAccount(request, params.personId, "account:read");
  return { person } satisfies { person: PagePerson };
}

/**
 * Moving between one person's pages, or saving on them, leaves the name as it
 * was (only the admin pages change it), so the layout's query runs once per
 * person, not once per navigation. The pages' own loaders still run and refuse.
 */
export const shouldRevalidate: ShouldRevalidateFunction = ({ currentParams, nextParams }) =>
  currentParams.personId !== nextParams.personId;

export default function PersonLayout() {
  return <Outlet />;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
