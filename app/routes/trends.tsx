import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireTrendsReader } from "~/http/guards.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { HeatMap } from "~/components/trends/heat-map";
import { LineChart } from "~/components/trends/line-chart";
import { LensTable, PointTable, SeriesTable, TeamTable } from "~/components/trends/trend-tables";
import { TrendsFilters } from "~/components/trends/trends-filters";
import { formatValue, monthLabel, QUESTION_LABELS, QUESTION_SCALE } from "~/domain/trends";
import { hrTrendsPage } from "~/services/trends/page.server";
import { notFound } from "~/http/errors.server";

export const meta: MetaFunction = () => [{ title: "Engagement trends · Rapport" }];

/** HR only. Every cell has passed the anonymity rule before it reaches this page. */
export async function loader({ request }: LoaderFunctionArgs) {
  const { viewer, db } = await requireTrendsReader(request);
  const view = await hrTrendsPage(db, viewer, new URL(request.url));
  if (!view) throw notFound("We could not find that team.");
  return { view };
}

export default function Trends() {
  const { view } = useLoaderData<typeof loader>();
  const { filters, k } = view;
  const query = (over: Record<string, string>) => `?${new URLSearchParams({ ...filters, ...over })}`;
  const q = filters.question;
  const scale = QUESTION_SCALE[q];
  return (
    <>
      <h1>Engagement trends</h1>
      <p className="lede">
        Anonymized aggregates only. A number shows when at least {k} people stand behind it, and never when it could be
        worked out by subtracting other numbers; teams of fewer than {k} people count in their parent. Months show once
        they are over.
      </p>
      <TrendsFilters
        filters={filters}
        months={view.months}
        teams={view.teamOptions}
        problem={view.problem}
        csvAction="/trends.csv"
      />

      {view.problem ? (
        <p className="alert warn" role="status">
          No trends shown: “From” is later than “To”. Choose the range again above.
        </p>
      ) : (
        <>
          <nav aria-label="Team path" className="breadcrumbs">
            {view.team.path.map((t, i) => (
              <span key={t.id}>
                {i ? " › " : ""}
                {i < view.team.path.length - 1 ? (
                  <Link to={query({ team: t.id })}>{t.name}</Link>
                ) : (
                  <strong>{t.name}</strong>
                )}
              </span>
            ))}
          </nav>

          <section className="card" aria-labelledby="trend-heading">
            <h2 id="trend-heading">
              {QUESTION_LABELS[q]} · {view.team.name}
            </h2>
            <div className="chart-and-table">
              <LineChart
                id="trend-chart"
                title={`${QUESTION_LABELS[q]}, ${view.team.name}, ${monthLabel(filters.from)} to ${monthLabel(filters.to)}`}
                measure={`${QUESTION_LABELS[q]}, ${view.team.name}`}
                months={view.series}
                min={scale.min}
                max={scale.max}
                k={k}
                format={(n) => formatValue(q, n)}
              />
              <SeriesTable
                caption={`${QUESTION_LABELS[q]} by month, ${view.team.name}`}
                question={q}
                months={view.series}
                k={k}
              />
            </div>
          </section>

          <section className="card" aria-labelledby="teams-heading">
            <h2 id="teams-heading">By team</h2>
            <TeamTable month={view.teams.month} rows={view.teams.rows} k={k} link={(id) => query({ team: id })} />
          </section>

          <section className="card" aria-labelledby="lens-heading">
            <h2 id="lens-heading">Checklist health by lens</h2>
            <div className="chart-over-table">
              <HeatMap
                id="lens-map"
                title={`Checklist health by team and lens, ${monthLabel(view.lenses.month)}`}
                rows={view.lenses.rows}
                k={k}
              />
              <LensTable month={view.lenses.month} rows={view.lenses.rows} k={k} link={(id) => query({ team: id })} />
            </div>
          </section>

          <section className="card" aria-labelledby="points-heading">
            <h2 id="points-heading">Checklist health per point</h2>
            {view.points.team.id !== view.team.id ? (
              <p className="muted small">
                Points are broken down for the whole organisation and top-level teams only; this is{" "}
                {view.points.team.name}.
              </p>
            ) : null}
            <PointTable month={view.points.month} team={view.points.team.name} rows={view.points.rows} k={k} />
          </section>
        </>
      )}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
