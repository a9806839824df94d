/**
 * The live 1:1's line of `npm run bench` (ADR 039): 100 meeting pages open on one server (50 pairs, both
 * of each on their 1:1's event stream, through the real route), then shared notes written through the
 * service: one at a time round the 50 pairs, then all 50 at once (four times). For each, the time from
 * the write's start (its transaction included) to each of that pair's two streams receiving the event;
 * `after_commit` counts from the write's promise resolving, which the event often beats (then 0).
 */
import { sql } from "drizzle-orm";
import { rowsOf, type DatabaseHandle } from "#db/client";
import { percentile } from "./stats";

export interface LiveBenchOptions {
  handle: DatabaseHandle;
  common: Record<string, unknown>;
  writes: number;
  log: (line: string) => void;
}

const PAIRS = 50;

export async function benchLive({ handle, common, writes, log }: LiveBenchOptions): Promise<void> {
  const { sessionCookieFor } = await import("~/http/session.server");
  const { loadMeeting } = await import("~/services/meetings.server");
  const { addNote } = await import("~/services/meeting-run.server");
  const { liveHub } = await import("~/services/live/channel.server");
  const events = await import("~/routes/meetings.$meetingId_.events");

  // Planned 1:1s of pairs still in their reporting line, one per pair.
  const pairs = rowsOf<{ id: string; manager_id: string; report_id: string }>(
    await handle.db.execute(sql`
      select distinct on (m.report_id) m.id, m.manager_id, m.report_id
      from meetings m join people p on p.id = m.report_id and p.manager_id = m.manager_id
      where m.status = 'planned' order by m.report_id, m.scheduled_at limit ${PAIRS}`),
  );
  if (pairs.length < PAIRS) throw new Error(`live bench: only ${pairs.length} planned 1:1s of ${PAIRS} pairs`);

  const aborts: AbortController[] = [];
  /** meeting id → the moments its streams received an event, in order, per stream. */
  const waiting = new Map<string, ((at: number) => void)[]>();
  const opened: Promise<void>[] = [];
  for (const pair of pairs) {
    for (const personId of [pair.manager_id, pair.report_id]) {
      const controller = new AbortController();
      aborts.push(controller);
      const request = new Request(`http://bench.local/meetings/${pair.id}/events`, {
        headers: { cookie: await sessionCookieFor(personId) },
        signal: controller.signal,
      });
      const response = (await events.loader({ request, params: { meetingId: pair.id }, context: {} })) as Response;
      const reader = response.body!.getReader();
      const decoder = new TextDecoder();
      let ready: () => void = () => {};
      opened.push(new Promise<void>((resolve) => (ready = resolve)));
      void (async () => {
        for (;;) {
          const chunk = await reader.read().catch(() => ({ done: true as const, value: undefined }));
          if (chunk.done) return;
          const at = performance.now();
          const text = decoder.decode(chunk.value, { stream: true });
          if (text.startsWith("retry:")) ready();
          for (let n = text.split("event: change").length - 1; n > 0; n--) waiting.get(pair.id)?.shift()?.(at);
        }
      })();
    }
  }
  await Promise.all(opened);
  const hub = await liveHub(handle);
  const openPages = hub.openPages;

  const manager = { roles: ["manager" as const], name: "", email: "" };
  let n = 0;
  /** Writes one shared note to each pair given, all at once; the times each write's two streams heard it. */
  async function write(batch: typeof pairs) {
    const loaded = await Promise.all(batch.map((p) => loadMeeting(handle.db, p.id, p.manager_id)));
    const results = await Promise.all(
      batch.map(async (pair, i) => {
        const slots: ((at: number) => void)[] = [];
        const received = [0, 1].map(() => new Promise<number>((resolve) => slots.push(resolve)));
        waiting.set(pair.id, slots);
        const start = performance.now();
        let committed = 0;
        const written = addNote(handle.db, { ...manager, id: pair.manager_id }, loaded[i]!, {
          visibility: "shared",
          body: `Bench note ${n++}`,
        }).then(() => (committed = performance.now()));
        const times = await withTimeout(Promise.all(received), 5_000);
        await written;
        waiting.delete(pair.id);
        // The event may be heard before the write's promise resolves: that counts 0 after commit.
        return times.map((at) => ({ fromStart: at - start, afterCommit: Math.max(0, at - committed) }));
      }),
    );
    return results.flat();
  }

  const lines: Record<string, unknown>[] = [];
  const summarise = (mode: string, samples: { fromStart: number; afterCommit: number }[]) => {
    const s = samples.map((x) => x.fromStart).sort((a, b) => a - b);
    const c = samples.map((x) => x.afterCommit).sort((a, b) => a - b);
    const r = (x: number) => Math.round(x * 100) / 100;
    lines.push({
      bench: "live",
      ...common,
      mode,
      open_pages: openPages,
      deliveries: s.length,
      p50_ms: r(percentile(s, 50)),
      p99_ms: r(percentile(s, 99)),
      max_ms: r(s[s.length - 1]!),
      after_commit_p50_ms: r(percentile(c, 50)),
      after_commit_p99_ms: r(percentile(c, 99)),
    });
  };
  try {
    // One write at a time round the 50 pairs: the channel's own latency.
    const one: Awaited<ReturnType<typeof write>> = [];
    for (let i = 0; i < writes; i++) one.push(...(await write([pairs[i % pairs.length]!])));
    summarise("one write at a time", one);
    // Every pair writes at once, four times: 50 transactions queue for the pool and the listener.
    const burst: Awaited<ReturnType<typeof write>> = [];
    for (let i = 0; i < 4; i++) burst.push(...(await write(pairs)));
    summarise("50 writes at once", burst);
  } finally {
    for (const controller of aborts) controller.abort();
    await hub.stop();
  }
  for (const line of lines) log(JSON.stringify(line));
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return Promise.race([
    promise,
    new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`live bench: no event within ${ms} ms`)), ms)),
  ]);
}
