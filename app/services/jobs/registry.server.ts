import { trendMonthsJob } from "../trends/jobs.server";
import type { RecurringJob } from "./recurring-job";

export type { RecurringJob } from "./recurring-job";

/** Every recurring job, each in its feature's module (ADR 036). */
export const RECURRING_JOBS: RecurringJob[] = [trendMonthsJob];
