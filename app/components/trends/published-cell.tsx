import { changeText, EMPTY_LABEL, hiddenLabel, NOT_COMPARABLE, type Published } from "~/domain/anonymity";
import { changeMeaning, type Question } from "~/domain/trends";

interface Props {
  cell: Published;
  /** The measure, which says whether a rise is good news. */
  measure: Question | "point";
  k: number;
  format: (n: number) => string;
  /** Show the crowd size under the value. */
  showPeople?: boolean;
}

/**
 * A table cell's content: the value and its change, or the mark that stands for it. Never a number behind a mark.
 * A change says in words whether it is better or worse for its measure, and is coloured to match (never colour
 * alone: WCAG 1.4.1); a rising "I am overloaded" is worse.
 */
export function PublishedCell({ cell, measure, k, format, showPeople = true }: Props) {
  if (cell.state === "empty") return <span className="muted">{EMPTY_LABEL}</span>;
  if (cell.state === "suppressed") {
    return (
      <span className="suppressed" data-suppressed={cell.reason}>
        {hiddenLabel(cell.reason, k)}
      </span>
    );
  }
  return (
    <span className="published">
      <strong>{format(cell.value)}</strong>
      <Change change={cell.change} measure={measure} format={format} />
      {showPeople ? <span className="people small muted"> · {cell.people} people</span> : null}
    </span>
  );
}

function Change({
  change,
  measure,
  format,
}: {
  change: Extract<Published, { state: "shown" }>["change"];
  measure: Question | "point";
  format: (n: number) => string;
}) {
  if (change.state === "delta") {
    const meaning = changeMeaning(measure, change.value);
    return (
      <span className={`change ${meaning}`} data-change={meaning}>
        {" "}
        {changeText(change, format)}
        {meaning === "same" ? null : ` ${meaning}`}
      </span>
    );
  }
  if (change.state === "not-comparable") {
    // Said once, under the table (NotComparableNote); the cell keeps a dash, and a short reason for screen readers.
    return (
      <span className="change not-comparable" data-change="not-comparable">
        {" "}
        <span aria-hidden="true">—</span>
        <span className="visually-hidden">change not shown: {NOT_COMPARABLE}</span>
      </span>
    );
  }
  return null;
}

/** Whether any of these cells has a change that could not be compared. */
export const anyNotComparable = (cells: Iterable<Published>): boolean => {
  for (const c of cells) if (c.state === "shown" && c.change.state === "not-comparable") return true;
  return false;
};

/** The one explanation of the "—" in a table's changes, under that table, only when it has one. */
export function NotComparableNote({ cells }: { cells: Iterable<Published> }) {
  if (!anyNotComparable(cells)) return null;
  return (
    <p className="table-note muted small">
      <span aria-hidden="true">— </span>Change not shown: too few people joined or left since the month before, so
      comparing the two months could reveal their answers.
    </p>
  );
}
