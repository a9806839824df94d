import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import type { Database, DatabaseHandle } from "#db/client";
import { getDatabaseHandle } from "../db.server";

/**
 * The live 1:1's channel (ADR 039): a write to a meeting tells every open page of it "meeting X changed",
 * and each page re-reads through its own loader. The message carries a meeting id, a kind and, for a
 * private change, the one person it concerns; never a title, a note or a topic.
 *
 * One code path on both engines: the writing transaction sends `pg_notify`, so only a committed change
 * travels and a rolled-back one sends nothing. What differs is only how this process listens
 * (DatabaseHandle.listen): on PostgreSQL one connection of its own per app server, so a write on any
 * server reaches the pages open on every server; on PGlite the instance's own LISTEN, in process.
 * Each process fans the one listener out to its open pages.
 */

export const LIVE_CHANNEL = "rapport_live";

/** What changed, for the page to know it is its own meeting; the page re-reads the rest. */
export type LiveKind = "tick" | "topic" | "note" | "follow-up" | "meeting";
const KINDS: readonly string[] = ["tick", "topic", "note", "follow-up", "meeting"];

export interface LiveEvent {
  meetingId: string;
  /** "resync" after the listener was lost and is back: anything may have changed meanwhile. */
  kind: LiveKind | "resync";
  /** Per app server, rising: the stream's event id. */
  seq: number;
}

/**
 * Tells the meeting's open pages that it changed, once `tx` commits. Call it inside the writing
 * transaction. `onlyFor` keeps a private change (a private note or topic) to its author's own pages:
 * the other side is not even told that something it may not read was written.
 */
export async function publishMeetingChange(
  tx: Database,
  meetingId: string,
  kind: LiveKind,
  onlyFor?: string,
): Promise<void> {
  const payload = JSON.stringify(onlyFor ? { m: meetingId, k: kind, o: onlyFor } : { m: meetingId, k: kind });
  await tx.execute(sql`select pg_notify(${LIVE_CHANNEL}, ${payload})`);
}

type Subscriber = { viewerId: string; deliver: (event: LiveEvent) => void };

export interface LiveHubOptions {
  /** PostgreSQL: how often the listener proves it still hears (a ping through the pool); 0 turns it off. */
  pingEveryMs?: number;
  /** How long a ping may take before the listener is replaced. */
  pingTimeoutMs?: number;
}

/** One listener per process and database, fanned out to the pages open here. */
export class LiveHub {
  private readonly subscribers = new Map<string, Set<Subscriber>>();
  private seq = 0;
  private stopListening: (() => Promise<void>) | undefined;
  private starting: Promise<void> | undefined;
  private listenedBefore = false;
  private stopped = false;
  private timer: NodeJS.Timeout | undefined;
  private pending: { nonce: string; sentAt: number } | undefined;
  private readonly nonce = randomUUID();
  private pings = 0;

  constructor(
    private readonly handle: DatabaseHandle,
    private readonly options: LiveHubOptions = {},
  ) {}

  /** Resolves once this process listens (the first subscriber waits for it, so no change is missed). */
  start(): Promise<void> {
    this.starting ??= this.listen().finally(() => {
      this.starting = undefined;
    });
    if (!this.timer && this.handle.engine === "postgres" && (this.options.pingEveryMs ?? 10_000) > 0) {
      this.timer = setInterval(() => void this.watch(), this.options.pingEveryMs ?? 10_000);
      this.timer.unref();
    }
    return this.starting;
  }

  /** Delivers each change of the meeting that this viewer may be told of; returns the unsubscribe. */
  async subscribe(meetingId: string, viewerId: string, deliver: (event: LiveEvent) => void): Promise<() => void> {
    const subscriber: Subscriber = { viewerId, deliver };
    let set = this.subscribers.get(meetingId);
    if (!set) this.subscribers.set(meetingId, (set = new Set()));
    set.add(subscriber);
    if (!this.stopListening) await this.start().catch(() => {});
    return () => {
      set.delete(subscriber);
      if (!set.size && this.subscribers.get(meetingId) === set) this.subscribers.delete(meetingId);
    };
  }

