import { describe, expect, test } from "vitest";
import { eventStream, type StreamEvent } from "./event-stream.server";

/** The stream's framing, heartbeat and ending, without a database (ADR 039). */

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function read(response: Response, untilMs: number): Promise<{ text: string; ended: boolean }> {
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let text = "";
  let ended = false;
  const deadline = Date.now() + untilMs;
  while (Date.now() < deadline) {
    const chunk = await Promise.race([reader.read(), pause(deadline - Date.now()).then(() => null)]);
    if (!chunk) break;
    if (chunk.done) {
      ended = true;
      break;
    }
    text += decoder.decode(chunk.value, { stream: true });
  }
  return { text, ended };
}

describe("an event stream", () => {
  test("says retry, sends each event framed, keeps alive, and ends when access is gone", async () => {
    let allowed = true;
    let stopped = false;
    let send: (e: StreamEvent) => void = () => {};
    const response = await eventStream(new Request("http://rapport.test/x"), {
      retryMs: 1_500,
      heartbeatMs: 30,
      stillAllowed: async () => allowed,
      subscribe: async (s) => {
        send = s;
        return () => void (stopped = true);
      },
    });
    expect(response.headers.get("Content-Type")).toBe("text/event-stream; charset=utf-8");
    expect(response.headers.get("Cache-Control")).toBe("no-cache, no-transform");
    setTimeout(() => send({ id: 7, event: "change", data: { kind: "note" } }), 10);
    setTimeout(() => (allowed = false), 100);
    const { text, ended } = await read(response, 1_000);
    expect(text.startsWith("retry: 1500\n: connected\n\n")).toBe(true);
    expect(text).toContain('id: 7\nevent: change\ndata: {"kind":"note"}\n\n');
    expect(text).toContain(": keep-alive\n\n");
    expect(ended).toBe(true);
    expect(stopped).toBe(true);
  });

  test("a client going away unsubscribes", async () => {
    const controller = new AbortController();
    let stopped = false;
    await eventStream(new Request("http://rapport.test/x", { signal: controller.signal }), {
      stillAllowed: async () => true,
      subscribe: async () => () => void (stopped = true),
    });
    await pause(10);
    controller.abort();
    expect(stopped).toBe(true);
  });

  test("opens only once it listens, so a change made right after the page saw it open is never missed", async () => {
    let listening: () => void = () => {};
    let send: (e: StreamEvent) => void = () => {};
    let opened = false;
    const opening = eventStream(new Request("http://rapport.test/x"), {
      stillAllowed: async () => true,
      subscribe: (s) =>
        new Promise((resolve) => {
          listening = () => {
            send = s;
            resolve(() => {});
          };
        }),
    }).then((response) => {
      opened = true;
      return response;
    });
    await pause(20);
    expect(opened).toBe(false);
    listening();
    const response = await opening;
    send({ id: 1, event: "change", data: { kind: "tick" } });
    const { text } = await read(response, 100);
    expect(text).toBe('retry: 2000\n: connected\n\nid: 1\nevent: change\ndata: {"kind":"tick"}\n\n');
  });

  test("a client gone before it listened is unsubscribed at once", async () => {
    const controller = new AbortController();
    let stopped = false;
    const opening = eventStream(new Request("http://rapport.test/x", { signal: controller.signal }), {
      stillAllowed: async () => true,
      subscribe: async () => {
        controller.abort();
        return () => void (stopped = true);
      },
    });
    await opening;
    expect(stopped).toBe(true);
  });
});
