import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { YourDataSection } from "~/components/privacy/your-data";
import { requireSelf } from "~/http/guards.server";

export const meta: MetaFunction = () => [{ title: "Your privacy · Rapport" }];

/**
 * The person's privacy page. This minimal version holds "Your data" (ADR 042) only; the access receipts
 * are another branch's, and the two pages are merged into one.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireSelf(request);
  return null;
}

export default function YourPrivacy() {
  return (
    <>
      <h1>Your privacy</h1>
      <YourDataSection />
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
