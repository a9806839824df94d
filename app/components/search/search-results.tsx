import { Link } from "@remix-run/react";
import { snippetParts } from "~/domain/search";
import { useDates } from "~/utils/dates";

/** One hit as the page shows it: where it leads, what it is, and the passage that matched. */
export interface ShownHit {
  kind: string;
  id: string;
  label: string;
  href: string;
  title: string | null;
  snippet: string;
  at: string | Date;
  status: string | null;
}

/** A search's answer: what was asked, a message when it could not be searched, and the hits. */
export interface SearchOutcome {
  q: string;
  message: string | null;
  hits: ShownHit[];
}

/** The matched words in <mark>, everything as text: a note can never inject markup here. */
function Snippet({ text }: { text: string }) {
  return (
    <p className="search-snippet">
      {snippetParts(text).map((part, i) => (part.matched ? <mark key={i}>{part.text}</mark> : part.text))}
    </p>
  );
}

/** The answer under a search box, announced to screen readers as it changes. */
export function SearchResults({ outcome, idPrefix }: { outcome: SearchOutcome | null; idPrefix: string }) {
  const dates = useDates();
  return (
    <div aria-live="polite" id={`${idPrefix}-results`}>
      {!outcome || (!outcome.q && !outcome.message) ? null : outcome.message ? (
        <p className="alert warn" role="alert">
          {outcome.message}
        </p>
      ) : !outcome.hits.length ? (
        <p className="empty">Nothing found for “{outcome.q}”. Try fewer or other words.</p>
      ) : (
        <>
          <p className="muted small">
            {outcome.hits.length === 1 ? "1 result" : `${outcome.hits.length} results`} for “{outcome.q}”, best first
          </p>
          <ol className="search-hits">
            {outcome.hits.map((hit) => (
              <li key={`${hit.kind}:${hit.id}`}>
                <Link to={hit.href}>
                  {hit.label}
                  {hit.title && hit.kind !== "note" ? `: ${hit.title}` : ""}
                </Link>{" "}
                <span className="muted small">{dates.date(hit.at)}</span>
                {hit.status ? <span className="badge">{hit.status.replace("_", " ")}</span> : null}
                <Snippet text={hit.snippet} />
              </li>
            ))}
          </ol>
        </>
      )}
    </div>
  );
}
