import type { Conflict } from "~/schemas/conflict";
import { useDates } from "~/utils/dates";

const show = (v: unknown) => (v === null || v === undefined || v === "" ? "(empty)" : String(v));

/** What someone else changed while this form was open, shown above the kept text. */
export function ConflictNotice({
  conflict,
  labels = {},
}: {
  conflict: Conflict | null | undefined;
  labels?: Record<string, string>;
}) {
  const dates = useDates();
  if (!conflict) return null;
  return (
    <div className="alert warn" role="status" data-testid="conflict">
      <strong>
        Changed by {conflict.changedBy ?? "someone"}
        {conflict.changedAt ? ` at ${dates.dateTime(conflict.changedAt)}` : ""}.
      </strong>
      {conflict.changes.length ? (
        <ul>
          {conflict.changes.map((c) => (
            <li key={c.field}>
              {labels[c.field] ?? c.field}: {show(c.before)} → {show(c.after)}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
