import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireMeeting } from "~/http/guards.server";
import { calendarResponse, meetingsCalendar } from "~/services/calendar.server";

/** One 1:1 as a calendar file, for either of the pair. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { loaded } = await requireMeeting(request, params.meetingId, "meeting:read");
  const { meeting } = loaded;
  const body = meetingsCalendar({
    title: `1:1 ${meeting.managerName} / ${meeting.reportName}`,
    meetings: [meeting],
    baseUrl: new URL(request.url).origin,
  });
  return calendarResponse(body, "rapport-1on1.ics");
}
