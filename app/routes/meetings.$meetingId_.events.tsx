import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireMeetingStream } from "~/http/guards.server";
import { eventStream } from "~/http/event-stream.server";
import { followMeeting } from "~/services/live/channel.server";

/**
 * The 1:1's live stream, for either of the pair while the page is open (ADR 039). Each event says only
 * "this 1:1 changed" with a kind and a number, never what: the page re-reads through its own loader, so
 * a private note or topic never reaches the other side. Someone else's 1:1 answers 404, no session 403.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { viewer, loaded, stillAllowed } = await requireMeetingStream(request, params.meetingId);
  return eventStream(request, {
    stillAllowed,
    subscribe: (send) =>
      followMeeting(loaded.meeting.id, viewer.id, (e) =>
        send({ id: e.seq, event: "change", data: { meeting: e.meetingId, kind: e.kind, seq: e.seq } }),
      ),
  });
}
