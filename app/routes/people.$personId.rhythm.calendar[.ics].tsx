import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireAccount } from "~/http/guards.server";
import { attachment } from "~/http/attachment.server";
import { meetingsCalendar } from "~/services/calendar.server";
import { readWithReceipt } from "~/services/access-receipts.server";
import { getRhythm, upcomingMeetings } from "~/services/series.server";

/**
 * The pair's planned 1:1s as one calendar file, for the manager. A resource
 * route: the person layout's loader does not run for it, so it takes the
 * name from its own guard.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { viewer, db, subject, person } = await requireAccount(request, params.personId, "account:manage");
  const now = new Date();
  // A download of the rhythm is a read of it, counted like the page (ADR 041).
  const [meetings, rhythm] = await readWithReceipt(db, viewer, subject, "rhythm", (tx) =>
    Promise.all([upcomingMeetings(tx, viewer.id, subject.id, now), getRhythm(tx, viewer.id, subject.id)]),
  );
  const body = meetingsCalendar({
    title: `1:1 ${viewer.name} / ${person.name}`,
    meetings,
    // In the rhythm's own zone, so "Tuesdays 9:30" reads so in the calendar too.
    timeZone: rhythm?.timezone,
    now,
    baseUrl: new URL(request.url).origin,
  });
  return attachment(body, { type: "text/calendar; charset=utf-8", fileName: "rapport-1on1s.ics" });
}
