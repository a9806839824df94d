import type { ReactNode } from "react";

/**
 * A table that scrolls sideways inside its card when it is wider than the
 * screen, instead of pushing the whole page wider than a phone. Use it in
 * place of <table>: the children are the table's (caption, thead, tbody).
 *
 * The scroll box is a named region that takes focus, so a keyboard can
 * scroll it too (axe's scrollable-region-focusable) and a screen reader says
 * what it holds; `label` must be unique among the page's landmarks (axe's
 * landmark-unique), so it says "table" where a section has the same name.
 */
export function TableScroll({
  label,
  className,
  children,
}: {
  label: string;
  className?: string;
  children: ReactNode;
}) {
  return (
    // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex -- a scroll box must be reachable by keyboard
    <div className="table-scroll" role="region" aria-label={label} tabIndex={0}>
      <table className={className}>{children}</table>
    </div>
  );
}
