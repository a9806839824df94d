import { changeText, EMPTY_LABEL, hiddenLabel, NOT_COMPARABLE, type Published } from "~/domain/anonymity";

interface Props {
  cell: Published;
  k: number;
  format: (n: number) => string;
  /** Show the crowd size under the value. */
  showPeople?: boolean;
}

/** A table cell's content: the value and its change, or the mark that stands for it. Never a number behind a mark. */
export function PublishedCell({ cell, k, format, showPeople = true }: Props) {
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
      {cell.change.state === "delta" ? (
        <span className={`change ${cell.change.value > 0 ? "up" : cell.change.value < 0 ? "down" : "flat"}`}>
          {" "}
          {changeText(cell.change, format)}
        </span>
      ) : null}
      {cell.change.state === "not-comparable" ? (
        <span className="change not-comparable"> ({NOT_COMPARABLE})</span>
      ) : null}
      {showPeople ? <span className="people small muted"> · {cell.people} people</span> : null}
    </span>
  );
}
