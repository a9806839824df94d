import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { authorize } from "~/auth/authorize.server";
import { requireViewer } from "~/auth/session.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { getDb } from "~/services/db.server";
import { getOrganisationOverview } from "~/services/trends.server";

export const meta: MetaFunction = () => [{ title: "Engagement trends · Rapport" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requireViewer(request);
  authorize(viewer, "trends:read", null);
  return { overview: await getOrganisationOverview(await getDb()) };
}

export default function Trends() {
  const { overview } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Engagement trends</h1>
      <p className="lede">
        Anonymized aggregates only: no names, no single answers, and no group smaller than the anonymity threshold.
      </p>
      <section className="card">
        <h2>Organisation</h2>
        <p>
          {overview.teams} teams · {overview.activePeople} active people
        </p>
        <p className="muted">Trends by team and month are prepared from pulses and checklist assessments.</p>
      </section>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
