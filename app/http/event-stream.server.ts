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

/**
 * Answers only once `subscribe` has settled: a page that sees the stream open (200) is already being
 * told of changes, so nothing written after it opened can go unheard. A subscribe that fails (the
 * database away) throws, and the caller answers it as any other failed loader.
 */
export async function eventStream(request: Request, options: EventStreamOptions): Promise<Response> {
  const encoder = new TextEncoder();
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  let closed = false;
  let unsubscribe: (() => void) | undefined;
  // Set once the stream listens; end() may come before that (the client gone while subscribing).
  const timer: { heartbeat?: ReturnType<typeof setInterval> } = {};
  const end = () => {
    if (closed) return;
    closed = true;
    clearInterval(timer.heartbeat);
    unsubscribe?.();
    request.signal.removeEventListener("abort", end);
    try {
      controller.close();
    } catch {
      // Already closed by the client going away.
    }
  };
  const write = (text: string) => {
    if (closed) return;
    try {
      controller.enqueue(encoder.encode(text));
    } catch {
      end();
    }
  };
  // start() runs within the constructor, so the controller is there from here on; what is written
  // before the body is read waits in the stream's queue.
  const body = new ReadableStream<Uint8Array>({
    start: (c) => {
      controller = c;
    },
    cancel: () => end(),
  });
  if (request.signal.aborted) end();
  request.signal.addEventListener("abort", end);
  write(`retry: ${options.retryMs ?? 2_000}\n`);
  const stop = await options.subscribe((e) => {
    write(`id: ${e.id}\nevent: ${e.event}\ndata: ${JSON.stringify(e.data)}\n\n`);
  });
  if (closed) stop();
  else unsubscribe = stop;
  write(": connected\n\n");
  timer.heartbeat = setInterval(() => {
    write(": keep-alive\n\n");
    options.stillAllowed().then(
      (allowed) => {
        if (!allowed) end();
      },
      () => {},
    );
  }, options.heartbeatMs ?? 15_000);
  timer.heartbeat.unref?.();
  if (closed) clearInterval(timer.heartbeat);
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
