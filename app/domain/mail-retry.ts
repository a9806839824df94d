// When a message that failed to send is tried again, and when the outbox gives up on it
// (docs/decisions/020-mail.md).

export interface RetryPolicy {
  /** The first retry waits about this long; each later one twice the one before. */
  baseDelayMs: number;
  /** No wait is longer than this. */
  maxDelayMs: number;
  /** Attempts in all, the first included; after the last failure the message is "failed". */
  maxAttempts: number;
}

/**
 * About three hours of retries (30 s, 1 min, 2, 4, 8, 16, 32 min, then hourly), so an SMTP server
 * down for a maintenance window or a night's restart still gets the mail, and a wrong address or a
 * server that never comes back stops costing work the same day.
 */
export const DEFAULT_RETRY_POLICY: RetryPolicy = { baseDelayMs: 30_000, maxDelayMs: 3_600_000, maxAttempts: 10 };

/**
 * The wait before attempt `attempts + 1`, after `attempts` have failed: exponential, capped, and
 * "equal jitter" (between half and all of it) so that the messages an outage held back, and the app
 * servers retrying them, do not all come back in the same second.
 */
export function retryDelayMs(attempts: number, policy: RetryPolicy, random: () => number = Math.random): number {
  const exponent = Math.max(0, attempts - 1);
  // 2 ** exponent overflows to Infinity long after the cap; min() keeps it finite.
  const full = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.min(exponent, 60));
  const r = Math.min(Math.max(random(), 0), 1);
  return Math.round(full / 2 + (full / 2) * r);
}

/** What went wrong, as the mail transport reports it (nodemailer's `code` and the SMTP reply code). */
export interface SendFailure {
  code?: string;
  responseCode?: number;
}

/**
 * A 5xx reply means the server will never take this message (no such mailbox, refused content):
 * retrying only repeats the refusal. Everything else (no connection, a timeout, a 4xx "try later")
 * may pass on a later attempt. A refused login is 5xx too, but it is the configuration that is wrong,
 * not the message: it is retried, so mail waits until SMTP_URL is fixed instead of being thrown away.
 */
export function isPermanentFailure(failure: SendFailure): boolean {
  if (failure.code === "EAUTH") return false;
  return failure.responseCode !== undefined && failure.responseCode >= 500 && failure.responseCode < 600;
}

export type RetryDecision =
  { retry: true; at: Date } | { retry: false; reason: "refused" | "out of attempts" | "would expire" };

/** After attempt number `attempts` failed at `now`: when to try again, or not at all. */
export function afterFailure(
  attempts: number,
  failure: SendFailure,
  now: Date,
  policy: RetryPolicy,
  expiresAt: Date | null = null,
  random: () => number = Math.random,
): RetryDecision {
  if (isPermanentFailure(failure)) return { retry: false, reason: "refused" };
  if (attempts >= policy.maxAttempts) return { retry: false, reason: "out of attempts" };
  const at = new Date(now.getTime() + retryDelayMs(attempts, policy, random));
  if (expiresAt && at >= expiresAt) return { retry: false, reason: "would expire" };
  return { retry: true, at };
}
