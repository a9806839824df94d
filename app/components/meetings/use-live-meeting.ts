import { useFetchers, useNavigation, useRevalidator } from "@remix-run/react";
import { useEffect, useRef } from "react";

/**
 * Keeps an open 1:1 page current while the other side writes (ADR 039). The stream says only "this 1:1
 * changed"; the page then re-reads through its own loader, as if reloaded, without touching what is
 * being typed (the forms' fields are uncontrolled and keep their keys). An event that comes while the
 * page is busy (a re-read, a form posting, a navigation: revalidating then would cancel the redirect a
 * Finish or Cancel is following) waits until it is idle, and several make one re-read, not one each. After a dropped stream or a server restart the browser
 * reconnects (the server's `retry:`), or this does when the browser gave up (a 503 while the database
 * was away), and the page re-reads once to catch up. Without JavaScript nothing here runs and the page
 * is what it always was.
 */
export function useLiveMeeting(meetingId: string, enabled: boolean): void {
  const revalidator = useRevalidator();
  const navigation = useNavigation();
  const fetchers = useFetchers();
  const busy = revalidator.state !== "idle" || navigation.state !== "idle" || fetchers.some((f) => f.state !== "idle");
  const state = useRef({ revalidate: revalidator.revalidate, busy, again: false });
  state.current.revalidate = revalidator.revalidate;
  state.current.busy = busy;

  useEffect(() => {
    const s = state.current;
    if (!busy && s.again) {
      s.again = false;
      s.revalidate();
    }
  }, [busy]);

  useEffect(() => {
    if (!enabled || typeof EventSource === "undefined") return;
    const s = state.current;
    const refresh = () => {
      if (s.busy) s.again = true;
      else s.revalidate();
    };
    let source: EventSource | undefined;
    let retry: ReturnType<typeof setTimeout> | undefined;
    let lost = false;
    let pause = 2_000;
    const connect = () => {
      source = new EventSource(`/meetings/${meetingId}/events`);
      source.addEventListener("open", () => {
        pause = 2_000;
        if (lost) refresh();
        lost = false;
      });
      source.addEventListener("change", refresh);
      source.addEventListener("error", () => {
        lost = true;
        // The browser retries a dropped stream itself; a refused one (503, 403) it gives up on.
        if (source?.readyState === EventSource.CLOSED) {
          source.close();
          retry = setTimeout(connect, pause);
          pause = Math.min(pause * 2, 60_000);
        }
      });
    };
    connect();
    return () => {
      clearTimeout(retry);
      source?.close();
    };
  }, [meetingId, enabled]);
}
