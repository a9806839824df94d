import type { ComponentProps } from "react";
import { Form } from "@remix-run/react";
import { SEARCH_MAX_LENGTH } from "~/domain/search";

/**
 * The search box: a GET form, so a search is a link that can be shared, kept and reloaded, and works
 * before JavaScript. `as` is Remix's Form or a fetcher's, to answer in place.
 */
export function SearchForm({
  action,
  defaultValue,
  label,
  idPrefix,
  busy = false,
  as: FormComponent = Form,
}: {
  action: string;
  defaultValue: string;
  label: string;
  idPrefix: string;
  busy?: boolean;
  as?: (props: ComponentProps<typeof Form>) => React.ReactNode;
}) {
  return (
    <FormComponent method="get" action={action} role="search" className="search-box" aria-label={label}>
      <label htmlFor={`${idPrefix}-q`}>{label}</label>
      <div className="search-row">
        <input
          id={`${idPrefix}-q`}
          name="q"
          type="search"
          defaultValue={defaultValue}
          // A little over the limit, so that a longer paste is refused with a message rather than cut.
          maxLength={SEARCH_MAX_LENGTH + 50}
          aria-describedby={`${idPrefix}-hint`}
          autoComplete="off"
        />
        <button type="submit" disabled={busy}>
          {busy ? "Searching…" : "Search"}
        </button>
      </div>
      <p className="hint small muted" id={`${idPrefix}-hint`}>
        Words from notes, topics, follow-ups, goals and commitments. &quot;Quotes&quot; for a phrase, -word to leave one
        out.
      </p>
    </FormComponent>
  );
}
