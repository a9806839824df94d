import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { allows } from "~/auth/authorize.server";
import { requireAccountHead } from "~/http/guards.server";
import { ChecklistStanding } from "~/components/account/checklist-standing";
import { AuditTrail } from "~/components/account/audit-trail";
import { MeetingHistory, NextMeetingLink } from "~/components/account/meeting-history";
import { GoalProgressBar } from "~/components/goals/goal-progress-bar";
import { AccountSearch } from "~/components/search/account-search";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { cadenceStatus } from "~/domain/cadence";
import { checklistHealth, pointStandings, ratingTrend } from "~/domain/checklist";
import { goalAttentionReasons } from "~/domain/goals";
import { CommitmentList } from "~/components/commitments/commitment-list";
import { RiskList } from "~/components/risks/risk-list";
import { isoDate } from "~/domain/dates";
import { readWithReceipt } from "~/services/access-receipts.server";
import { getAccount } from "~/services/account.server";
import { listCommitmentsFor } from "~/services/commitments.server";
import { listRisksForAccount } from "~/services/risks.server";
import { useDates } from "~/utils/dates";
import { TableScroll } from "~/components/table-scroll";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.person.name} · Rapport` : "Rapport" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { viewer, db, subject, person } = await requireAccountHead(request, params.personId, "account:read");
  const now = new Date();
  // The read and its receipt commit together (ADR 041): a skip-level manager's read is on the report's /me/privacy.
  const [account, risks, commitments] = await readWithReceipt(db, viewer, subject, "account", (tx) =>
    Promise.all([
      getAccount(tx, viewer, subject, now),
      listRisksForAccount(tx, viewer, subject),
      listCommitmentsFor(tx, viewer, subject, now),
    ]),
  );

  const keys = account.points.map((p) => p.key);
  const standings = pointStandings(account.assessments, keys).map((s) => ({
    ...s,
    managerTrend: ratingTrend(account.assessments, s.pointKey, "manager"),
    selfTrend: ratingTrend(account.assessments, s.pointKey, "self"),
  }));
  // The rhythm is the current pair's: a shared earlier 1:1 does not count as their last one.
  const lastHeld = account.past.find((m) => m.status === "held" && !m.sharedEarlier)?.heldAt ?? null;
  const canManage = allows(viewer, "account:manage", { subject });
  return {
    person,
    canManage,
    readerId: viewer.id,
    risks,
    commitments,
    canWriteRisks: allows(viewer, "risk:write", { subject }),
    today: isoDate(now),
    goals: account.goals.map((g) => ({ ...g, attention: goalAttentionReasons(g, now) })),
    points: account.points.map(({ key, lens, title }) => ({ key, lens, title })),
    standings,
    health: checklistHealth(standings),
    cadence:
      person.intervalDays && person.seriesStartedAt
        ? cadenceStatus({
            intervalDays: person.intervalDays,
            lastHeldAt: lastHeld,
            seriesStartedAt: person.seriesStartedAt,
            now,
          })
        : null,
    // Only the pair's own 1:1s open from here: a meeting with a former manager is theirs.
    next: account.next
      ? { ...account.next, canOpen: canManage && account.next.managerId === person.managerId, sharedBy: null }
      : null,
    past: account.past.map((m) => ({
      ...m,
      canOpen: canManage && (m.managerId === person.managerId || m.sharedEarlier),
      sharedBy: m.sharedEarlier ? person.name : null,
    })),
    trail: account.trail,
    pointTitles: Object.fromEntries(account.points.map((p) => [p.key, p.title])),
  };
}

const CADENCE_BADGE = { ok: "ok", late: "warn", overdue: "bad" } as const;

export default function Account() {
  const dates = useDates();
  const data = useLoaderData<typeof loader>();
  const { person } = data;
  const [params] = useSearchParams();
  return (
    <>
      <h1>{person.name}</h1>
      <p className="lede">
        {person.team ?? "No team"} · reports to {person.managerName ?? "nobody"}
        {data.cadence ? (
          <>
            {" "}
            · <span className={`badge ${CADENCE_BADGE[data.cadence.health]}`}>{data.cadence.reason}</span>
          </>
        ) : null}
      </p>
      {data.canManage ? (
        <p className="actions">
          <NextMeetingLink next={data.next} personId={person.id} />
          <Link className="button secondary" to={`/people/${person.id}/checklist`}>
            Rate the checklist
          </Link>
          <Link className="button secondary" to={`/people/${person.id}/rhythm`}>
            1:1 rhythm
          </Link>
        </p>
      ) : (
        <p className="alert warn">
          You are reading this account as a skip-level manager: nothing here can be changed from your view.
        </p>
      )}

      {data.canManage ? <AccountSearch personId={person.id} personName={person.name} /> : null}

      <section className="card" aria-labelledby="goals">
        <h2 id="goals">Their goals</h2>
        {data.goals.length ? (
          <TableScroll label="Their goals table">
            <thead>
              <tr>
                <th scope="col">Goal</th>
                <th scope="col">Why it matters to them</th>
                <th scope="col">Progress</th>
                <th scope="col">Target</th>
                <th scope="col">Attention</th>
              </tr>
            </thead>
            <tbody>
              {data.goals.map((g) => (
                <tr key={g.id}>
                  <td>
                    {g.title} {g.status !== "active" ? <span className="badge">{g.status}</span> : null}
                  </td>
                  <td className="muted">{g.whyItMatters || "—"}</td>
                  <td>
                    <GoalProgressBar title={g.title} progress={g.progress} />
                  </td>
                  <td>{dates.date(g.targetDate)}</td>
                  <td>
                    {g.attention.map((r) => (
                      <span className="badge warn" key={r}>
                        {r}
                      </span>
                    ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </TableScroll>
        ) : (
          <p className="empty">No goals yet. Ask what would make the next three months a success for them.</p>
        )}
      </section>

      <section className="card" aria-labelledby="commitments-heading" id="commitments">
        <div className="section-head">
          <h2 id="commitments-heading">Change commitments</h2>
          {data.canManage ? (
            <Link
              to={`/people/${person.id}/commitments/new?redirectTo=/people/${person.id}`}
              className="button secondary"
            >
              Propose a change
            </Link>
          ) : null}
        </div>
        <CommitmentList
          commitments={data.commitments}
          viewerRole={data.canManage ? "manager" : "skip-level"}
          redirectTo={`/people/${person.id}`}
        />
      </section>

      <section className="card" aria-labelledby="risks-heading" id="risks">
        <h2 id="risks-heading">Risks</h2>
        <p className="muted small">Only you and your manager line see these; never {person.name}, HR or anyone else.</p>
        <RiskList risks={data.risks} personId={person.id} canWrite={data.canWriteRisks} today={data.today} />
      </section>

      <section className="card" aria-labelledby="checklist-heading" id="checklist">
        <h2 id="checklist-heading">
          Checklist {data.health !== null ? <span className="badge">health {data.health} / 5</span> : null}
        </h2>
        {params.get("rated") === "1" ? (
          <p className="alert ok" role="status">
            Your ratings are saved. They sit beside {person.name}&rsquo;s own below.
          </p>
        ) : null}
        <ChecklistStanding points={data.points} standings={data.standings} />
      </section>

      <section className="card" aria-labelledby="history">
        <h2 id="history">1:1 history</h2>
        <MeetingHistory next={data.next} past={data.past} />
      </section>

      <section className="card" aria-labelledby="trail">
        <h2 id="trail">Changes</h2>
        <AuditTrail events={data.trail} readerId={data.readerId} pointTitles={data.pointTitles} />
      </section>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