  /** Pages open here, for the bench and tests. */
  get openPages(): number {
    let n = 0;
    for (const set of this.subscribers.values()) n += set.size;
    return n;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    const stop = this.stopListening;
    this.stopListening = undefined;
    await stop?.();
  }

  private async listen(): Promise<void> {
    if (this.stopped || this.stopListening) return;
    this.stopListening = await this.handle.listen(
      LIVE_CHANNEL,
      (payload) => this.receive(payload),
      () => {
        // Listening again after a lost connection: whatever changed meanwhile went unheard, so every
        // page here re-reads once.
        if (this.listenedBefore) this.broadcastResync();
        this.listenedBefore = true;
      },
    );
    if (this.stopped) await this.stop();
  }

  /**
   * PostgreSQL: the driver re-listens after a dropped connection, but gives up if the server is still
   * down then. A ping through the pool that the listener does not hear in time replaces it.
   */
  private async watch(): Promise<void> {
    if (this.stopped) return;
    const timeout = this.options.pingTimeoutMs ?? 5_000;
    if (this.pending && Date.now() - this.pending.sentAt > timeout) {
      this.pending = undefined;
      await this.replaceListener();
    }
    if (!this.stopListening) {
      await this.start().catch(() => {});
      if (!this.stopListening) return;
    }
    if (this.pending) return;
    const nonce = `${this.nonce}:${++this.pings}`;
    this.pending = { nonce, sentAt: Date.now() };
    await this.handle.db.execute(sql`select pg_notify(${LIVE_CHANNEL}, ${JSON.stringify({ p: nonce })})`).catch(() => {
      // The database is away: the ping counts as unheard, and the listener is replaced once it is back.
    });
  }

  private async replaceListener(): Promise<void> {
    const old = this.stopListening;
    this.stopListening = undefined;
    // Never awaited: ending a connection to a server that went away may not settle.
    void old?.().catch(() => {});
    this.listenedBefore = true;
    await this.start().catch(() => {});
  }

  private receive(payload: string): void {
    let message: { m?: unknown; k?: unknown; o?: unknown; p?: unknown };
    try {
      message = JSON.parse(payload) as typeof message;
    } catch {
      return;
    }
    if (typeof message.p === "string") {
      if (this.pending?.nonce === message.p) this.pending = undefined;
      return;
    }
    if (typeof message.m !== "string" || typeof message.k !== "string" || !KINDS.includes(message.k)) return;
    const set = this.subscribers.get(message.m);
    if (!set?.size) return;
    const event: LiveEvent = { meetingId: message.m, kind: message.k as LiveKind, seq: ++this.seq };
    for (const s of set) if (message.o === undefined || message.o === s.viewerId) s.deliver(event);
  }

  private broadcastResync(): void {
    for (const [meetingId, set] of this.subscribers) {
      const event: LiveEvent = { meetingId, kind: "resync", seq: ++this.seq };
      for (const s of set) s.deliver(event);
    }
  }
}

declare global {
  // One hub per process and database handle, kept across dev-server module reloads.
  var __rapportLiveHubs: WeakMap<DatabaseHandle, LiveHub> | undefined;
}

/** This process's hub for a database (the configured one when none is given). */
export async function liveHub(handle?: DatabaseHandle): Promise<LiveHub> {
  const h = handle ?? (await getDatabaseHandle());
  const hubs = (globalThis.__rapportLiveHubs ??= new WeakMap());
  let hub = hubs.get(h);
  if (!hub) hubs.set(h, (hub = new LiveHub(h)));
  return hub;
}

/** Follows one meeting for one viewer: the events they may be told of, until the returned stop. */
export async function followMeeting(
  meetingId: string,
  viewerId: string,
  deliver: (event: LiveEvent) => void,
): Promise<() => void> {
  return (await liveHub()).subscribe(meetingId, viewerId, deliver);
}

/** At shutdown: ends this process's listening connection. */
export async function stopLiveUpdates(): Promise<void> {
  const handle = await globalThis.__rapportDatabase;
  if (handle) await globalThis.__rapportLiveHubs?.get(handle)?.stop();
}
