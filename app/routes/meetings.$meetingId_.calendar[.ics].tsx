import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireMeeting } from "~/http/guards.server";
import { attachment } from "~/http/attachment.server";
import { meetingsCalendar } from "~/services/calendar.server";
import { readWithReceipt } from "~/services/access-receipts.server";
import { timeZoneOf } from "~/services/time-zones.server";

/** One 1:1 as a calendar file, for either of the pair. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { viewer, db, loaded } = await requireMeeting(request, params.meetingId, "meeting:read");
  const { meeting } = loaded;
  // The file is the 1:1 read again (the guard read it): counted like its page before it goes out (ADR 041).
  const timeZone = await readWithReceipt(
    db,
    viewer,
    loaded.record.subject,
    "meeting",
    (tx) => timeZoneOf(tx, viewer.id),
    {
      recordId: meeting.id,
    },
  );
  const body = meetingsCalendar({
    title: `1:1 ${meeting.managerName} / ${meeting.reportName}`,
    meetings: [meeting],
    // Written on the reader's clock; calendar apps place it right wherever they are.
    timeZone,
    baseUrl: new URL(request.url).origin,
  });
  return attachment(body, { type: "text/calendar; charset=utf-8", fileName: "rapport-1on1.ics" });
}
