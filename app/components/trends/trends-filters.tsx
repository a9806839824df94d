import { Form } from "@remix-run/react";
import { monthLabel, QUESTION_LABELS, QUESTIONS, type Question } from "~/domain/trends";

interface Props {
  filters: { team: string; from: string; to: string; question: Question };
  months: string[];
  /** The team tree, for HR; absent on a manager's own line. */
  teams?: { id: string; name: string; depth: number }[];
  csvHref: string;
}

/** A plain GET form: every view is a link, and it works before JavaScript loads. */
export function TrendsFilters({ filters, months, teams, csvHref }: Props) {
  return (
    <Form method="get" className="trend-filters" aria-label="Filters">
      {teams ? (
        <div>
          <label htmlFor="team">Team</label>
          <select id="team" name="team" defaultValue={filters.team}>
            {teams.map((t) => (
              <option key={t.id} value={t.id}>
                {`${"\u00a0\u00a0".repeat(t.depth)}${t.name}`}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      <div>
        <label htmlFor="from">From</label>
        <select id="from" name="from" defaultValue={filters.from}>
          {months.map((m) => (
            <option key={m} value={m}>
              {monthLabel(m)}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="to">To</label>
        <select id="to" name="to" defaultValue={filters.to}>
          {months.map((m) => (
            <option key={m} value={m}>
              {monthLabel(m)}
            </option>
          ))}
        </select>
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
        <a className="button secondary" href={csvHref} download>
          Download CSV
        </a>
      </div>
    </Form>
  );
}
