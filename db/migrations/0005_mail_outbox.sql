CREATE TABLE "mail_outbox" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"dedupe_key" text NOT NULL,
	"kind" text NOT NULL,
	"to_address" text NOT NULL,
	"subject" text NOT NULL,
	"text_body" text,
	"html_body" text,
	"sensitive" boolean DEFAULT false NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone,
	"locked_until" timestamp with time zone,
	"locked_by" text,
	"last_error" text,
	"transport" text,
	"message_id" text,
	"sent_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "mail_outbox_status" CHECK ("status" in ('pending', 'sent', 'logged', 'failed', 'expired')),
	CONSTRAINT "mail_outbox_transport" CHECK ("mail_outbox"."transport" is null or "transport" in ('smtp', 'log')),
	CONSTRAINT "mail_outbox_dedupe_key_length" CHECK (char_length("mail_outbox"."dedupe_key") between 1 and 300),
	CONSTRAINT "mail_outbox_kind_format" CHECK ("mail_outbox"."kind" ~ '^[a-z][a-z0-9-]{0,59}$'),
	CONSTRAINT "mail_outbox_to_format" CHECK (char_length("mail_outbox"."to_address") <= 320 and "mail_outbox"."to_address" like '%_@_%'),
	CONSTRAINT "mail_outbox_subject" CHECK (char_length("mail_outbox"."subject") between 1 and 300 and "mail_outbox"."subject" !~ '[\r\n]'),
	CONSTRAINT "mail_outbox_attempts" CHECK ("mail_outbox"."attempts" >= 0),
	CONSTRAINT "mail_outbox_pending_has_body" CHECK ("mail_outbox"."status" <> 'pending' or ("mail_outbox"."text_body" is not null and "mail_outbox"."html_body" is not null)),
	CONSTRAINT "mail_outbox_sensitive_wiped" CHECK (not "mail_outbox"."sensitive" or "mail_outbox"."status" = 'pending' or ("mail_outbox"."text_body" is null and "mail_outbox"."html_body" is null)),
	CONSTRAINT "mail_outbox_delivered" CHECK (("mail_outbox"."status" in ('sent', 'logged')) = ("mail_outbox"."sent_at" is not null and "mail_outbox"."transport" is not null))
);
--> statement-breakpoint
CREATE UNIQUE INDEX "mail_outbox_dedupe_key_unique" ON "mail_outbox" USING btree ("dedupe_key");--> statement-breakpoint
CREATE INDEX "mail_outbox_due_idx" ON "mail_outbox" USING btree ("next_attempt_at") WHERE "mail_outbox"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "mail_outbox_created_idx" ON "mail_outbox" USING btree ("created_at");