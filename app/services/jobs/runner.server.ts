import type { Database } from "../db.server";
import type { RecurringJob } from "./registry.server";

export interface JobRunner {
  stop: () => Promise<void>;
}

/**
 * PLACEHOLDER while issue 13's job queue is built: runs every job every `everyMs`, ignoring its cron,
 * in this process only. The queue work replaces it with pg-boss (ADR 036).
 */
export function startJobRunner(options: {
  db: () => Database;
  jobs: RecurringJob[];
  everyMs?: number;
  log?: (message: string) => void;
}): JobRunner {
  let running: Promise<unknown> = Promise.resolve();
  const tick = () => {
    running = Promise.all(
      options.jobs.map((job) =>
        job.run(options.db(), new Date()).catch((e: unknown) => options.log?.(`job ${job.name} failed: ${String(e)}`)),
      ),
    );
  };
  const timer = setInterval(tick, options.everyMs ?? 15_000);
  timer.unref();
  return {
    stop: async () => {
      clearInterval(timer);
      await running;
    },
  };
}
