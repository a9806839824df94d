-- Each person's time zone (IANA name, UTC until guessed from their browser
-- at sign-in or chosen in settings) and how it was set, so a guess never
-- overrides a choice. meeting_series.timezone already exists: rhythms take
-- the manager's zone when saved.
ALTER TABLE "people" ADD COLUMN "time_zone" text DEFAULT 'UTC' NOT NULL;--> statement-breakpoint
ALTER TABLE "people" ADD COLUMN "time_zone_source" text;--> statement-breakpoint
ALTER TABLE "people" ADD CONSTRAINT "people_time_zone_shape" CHECK ("people"."time_zone" ~ '^[A-Za-z][A-Za-z0-9_+/-]{0,63}$');--> statement-breakpoint
ALTER TABLE "people" ADD CONSTRAINT "people_time_zone_source" CHECK ("time_zone_source" in ('guessed', 'chosen'));