import { useRouteLoaderData, type MetaArgs } from "@remix-run/react";

/** The person whose pages these are, loaded once for all of them by their layout. */
export interface PagePerson {
  id: string;
  name: string;
}

export const PERSON_LAYOUT_ID = "routes/people.$personId";

/** For the pages under /people/:personId: the layout loaded the person or rendered its error instead of the page. */
export function usePerson(): PagePerson {
  const data = useRouteLoaderData<{ person: PagePerson }>(PERSON_LAYOUT_ID);
  if (!data) throw new Error("usePerson is for the pages under /people/:personId.");
  return data.person;
}

/** The person's name for a page title; undefined while the layout has no data (its error page). */
export function personNameIn(matches: MetaArgs["matches"]): string | undefined {
  return (matches.find((m) => m.id === PERSON_LAYOUT_ID)?.data as { person?: PagePerson } | undefined)?.person?.name;
}
