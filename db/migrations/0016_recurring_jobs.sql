-- Recurring jobs (ADR 036): per job, when it last finished and which missed cron tick a
-- starting server last queued a catch-up run for.
CREATE TABLE "recurring_jobs" (
	"name" text PRIMARY KEY NOT NULL,
	"last_run_at" timestamp with time zone,
	"catch_up_for" timestamp with time zone
);
