import { Form } from "@remix-run/react";
import { useIsSubmitting } from "~/components/forms";

/** What the settings loader says of the reader's feed: never its URL, which nobody keeps. */
export interface CalendarFeedState {
  on: boolean;
  /** When the current URL was made, and last fetched by a calendar app, in the reader's zone. */
  made: string | null;
  lastUsed: string | null;
}

/** The URL, in the one reply that made it: the only time it is shown. */
export interface CalendarFeedMade {
  https: string;
  webcal: string;
  rotated: boolean;
}

export const CALENDAR_FEED_INTENTS = { make: "calendar-feed-make", off: "calendar-feed-off" } as const;

/**
 * "Your calendar" on /settings (ADR 038): a private subscription URL for the
 * calendar app one already uses, made, rotated and turned off here.
 */
export function CalendarFeedSection({ state, made }: { state: CalendarFeedState; made: CalendarFeedMade | undefined }) {
  const making = useIsSubmitting(undefined, CALENDAR_FEED_INTENTS.make);
  const turningOff = useIsSubmitting(undefined, CALENDAR_FEED_INTENTS.off);
  const on = state.on || !!made;
  return (
    <section className="card" aria-labelledby="calendar-feed-heading">
      <h2 id="calendar-feed-heading">Your 1:1s in your calendar</h2>
      <p className="muted">
        Subscribe to this private address in Google Calendar, Outlook or Apple Calendar and every 1:1 you are in appears
        there, on your clock, and moves when it is moved. It shows who the 1:1 is with and a link to its agenda, never
        what is on the agenda.
      </p>
      {made ? (
        <div className="stack">
          <p className="alert ok" role="status">
            {made.rotated
              ? "Here is your new calendar address. The old one has stopped working."
              : "Here is your calendar address."}{" "}
            Copy it now: it is shown only this once. Anyone who has it sees your 1:1s&apos; times and names.
          </p>
          <label htmlFor="calendar-feed-webcal">Subscribe address</label>
          <input id="calendar-feed-webcal" type="text" readOnly value={made.webcal} className="feed-url" />
          <label htmlFor="calendar-feed-https">The same over https (for apps that ask for a web address)</label>
          <input id="calendar-feed-https" type="text" readOnly value={made.https} className="feed-url" />
          <p>
            <a href={made.webcal}>Open in your calendar app</a>
          </p>
        </div>
      ) : on ? (
        <p>
          Your calendar address is on{state.made ? `, made ${state.made}` : ""}.{" "}
          {state.lastUsed ? `A calendar last fetched it ${state.lastUsed}.` : "No calendar has fetched it yet."} It is
          not shown again: if you lost it, make a new one.
        </p>
      ) : (
        <p>You have no calendar address.</p>
      )}
      <div className="actions">
        <Form method="post">
          <input type="hidden" name="intent" value={CALENDAR_FEED_INTENTS.make} />
          <button type="submit" disabled={making}>
            {making ? "Making…" : on ? "Make a new address (the old one stops)" : "Make my calendar address"}
          </button>
        </Form>
        {on ? (
          <Form method="post">
            <input type="hidden" name="intent" value={CALENDAR_FEED_INTENTS.off} />
            <button type="submit" className="danger" disabled={turningOff}>
              {turningOff ? "Turning off…" : "Turn off my calendar address"}
            </button>
          </Form>
        ) : null}
      </div>
    </section>
  );
}
