/**
 * What to believe of the X-Forwarded-* headers. RAPPORT_TRUST_PROXY is the number of proxies in front of
 * Rapport; each of them appends what it saw, so the trusted part of every forwarded header is its last
 * `hops` values, and the value the outermost trusted proxy vouches for is the one `hops` places from the
 * right. Anything further left the client wrote itself. Express reads X-Forwarded-For the same way when
 * `trust proxy` is that number (app/server.ts sets both from the one setting). Pure, so every rule here is
 * tested without a server (docs/decisions/013-csrf-body-limits-and-csp.md).
 */
import { isIP } from "node:net";

/** The values of a comma-separated forwarded header, in the order the proxies added them. */
function values(header: string | null | undefined): string[] {
  return (header ?? "")
    .split(",")
    .map((v) => v.trim())
    .filter(Boolean);
}

/**
 * The value of X-Forwarded-Host or -Proto that the outermost trusted proxy set: `hops` places from the
 * right (or the leftmost, when fewer were sent). Undefined with no trusted proxy or no header.
 */
export function forwardedValue(header: string | null | undefined, hops: number): string | undefined {
  if (hops <= 0) return undefined;
  const list = values(header);
  return list.length ? list[Math.max(0, list.length - hops)] : undefined;
}

/** An IP address without a port ("1.2.3.4:5678", "[::1]:80" are what some proxies write), or null. */
function plainAddress(value: string | undefined): string | null {
  if (!value) return null;
  let address = value.trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(address);
  if (bracketed) address = bracketed[1]!;
  else if (/^\d{1,3}(?:\.\d{1,3}){3}:\d+$/.test(address)) address = address.slice(0, address.lastIndexOf(":"));
  return isIP(address) ? address : null;
}

/**
 * The client's address. Without a trusted proxy it is the socket's peer. Behind `hops` proxies it is the
 * address the outermost of them saw: counting the peer (the nearest proxy) as the last entry of the
 * chain, `hops` places to its left in X-Forwarded-For. Values a client put further left are never read,
 * so random ones all count as the one address the proxy appended. Something that is no IP address where
 * a trusted proxy should have written one falls back to the nearest address that is one.
 */
export function clientAddressOf(input: {
  remoteAddress: string | undefined;
  forwardedFor: string | null | undefined;
  hops: number;
}): string {
  const peer = input.remoteAddress || "unknown";
  if (input.hops <= 0) return peer;
  const chain = [...values(input.forwardedFor), peer];
  for (let at = Math.max(0, chain.length - 1 - input.hops); at < chain.length - 1; at++) {
    const address = plainAddress(chain[at]);
    if (address) return address;
  }
  return peer;
}
