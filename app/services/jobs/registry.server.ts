import { MESSAGES_JOB } from "../messages/job.server";
import { trendMonthsJob } from "../trends/jobs.server";
import type { RecurringJob } from "./recurring-job";

export type { RecurringJob } from "./recurring-job";

/** Every recurring job, each in its feature's module (ADR 036). */
export const RECURRING_JOBS: RecurringJob[] = [
  // HR's finished trend months, built before anyone asks (ADR 036).
  trendMonthsJob,
  // Reminders, follow-ups due and overdue, the weekly digest (docs/decisions/037-reminders-and-digest.md).
  MESSAGES_JOB,
];
