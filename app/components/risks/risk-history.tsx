import { RISK_FIELD_LABELS, RISK_KIND_LABELS, SCALE_LABELS } from "~/schemas/risks";
import { formatDate } from "~/utils/format";
import { useDates } from "~/utils/dates";

interface Event {
  id: string;
  actorName: string | null;
  action: string;
  changes: Record<string, [unknown, unknown]>;
  at: string | Date;
}

const ACTION_WORDS: Record<string, string> = {
  create: "recorded it",
  update: "edited it",
  review: "reviewed it",
  close: "closed it",
  reopen: "reopened it",
};

const HIDDEN_FIELDS = new Set(["note", "lastReviewedAt"]);

function show(field: string, value: unknown): string {
  if (value === null || value === undefined || value === "") return "(none)";
  if (field === "kind") return RISK_KIND_LABELS[value as keyof typeof RISK_KIND_LABELS] ?? String(value);
  if (field === "likelihood" || field === "impact") return SCALE_LABELS[Number(value)] ?? String(value);
  if (field === "reviewOn") return formatDate(String(value));
  return String(value).slice(0, 120);
}

/** What happened to one risk, newest first: who, when, what changed, and the notes from reviews and closing. */
export function RiskHistory({ events }: { events: Event[] }) {
  const dates = useDates();
  if (!events.length) return <p className="empty">No history yet.</p>;
  return (
    <ol className="trail">
      {events.map((e) => {
        const note = e.changes.note?.[1];
        const changed = Object.entries(e.changes).filter(([field]) => !HIDDEN_FIELDS.has(field));
        return (
          <li key={e.id}>
            <span className="muted">{dates.dateTime(e.at)}</span> · {e.actorName ?? "someone"}{" "}
            {ACTION_WORDS[e.action] ?? e.action}
            {e.action !== "create" && changed.length ? (
              <span className="muted">
                {" "}
                (
                {changed
                  .map(
                    ([field, [before, after]]) =>
                      `${RISK_FIELD_LABELS[field] ?? field}: ${show(field, before)} → ${show(field, after)}`,
                  )
                  .join("; ")}
                )
              </span>
            ) : null}
            {typeof note === "string" && note ? <blockquote className="risk-note">{note}</blockquote> : null}
          </li>
        );
      })}
    </ol>
  );
}
