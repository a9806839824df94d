import { FieldErrors } from "~/components/forms";
import { monthLabel, QUESTION_LABELS, QUESTIONS, type Question } from "~/domain/trends";

interface Props {
  filters: { team: string; from: string; to: string; question: Question };
  /** The months offered: finished ones, from the first with any data. */
  months: string[];
  /** The whole team tree, each labelled with its path, for HR; absent on a manager's own line. */
  teams?: { id: string; label: string; depth: number }[];
  /** Why the range was refused (From after To), shown at the range's fields. */
  problem?: string | null;
  /** The CSV route: the Download button sends this form there, so the file holds what is chosen now. */
  csvAction: string;
}

/**
 * A plain GET form, working before JavaScript loads and sent as a document
 * (not a Remix navigation) so that its second button can send the same
 * fields to the CSV route, which answers with a download: what HR downloads
 * is what the form shows now, applied or not.
 */
export function TrendsFilters({ filters, months, teams, problem, csvAction }: Props) {
  const rangeError = problem ? "range-error" : undefined;
  return (
    // Keyed by the filters: a team link on the page changes them without reloading, and the selects must follow.
    <form key={JSON.stringify(filters)} method="get" className="trend-filters" aria-label="Filters">
      {teams ? (
        <div>
          <label htmlFor="team">Team</label>
          <select id="team" name="team" defaultValue={filters.team}>
            {teams.map((t) => (
              <option key={t.id} value={t.id}>
                {t.label}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      <MonthSelect name="from" label="From" months={months} value={filters.from} errorId={rangeError} />
      <div>
        <MonthSelect name="to" label="To" months={months} value={filters.to} errorId={rangeError} bare />
        <FieldErrors id="range-error" errors={problem ? [problem] : null} />
      </div>
      <div>
        <label htmlFor="question">Trend of</label>
        <select id="question" name="question" defaultValue={filters.question}>
          {QUESTIONS.map((q) => (
            <option key={q} value={q}>
              {QUESTION_LABELS[q]}
            </option>
          ))}
        </select>
      </div>
      <div className="actions">
        <button type="submit">Show</button>
        <button type="submit" className="secondary" formAction={csvAction}>
          Download CSV
        </button>
      </div>
    </form>
  );
}

function MonthSelect({
  name,
  label,
  months,
  value,
  errorId,
  bare = false,
}: {
  name: string;
  label: string;
  months: readonly string[];
  value: string;
  errorId?: string;
  /** Without its own wrapper, when the caller puts the range's message under it. */
  bare?: boolean;
}) {
  const field = (
    <>
      <label htmlFor={name}>{label}</label>
      <select
        id={name}
        name={name}
        defaultValue={value}
        aria-invalid={errorId ? true : undefined}
        aria-describedby={errorId}
      >
        {months.map((m) => (
          <option key={m} value={m}>
            {monthLabel(m)}
          </option>
        ))}
      </select>
    </>
  );
  return bare ? field : <div>{field}</div>;
}
