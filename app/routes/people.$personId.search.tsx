import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { SearchForm } from "~/components/search/search-form";
import { SearchResults } from "~/components/search/search-results";
import { requireAccount } from "~/http/guards.server";
import { readWithReceipt } from "~/services/access-receipts.server";
import { answerSearch } from "~/services/search.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Search · ${data.person.name} · Rapport` : "Rapport" },
];

/**
 * A manager's search of their 1:1s with one report (docs/decisions/029-search.md). The account page
 * asks it on a fetcher; without JavaScript its box opens this page. Only the report's direct manager:
 * anyone else gets the 404 of an account that is not theirs.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { viewer, db, subject, person } = await requireAccount(request, params.personId, "history:search");
  // A search that ran read their history: it is counted with its answer (ADR 041). An empty or refused query
  // read nothing, so it leaves nothing; the words searched for are never kept.
  const answer = await readWithReceipt(
    db,
    viewer,
    subject,
    "search",
    (tx) => answerSearch(tx, viewer, subject, new URL(request.url).searchParams.get("q")),
    { when: (found) => found.message === null && found.q !== "" },
  );
  return data({ ...answer, person }, { status: answer.message ? 400 : 200 });
}

export default function AccountSearchPage() {
  const outcome = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Search your 1:1s with {outcome.person.name}</h1>
      <p className="lede">
        <Link to={`/people/${outcome.person.id}`}>Back to {outcome.person.name}&apos;s account</Link>
      </p>
      <section className="card" aria-label="Search">
        <SearchForm
          action={`/people/${outcome.person.id}/search`}
          defaultValue={outcome.q}
          label="Search notes, topics, follow-ups, goals and commitments"
          idPrefix="account-search"
        />
        <SearchResults outcome={outcome} idPrefix="account-search" />
      </section>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
