import { Link } from "@remix-run/react";
import { isoDate } from "~/domain/dates";
import type { RiskKind, RiskStatus } from "~/domain/enums";
import { isReviewDue, riskLevelOf, type RiskLevel } from "~/domain/risks";
import { RISK_KIND_LABELS } from "~/schemas/risks";
import { useDates } from "~/utils/dates";
import { TableScroll } from "~/components/table-scroll";

export interface RiskListItem {
  id: string;
  kind: RiskKind;
  description: string;
  likelihood: number;
  impact: number;
  reviewOn: string | null;
  status: RiskStatus;
  authorName?: string | null;
}

interface Props {
  risks: RiskListItem[];
  personId: string;
  /** Only the direct manager records and changes risks; a skip-level manager reads. */
  canWrite: boolean;
  /** Today as YYYY-MM-DD, from the loader, so server and browser agree on what is due. */
  today?: string;
}

const LEVEL_BADGE: Record<RiskLevel, string> = { low: "ok", medium: "warn", high: "bad" };

export function RiskLevelBadge({ likelihood, impact }: { likelihood: number; impact: number }) {
  const level = riskLevelOf({ likelihood, impact });
  return (
    <span className={`badge ${LEVEL_BADGE[level]}`} title={`likelihood ${likelihood} × impact ${impact}`}>
      {level}
    </span>
  );
}

/** A report's risks for their account page: manager line only, open and most serious first. */
export function RiskList({ risks, personId, canWrite, today }: Props) {
  const dates = useDates();
  const now = new Date(`${today ?? isoDate(new Date())}T12:00:00Z`);
  return (
    <>
      {risks.length ? (
        <TableScroll label="Risks table" className="risks">
          <thead>
            <tr>
              <th scope="col">Kind</th>
              <th scope="col">What could happen</th>
              <th scope="col">Level</th>
              <th scope="col">Review</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {risks.map((r) => (
              <tr key={r.id} className={r.status === "closed" ? "closed" : undefined}>
                <td>{RISK_KIND_LABELS[r.kind]}</td>
                <td>
                  <Link to={`/people/${personId}/risks/${r.id}`}>{r.description}</Link>
                  {r.authorName ? <span className="muted small"> · by {r.authorName}</span> : null}
                </td>
                <td>
                  <RiskLevelBadge likelihood={r.likelihood} impact={r.impact} />
                </td>
                <td>
                  {r.status === "open" ? dates.date(r.reviewOn) : "—"}
                  {isReviewDue(r, now) ? <span className="badge warn">review due</span> : null}
                </td>
                <td>{r.status}</td>
              </tr>
            ))}
          </tbody>
        </TableScroll>
      ) : (
        <p className="empty">
          No risks recorded. A risk is yours to watch, never a label on them: they will not see it.
        </p>
      )}
      {canWrite ? (
        <p className="actions">
          <Link className="button secondary" to={`/people/${personId}/risks/new`}>
            Record a risk
          </Link>
        </p>
      ) : null}
    </>
  );
}
