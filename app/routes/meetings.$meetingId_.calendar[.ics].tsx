import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireMeeting } from "~/http/guards.server";
import { calendarResponse, meetingsCalendar } from "~/services/calendar.server";
import { timeZoneOf } from "~/services/time-zones.server";

/** One 1:1 as a calendar file, for either of the pair. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { viewer, db, loaded } = await requireMeeting(request, params.meetingId, "meeting:read");
  const { meeting } = loaded;
  const body = meetingsCalendar({
    title: `1:1 ${meeting.managerName} / ${meeting.reportName}`,
    meetings: [meeting],
    // Written on the reader's clock; calendar apps place it right wherever they are.
    timeZone: await timeZoneOf(db, viewer.id),
    baseUrl: new URL(request.url).origin,
  });
  return calendarResponse(body, "rapport-1on1.ics");
}
