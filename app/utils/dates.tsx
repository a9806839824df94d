import { createContext, useContext, useMemo, type ReactNode } from "react";
import { dateFormatters, DEFAULT_TIME_ZONE, type DateFormatters } from "~/domain/time-zones";

/**
 * Every date and time on a page is shown in its reader's zone. The root
 * loader names the zone (the signed-in person's, else UTC) and this context
 * hands out formatters bound to it, so the server's render and the browser's
 * hydration format alike, whatever zone the browser itself is in.
 */
const DatesContext = createContext<DateFormatters>(dateFormatters(DEFAULT_TIME_ZONE));

export function DatesProvider({ timeZone, children }: { timeZone: string; children: ReactNode }) {
  const formatters = useMemo(() => dateFormatters(timeZone), [timeZone]);
  return <DatesContext.Provider value={formatters}>{children}</DatesContext.Provider>;
}

/** `dates.date(x)` "3 Mar 2026", `dates.dateTime(x)` "Tue 3 Mar, 09:30 CET", `dates.time(x)` "09:30 CET". */
export function useDates(): DateFormatters {
  return useContext(DatesContext);
}
