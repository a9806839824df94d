import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { requireViewer } from "~/http/guards.server";
import {
  ATTENTION_LEGEND,
  cadenceWords,
  reportHealth,
  sortReports,
  SORTS,
  type ReportHealth,
  type Sort,
} from "~/domain/health";
import { getMyPeopleFacts } from "~/services/my-people.server";
import { useDates } from "~/utils/dates";
import { TableScroll } from "~/components/table-scroll";

export const meta: MetaFunction = () => [{ title: "My people · Rapport" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { viewer, db } = await requireViewer(request);
  const requested = new URL(request.url).searchParams.get("sort");
  const sort: Sort = SORTS.includes(requested as Sort) ? (requested as Sort) : "attention";
  const now = new Date();
  // Listing one's own direct reports needs no role: every query is scoped to the viewer.
  const facts = await getMyPeopleFacts(db, viewer, now);
  const rows = facts.reports.map((r) =>
    reportHealth(
      r,
      facts.activeGoals.filter((g) => g.ownerId === r.id),
      facts.openCommitments.filter((c) => c.personId === r.id),
      now,
    ),
  );
  return { rows: sortReports(rows, sort), sort };
}

const COLUMNS: { sort: Sort | null; label: string }[] = [
  { sort: "name", label: "Person" },
  { sort: "attention", label: "Needs attention" },
  { sort: null, label: "Goals" },
  { sort: null, label: "Commitments" },
  { sort: "follow-ups", label: "Follow-ups" },
  { sort: "risk", label: "Risks" },
  { sort: "last-1on1", label: "Last 1:1" },
  { sort: "health", label: "Checklist" },
];

const CADENCE_BADGE = { ok: "ok", late: "warn", overdue: "bad" } as const;

export default function MyPeople() {
  const { rows, sort } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  return (
    <>
      <h1>My people</h1>
      <p className="lede">
        Each of your reports, like a customer account: their success first. Neediest first unless you sort otherwise.
      </p>
      {rows.length ? <Legend /> : null}
      {rows.length ? (
        <TableScroll label="Your direct reports" className="health">
          <caption className="visually-hidden">Your direct reports and what needs your attention</caption>
          <thead>
            <tr>
              {COLUMNS.map((c) => (
                <th scope="col" key={c.label} aria-sort={c.sort && c.sort === sort ? "descending" : undefined}>
                  {c.sort ? (
                    <Link
                      to={`?${new URLSearchParams({ ...Object.fromEntries(params), sort: c.sort })}`}
                      preventScrollReset
                    >
                      {c.label}
                      {c.sort === sort ? " ▾" : ""}
                    </Link>
                  ) : (
                    c.label
                  )}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <HealthRow key={r.id} row={r} />
            ))}
          </tbody>
        </TableScroll>
      ) : (
        <p className="empty">Nobody reports to you yet.</p>
      )}
    </>
  );
}

function HealthRow({ row: r }: { row: ReportHealth }) {
  const dates = useDates();
  return (
    <tr data-testid={`report-${r.id}`}>
      <th scope="row">
        <Link to={`/people/${r.id}`}>{r.name}</Link>
        <div className="muted small">{r.team ?? ""}</div>
      </th>
      <td>{r.attention ? <span className="badge warn">{r.attention}</span> : <span className="badge ok">0</span>}</td>
      <td title={r.goalReasons.join("; ")}>
        {r.goalsNeedingAttention ? `${r.goalsNeedingAttention} need attention` : "on track"}
      </td>
      <td>
        {r.openCommitments} open
        {r.stalledCommitments ? <span className="badge warn">{r.stalledCommitments} stalled</span> : null}
        {r.remorseChecksDue ? <span className="badge">{r.remorseChecksDue} remorse check</span> : null}
      </td>
      <td>
        {r.openActions} open
        {r.overdueActions ? <span className="badge bad">{r.overdueActions} overdue</span> : null}
      </td>
      <td>
        {r.openRisks ? (
          <span className={`badge ${r.highestRisk === "high" ? "bad" : r.highestRisk === "medium" ? "warn" : ""}`}>
            {r.openRisks} · {r.highestRisk}
          </span>
        ) : (
          "none"
        )}
      </td>
      <td>
        {r.cadence ? <CadenceCell cadence={r.cadence} /> : <span className="muted">no rhythm set</span>}
        <div className="muted small">
          {r.nextMeetingId ? (
            <Link to={`/meetings/${r.nextMeetingId}`}>next {dates.dateTime(r.nextMeetingAt)}</Link>
          ) : (
            "nothing planned"
          )}
        </div>
      </td>
      <td>{r.checklistHealth === null ? <span className="muted">not rated</span> : `${r.checklistHealth} / 5`}</td>
    </tr>
  );
}

/** How long since the pair last met, and their rhythm; a pair that never met says so. */
function CadenceCell({ cadence }: { cadence: NonNullable<ReportHealth["cadence"]> }) {
  const words = cadenceWords(cadence);
  return (
    <>
      <span className={`badge ${CADENCE_BADGE[cadence.health]}`}>{words.headline}</span>
      <div className="muted small">{words.detail}</div>
    </>
  );
}

/** What the figures mean, on the page itself: a phone has no hover title. */
function Legend() {
  return (
    <details className="legend" data-testid="my-people-legend">
      <summary>What the columns mean</summary>
      <dl className="small">
        <dt>Needs attention</dt>
        <dd>{ATTENTION_LEGEND}</dd>
        <dt>Last 1:1</dt>
        <dd>
          How long since you last met, and your rhythm. Green within the rhythm, amber past it, red past twice it.
          &ldquo;No 1:1 yet&rdquo; when you have not met since the rhythm was set.
        </dd>
        <dt>Checklist</dt>
        <dd>
          The average of the latest ratings, yours and theirs, across the checklist points: 1 means going badly, 5 going
          well.
        </dd>
      </dl>
    </details>
  );
}
