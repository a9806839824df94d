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
      <MonthSelect name="from" label="From" months={months} value={filters.from} />
      <MonthSelect name="to" label="To" months={months} value={filters.to} />
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

function MonthSelect({
  name,
  label,
  months,
  value,
}: {
  name: string;
  label: string;
  months: readonly string[];
  value: string;
}) {
  return (
    <div>
      <label htmlFor={name}>{label}</label>
      <select id={name} name={name} defaultValue={value}>
        {months.map((m) => (
          <option key={m} value={m}>
            {monthLabel(m)}
          </option>
        ))}
      </select>
    </div>
  );
}
