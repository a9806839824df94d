import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useNavigation } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { MeetingHistory } from "~/components/history/meeting-history";
import { SearchForm } from "~/components/search/search-form";
import { SearchResults } from "~/components/search/search-results";
import { isoDate } from "~/domain/dates";
import { requireSelf } from "~/http/guards.server";
import { getMyHistory, HISTORY_LIMIT } from "~/services/history.server";
import { answerSearch } from "~/services/search.server";

export const meta: MetaFunction = () => [{ title: "My 1:1s · Rapport" }];

/**
 * The report's own 1:1s (docs/decisions/028-report-history.md): the next one, then the held ones newest
 * first, with what they may read of each, and a search over them (`?q=`, docs/decisions/029-search.md).
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const { viewer, db, subject } = await requireSelf(request);
  const now = new Date();
  const [meetings, search] = await Promise.all([
    getMyHistory(db, viewer, now),
    answerSearch(db, viewer, subject, new URL(request.url).searchParams.get("q")),
  ]);
  return data({ meetings, search, today: isoDate(now), limit: HISTORY_LIMIT }, { status: search.message ? 400 : 200 });
}

export default function MyHistory() {
  const { meetings, search, today, limit } = useLoaderData<typeof loader>();
  const navigation = useNavigation();
  const held = meetings.filter((m) => m.status === "held").length;
  return (
    <>
      <h1>My 1:1s</h1>
      <p className="lede">
        What you and your manager shared in your 1:1s: the notes, what you discussed and what you agreed to do. Tick off
        or drop your follow-ups on <Link to="/follow-ups">Follow-ups</Link>.
      </p>
      <section className="card" aria-label="Search your 1:1s">
        <SearchForm
          action="/me/history"
          defaultValue={search.q}
          label="Search your 1:1s"
          idPrefix="history-search"
          busy={navigation.state === "loading" && navigation.location.pathname === "/me/history"}
        />
        <SearchResults outcome={search} idPrefix="history-search" />
      </section>
      <MeetingHistory meetings={meetings} today={today} />
      {held >= limit ? (
        <p className="muted small">These are your latest {limit} 1:1s; search to find older ones.</p>
      ) : null}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
