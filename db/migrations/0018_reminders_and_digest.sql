-- Reminders and the weekly digest (docs/decisions/037-reminders-and-digest.md): what each person
-- wants mailed and when, one-click unsubscribe tokens (kept as hashes), and the outbox's extra
-- headers (List-Unsubscribe), forgotten once a message is finished with.
CREATE TABLE "message_preferences" (
	"person_id" uuid PRIMARY KEY NOT NULL,
	"report_reminder" boolean DEFAULT true NOT NULL,
	"manager_reminder" boolean DEFAULT true NOT NULL,
	"follow_ups" boolean DEFAULT true NOT NULL,
	"weekly_digest" boolean DEFAULT true NOT NULL,
	"report_lead_minutes" integer DEFAULT 1440 NOT NULL,
	"manager_lead_minutes" integer DEFAULT 60 NOT NULL,
	"digest_weekday" smallint DEFAULT 1 NOT NULL,
	"digest_hour" smallint DEFAULT 8 NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "message_preferences_report_lead" CHECK ("message_preferences"."report_lead_minutes" between 15 and 2880),
	CONSTRAINT "message_preferences_manager_lead" CHECK ("message_preferences"."manager_lead_minutes" between 15 and 2880),
	CONSTRAINT "message_preferences_digest_weekday" CHECK ("message_preferences"."digest_weekday" between 1 and 7),
	CONSTRAINT "message_preferences_digest_hour" CHECK ("message_preferences"."digest_hour" between 0 and 23)
);
--> statement-breakpoint
CREATE TABLE "unsubscribe_tokens" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"person_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"token_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"used_at" timestamp with time zone,
	CONSTRAINT "unsubscribe_tokens_kind" CHECK ("kind" in ('report-reminder', 'manager-reminder', 'follow-ups', 'weekly-digest')),
	CONSTRAINT "unsubscribe_tokens_token_hash_shape" CHECK ("unsubscribe_tokens"."token_hash" ~ '^[0-9a-f]{64}$')
);
--> statement-breakpoint
ALTER TABLE "mail_outbox" ADD COLUMN "headers" jsonb;--> statement-breakpoint
ALTER TABLE "message_preferences" ADD CONSTRAINT "message_preferences_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "unsubscribe_tokens" ADD CONSTRAINT "unsubscribe_tokens_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "unsubscribe_tokens_token_hash_unique" ON "unsubscribe_tokens" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "unsubscribe_tokens_created_idx" ON "unsubscribe_tokens" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "action_items_open_due_idx" ON "action_items" USING btree ("due_on") WHERE "action_items"."status" = 'open';--> statement-breakpoint
CREATE INDEX "meetings_planned_time_idx" ON "meetings" USING btree ("scheduled_at") WHERE "meetings"."status" = 'planned';--> statement-breakpoint
ALTER TABLE "mail_outbox" ADD CONSTRAINT "mail_outbox_headers_wiped" CHECK ("mail_outbox"."status" = 'pending' or "mail_outbox"."headers" is null);