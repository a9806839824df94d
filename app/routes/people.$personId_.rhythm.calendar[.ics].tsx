import type { LoaderFunctionArgs } from "@remix-run/node";
import { authorize } from "~/http/guards.server";
import { requireViewer } from "~/http/session.server";
import { getPersonName } from "~/services/account.server";
import { calendarResponse, meetingsCalendar } from "~/services/calendar.server";
import { getDb } from "~/services/db.server";
import { upcomingMeetings } from "~/services/series.server";
import { loadSubject } from "~/services/subjects.server";
import { notFound } from "~/http/errors.server";

/** The pair's planned 1:1s as one calendar file, for the manager. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requireViewer(request);
  const db = await getDb();
  const subject = await loadSubject(db, params.personId ?? "");
  if (!subject) throw notFound();
  authorize(viewer, "account:manage", { subject }, { hide: true });
  const [meetings, name] = await Promise.all([upcomingMeetings(db, viewer.id, subject.id, new Date()), getPersonName(db, subject.id)]);
  const body = meetingsCalendar({ title: `1:1 ${viewer.name} / ${name}`, meetings, baseUrl: new URL(request.url).origin });
  return calendarResponse(body, "rapport-1on1s.ics");
}
