import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { requirePair } from "~/http/guards.server";
import { pairMeetingNow } from "~/services/calendar-feeds.server";

/**
 * A pair's link that stays the same for good (ADR 038), to paste into a
 * calendar event of one's own: it opens their next 1:1, or the last one held.
 * Only the pair gets past the guard; the meeting page then checks again.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { viewer, db, loaded } = await requirePair(request, params.pairId);
  const meetingId = await pairMeetingNow(db, loaded);
  if (meetingId) return redirect(`/meetings/${meetingId}`);
  // Nothing planned or held yet: where each of the pair sees their 1:1s.
  return redirect(viewer.id === loaded.pair.reportId ? "/me" : `/people/${loaded.pair.reportId}/rhythm`);
}
