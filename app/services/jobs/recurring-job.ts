import type { Database } from "../db.server";

/**
 * A job that runs on a schedule, once across all app servers (issue 13). Each feature exports its own
 * jobs from its own module, importing this type from here (not from the registry, which imports them:
 * tests/architecture.test.ts refuses circles), and lists them in ./registry.server.ts; the runner
 * (./runner.server.ts) runs them.
 */
export interface RecurringJob {
  /** Unique and kebab-case: it names the job's queue. */
  name: string;
  /** When it runs: a cron expression in UTC, to the minute. */
  cron: string;
  /**
   * Also this often between its cron ticks, for work due "within a minute" (a cron tick, found by a pass
   * every half minute, can be most of two minutes late). Each server offers a run this often; the queue
   * keeps one waiting at most and one per period across servers.
   */
  everySeconds?: number;
  /** Does the work as of `now`. Must be safe to run twice for the same minute: it may be retried. */
  run: (db: Database, now: Date) => Promise<void>;
}
