import type { Database } from "../db.server";
import { MESSAGES_JOB } from "../messages/job.server";

/**
 * A job that runs on a schedule, once across all app servers (issue 13). Each feature exports its own
 * jobs and lists them here; the runner (app/services/jobs/runner.server.ts) runs them.
 */
export interface RecurringJob {
  /** Unique and kebab-case: it names the job's queue. */
  name: string;
  /** When it runs: a cron expression in UTC, to the minute. */
  cron: string;
  /** Does the work as of `now`. Must be safe to run twice for the same minute: it may be retried. */
  run: (db: Database, now: Date) => Promise<void>;
}

export const RECURRING_JOBS: RecurringJob[] = [
  // Reminders, follow-ups due and overdue, the weekly digest (docs/decisions/037-reminders-and-digest.md).
  MESSAGES_JOB,
];
