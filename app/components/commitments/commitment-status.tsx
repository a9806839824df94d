import type { CommitmentState } from "~/domain/enums";
import { STATE_LABELS } from "~/domain/commitments";

/** What a list or page needs to say where a commitment stands; dates may arrive as strings. */
export interface CommitmentStanding {
  state: CommitmentState;
  stalled: boolean;
  remorseDue: boolean;
  description: string;
}

const STATE_TONE: Record<CommitmentState, string> = {
  proposed: "",
  committed: "",
  in_progress: "",
  done: "ok",
  abandoned: "",
};

/** The state, plus "stalled" in the warning colour and "still glad?" when the remorse check is due. */
export function CommitmentBadges({
  commitment,
  checkedIn = false,
}: {
  commitment: CommitmentStanding;
  checkedIn?: boolean;
}) {
  return (
    <span className="commitment-badges">
      <span className={`badge ${STATE_TONE[commitment.state]}`} data-testid="commitment-state">
        {STATE_LABELS[commitment.state]}
      </span>
      {checkedIn ? (
        <span className="badge ok" role="status">
          checked in
        </span>
      ) : commitment.stalled ? (
        <span className="badge warn" data-testid="commitment-stalled">
          stalled
        </span>
      ) : null}
      {commitment.remorseDue ? <span className="badge warn">still-glad check due</span> : null}
    </span>
  );
}
