import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireLineManager } from "~/http/guards.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { LineChart } from "~/components/trends/line-chart";
import { NotComparableNote, PublishedCell } from "~/components/trends/published-cell";
import { SeriesTable } from "~/components/trends/trend-tables";
import { TrendsFilters } from "~/components/trends/trends-filters";
import { formatValue, monthLabel, QUESTION_LABELS, QUESTION_SCALE, QUESTIONS, SHORT_LABELS } from "~/domain/trends";
import { lineTrendsPage } from "~/services/trends/page.server";
import { TableScroll } from "~/components/table-scroll";

export const meta: MetaFunction = () => [{ title: "My team's trends · Rapport" }];

/** A manager's own line in aggregate, under the same rule as HR's trends: never one answer. */
export async function loader({ request }: LoaderFunctionArgs) {
  const { viewer, db } = await requireLineManager(request);
  return { view: await lineTrendsPage(db, viewer, new URL(request.url)) };
}

export default function MyTeamTrends() {
  const { view } = useLoaderData<typeof loader>();
  const { filters, k } = view;
  const q = filters.question;
  const scale = QUESTION_SCALE[q];
  return (
    <>
      <h1>My team&apos;s trends</h1>
      <p className="lede">
        Everyone in your line, direct and indirect ({view.lineSize} people today), as one group. A number shows when at
        least {k} people answered; nobody&apos;s single answer is ever shown.
      </p>
      <TrendsFilters filters={filters} months={view.months} problem={view.problem} csvAction="/my-team/trends.csv" />
      {view.problem ? (
        <p className="alert warn" role="status">
          No trends shown: “From” is later than “To”. Choose the range again above.
        </p>
      ) : (
        <>
          <section className="card" aria-labelledby="trend-heading">
            <h2 id="trend-heading">{QUESTION_LABELS[q]}</h2>
            <div className="chart-and-table">
              <LineChart
                id="line-chart"
                title={`${QUESTION_LABELS[q]}, your line, ${monthLabel(filters.from)} to ${monthLabel(filters.to)}`}
                measure={`${QUESTION_LABELS[q]}, your line`}
                months={view.series}
                min={scale.min}
                max={scale.max}
                k={k}
                format={(n) => formatValue(q, n)}
              />
              <SeriesTable
                caption={`${QUESTION_LABELS[q]} by month, your line`}
                question={q}
                months={view.series}
                k={k}
              />
            </div>
          </section>
          <section className="card" aria-labelledby="months-heading">
            <h2 id="months-heading">Every measure by month</h2>
            <TableScroll label="Every measure by month, table" className="trend-table">
              <caption className="visually-hidden">Pulse answers and checklist health of your line by month</caption>
              <thead>
                <tr>
                  <th scope="col">Month</th>
                  {QUESTIONS.map((m) => (
                    <th scope="col" key={m}>
                      {SHORT_LABELS[m]}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {view.table.map((row) => (
                  <tr key={row.month}>
                    <th scope="row">{monthLabel(row.month)}</th>
                    {QUESTIONS.map((m) => (
                      <td key={m}>
                        <PublishedCell cell={row.cells[m]} measure={m} k={k} format={(n) => formatValue(m, n)} />
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </TableScroll>
            <NotComparableNote cells={view.table.flatMap((row) => QUESTIONS.map((m) => row.cells[m]))} />
          </section>
        </>
      )}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
