import { createHash } from "node:crypto";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireCalendarFeed } from "~/http/guards.server";
import { feedCalendar } from "~/services/calendar.server";
import { feedMeetings } from "~/services/calendar-feeds.server";

/**
 * A person's calendar subscription (ADR 038): calendar apps fetch it by the
 * private URL on /settings, with no session. Private to that person, so no
 * shared cache keeps it; the same 1:1s make the same bytes, so a client that
 * sends its ETag back gets a 304 without a body.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { reader, db } = await requireCalendarFeed(params.token);
  const body = feedCalendar({
    meetings: await feedMeetings(db, reader.personId),
    timeZone: reader.timeZone,
    baseUrl: new URL(request.url).origin,
  });
  // Weak: compression changes the bytes on the wire, not what they mean.
  const etag = `W/"${createHash("sha256").update(body).digest("base64url").slice(0, 27)}"`;
  const headers = {
    "Content-Type": "text/calendar; charset=utf-8",
    "Content-Disposition": 'inline; filename="rapport-1on1s.ics"',
    "Cache-Control": "private, no-cache",
    ETag: etag,
    "Referrer-Policy": "no-referrer",
  };
  const sent = request.headers.get("If-None-Match") ?? "";
  const matches = sent.split(",").some((tag) => tag.trim().replace(/^W\//, "") === etag.slice(2));
  return matches ? new Response(null, { status: 304, headers }) : new Response(body, { headers });
}
