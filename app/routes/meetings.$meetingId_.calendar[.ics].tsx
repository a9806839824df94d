import type { LoaderFunctionArgs } from "@remix-run/node";
import { authorize } from "~/http/guards.server";
import { requireViewer } from "~/http/session.server";
import { calendarResponse, meetingsCalendar } from "~/services/calendar.server";
import { getDb } from "~/services/db.server";
import { loadMeeting } from "~/services/meetings.server";
import { notFound } from "~/http/errors.server";

/** One 1:1 as a calendar file, for either of the pair. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requireViewer(request);
  const loaded = await loadMeeting(await getDb(), params.meetingId ?? "");
  if (!loaded) throw notFound();
  authorize(viewer, "meeting:read", loaded.record, { hide: true });
  const { meeting } = loaded;
  const body = meetingsCalendar({
    title: `1:1 ${meeting.managerName} / ${meeting.reportName}`,
    meetings: [meeting],
    baseUrl: new URL(request.url).origin,
  });
  return calendarResponse(body, "rapport-1on1.ics");
}
