import type { LiveEvent } from "~/services/live/channel.server";

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Everything one follower of the meeting is told, as it arrives. */
export function follower() {
  const events: LiveEvent[] = [];
  return {
    events,
    deliver: (e: LiveEvent) => void events.push(e),
    async next(kind: LiveEvent["kind"], timeoutMs = 3_000): Promise<LiveEvent> {
      const start = Date.now();
      while (Date.now() - start < timeoutMs) {
        const found = events.find((e) => e.kind === kind);
        if (found) {
          events.splice(events.indexOf(found), 1);
          return found;
        }
        await pause(5);
      }
      throw new Error(`no ${kind} event within ${timeoutMs} ms (got ${JSON.stringify(events)})`);
    },
  };
}
