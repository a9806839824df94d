/**
 * A server-sent event stream (text/event-stream) that stays open until the client goes, the check says
 * no, or the server stops. `retry:` tells the browser how soon to reconnect; a comment every
 * `heartbeatMs` keeps proxies from cutting an idle stream, and each one asks `stillAllowed` again.
 * `Cache-Control: no-transform` keeps the compression middleware from buffering it (ADR 039).
 */

export interface StreamEvent {
  id: number;
  event: string;
  data: unknown;
}

export interface EventStreamOptions {
  /** Starts delivery; returns the stop. Events may arrive as soon as it is called. */
  subscribe: (send: (event: StreamEvent) => void) => Promise<() => void>;
  /** Asked at each heartbeat; false ends the stream. An error (the database away) keeps it. */
  stillAllowed: () => Promise<boolean>;
  retryMs?: number;
  heartbeatMs?: number;
}

export function eventStream(request: Request, options: EventStreamOptions): Response {
  const encoder = new TextEncoder();
  let end: () => void = () => {};
  const body = new ReadableStream<Uint8Array>({
    async start(controller) {
      let closed = false;
      let unsubscribe: (() => void) | undefined;
      const write = (text: string) => {
        if (closed) return;
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          end();
        }
      };
      const heartbeat = setInterval(() => {
        write(": keep-alive\n\n");
        options.stillAllowed().then(
          (allowed) => {
            if (!allowed) end();
          },
          () => {},
        );
      }, options.heartbeatMs ?? 15_000);
      heartbeat.unref?.();
      end = () => {
        if (closed) return;
        closed = true;
        clearInterval(heartbeat);
        unsubscribe?.();
        request.signal.removeEventListener("abort", end);
        try {
          controller.close();
        } catch {
          // Already closed by the client going away.
        }
      };
      request.signal.addEventListener("abort", end);
      write(`retry: ${options.retryMs ?? 2_000}\n: connected\n\n`);
      const stop = await options.subscribe((e) => {
        write(`id: ${e.id}\nevent: ${e.event}\ndata: ${JSON.stringify(e.data)}\n\n`);
      });
      if (closed) stop();
      else unsubscribe = stop;
    },
    cancel() {
      end();
    },
  });
  return new Response(body, {
    status: 200,
    headers: {
      "Content-Type": "text/event-stream; charset=utf-8",
      "Cache-Control": "no-cache, no-transform",
      "X-Accel-Buffering": "no",
      Connection: "keep-alive",
    },
  });
}
