import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Links, Meta, Outlet, Scripts, ScrollRestoration, useRouteLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import { getCurrentSession } from "~/http/session.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { SubmissionSeed } from "~/components/forms";
import { SiteHeader } from "~/components/site-header";
import stylesHref from "~/styles/app.css?url";
import { DatesProvider } from "~/utils/dates";
import { useNonce } from "~/utils/nonce";
import { DEFAULT_TIME_ZONE } from "~/domain/time-zones";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesHref },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export const meta: MetaFunction = () => [{ title: "Rapport" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const session = await getCurrentSession(request);
  return {
    viewer: session?.viewer ?? null,
    // Signed out, times read in UTC: a browser's zone is only known once it signs in.
    timeZone: session?.timeZone ?? DEFAULT_TIME_ZONE,
    // New each time the page's data is loaded, so after every save: the forms' keys derive from it (ADR 031).
    submissionSeed: crypto.randomUUID(),
  };
}

export function Layout({ children }: { children: ReactNode }) {
  const data = useRouteLoaderData<typeof loader>("root");
  const nonce = useNonce();
  return (
    <html lang="en">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        <a className="skip-link" href="#main">
          Skip to content
        </a>
        <SiteHeader viewer={data?.viewer ?? null} />
        <DatesProvider timeZone={data?.timeZone ?? DEFAULT_TIME_ZONE}>
          <main id="main">
            <SubmissionSeed.Provider value={data?.submissionSeed ?? ""}>{children}</SubmissionSeed.Provider>
          </main>
        </DatesProvider>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
