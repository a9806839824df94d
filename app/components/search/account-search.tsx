import { useFetcher } from "@remix-run/react";
import { SearchForm } from "./search-form";
import { SearchResults, type SearchOutcome } from "./search-results";

/**
 * The account page's search over a pair's 1:1s, self-contained: the answer comes from
 * /people/<id>/search on a fetcher and shows in place, so the account page's own loader is untouched.
 * Without JavaScript the form opens that search page instead.
 */
export function AccountSearch({ personId, personName }: { personId: string; personName: string }) {
  const fetcher = useFetcher<SearchOutcome>();
  return (
    <section className="card" aria-labelledby="account-search-heading">
      <h2 id="account-search-heading">Search your 1:1s with {personName}</h2>
      <SearchForm
        as={fetcher.Form}
        action={`/people/${personId}/search`}
        defaultValue=""
        label="Search notes, topics, follow-ups, goals and commitments"
        idPrefix="account-search"
        busy={fetcher.state !== "idle"}
      />
      <SearchResults outcome={fetcher.data ?? null} idPrefix="account-search" />
    </section>
  );
}
