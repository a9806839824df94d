/**
 * Deterministic randomness for the seed: the same seed gives the same
 * organisation, ids included. Never Math.random.
 */

const DAY_MS = 86_400_000;

/** A 32-bit hash of a string and numbers, to derive independent streams. */
export function hash32(...parts: (string | number)[]): number {
  let h = 0x811c9dc5;
  for (const part of parts) {
    const text = `${part}|`;
    for (let i = 0; i < text.length; i++) {
      h ^= text.charCodeAt(i);
      h = Math.imul(h, 0x01000193);
    }
  }
  return fmix32(h);
}

/** MurmurHash3's finaliser: a bijection on 32-bit integers. */
function fmix32(x: number): number {
  x ^= x >>> 16;
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  x ^= x >>> 16;
  return x >>> 0;
}

/** sfc32: 128 bits of state, so streams seeded differently do not overlap in practice. */
export class Random {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(...seedParts: (string | number)[]) {
    this.a = hash32("a", ...seedParts);
    this.b = hash32("b", ...seedParts);
    this.c = hash32("c", ...seedParts);
    this.d = 1;
    for (let i = 0; i < 12; i++) this.u32();
  }

  u32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** [0, 1) */
  next(): number {
    return this.u32() / 4294967296;
  }

  /** An integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  /** An arrow, so it can be handed around unbound: `topicText(random.pick, ...)`. */
  readonly pick = <T>(items: readonly T[]): T => {
    if (items.length === 0) throw new Error("pick from an empty list");
    return items[Math.floor(this.next() * items.length)]!;
  };

  /** Picks by weight: [[value, weight], ...]. */
  weighted<T>(entries: readonly (readonly [T, number])[]): T {
    const total = entries.reduce((sum, [, w]) => sum + w, 0);
    let roll = this.next() * total;
    for (const [value, weight] of entries) {
      roll -= weight;
      if (roll < 0) return value;
    }
    return entries[entries.length - 1]![0];
  }

  /** `count` distinct items, in random order. */
  sample<T>(items: readonly T[], count: number): T[] {
    const copy = items.slice();
    const n = Math.min(count, copy.length);
    for (let i = 0; i < n; i++) {
      const j = i + Math.floor(this.next() * (copy.length - i));
      [copy[i], copy[j]] = [copy[j]!, copy[i]!];
    }
    return copy.slice(0, n);
  }

  /** Roughly normal, mean 0 and deviation 1. */
  gaussian(): number {
    return (this.next() + this.next() + this.next() + this.next() - 2) * 1.732;
  }

  /** A random instant between two dates. */
  between(from: Date, to: Date): Date {
    return new Date(from.getTime() + Math.floor(this.next() * Math.max(0, to.getTime() - from.getTime())));
  }

  /** `days` days after `from`, plus a random time of the working day (08:00-18:00 UTC). */
  dayTime(from: Date, days: number): Date {
    const midnight = Math.floor(from.getTime() / DAY_MS) * DAY_MS + days * DAY_MS;
    return new Date(midnight + (8 * 60 + this.int(0, 600)) * 60_000);
  }
}

const HEX16 = Array.from({ length: 65536 }, (_, i) => i.toString(16).padStart(4, "0"));
const hex16 = (n: number) => HEX16[n]!;

/**
 * Version-4 shaped UUIDs from a counter and a stream: the first 32 bits are
 * a seed-derived start plus a counter, so no two ids of one run collide, and
 * ids ascend in the order rows are written, which keeps B-tree inserts at the
 * right edge of each index (about a quarter faster than scattered keys).
 */
export class IdFactory {
  private counter = 0;
  private readonly salt: number;
  private readonly random: Random;

  constructor(seed: number) {
    this.salt = hash32("ids", seed);
    this.random = new Random("ids", seed);
  }

  next(): string {
    const head = (this.salt + this.counter++) >>> 0;
    const b = this.random.u32();
    const c = this.random.u32();
    const d = this.random.u32();
    const w1 = ((b & 0xffff0fff) | 0x00004000) >>> 0; // version 4
    const w2 = ((c & 0x3fffffff) | 0x80000000) >>> 0; // variant 10
    return `${hex16(head >>> 16)}${hex16(head & 0xffff)}-${hex16(w1 >>> 16)}-${hex16(w1 & 0xffff)}-${hex16(w2 >>> 16)}-${hex16(w2 & 0xffff)}${hex16(d >>> 16)}${hex16(d & 0xffff)}`;
  }

  get issued(): number {
    return this.counter;
  }
}
