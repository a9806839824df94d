-- Calendar subscriptions (docs/decisions/038-calendar-feed.md): one private feed
-- per person, kept as the SHA-256 of its token only, and each 1:1's SEQUENCE
-- (RFC 5545), which a trigger raises on every change of time, length or status,
-- so every writer (a move, a cancel, a finish, a rhythm's replan) tells the
-- calendars that subscribe, without any of them having to remember to.
CREATE TABLE "calendar_feeds" (
	"person_id" uuid PRIMARY KEY NOT NULL,
	"token_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_used_at" timestamp with time zone,
	CONSTRAINT "calendar_feeds_token_hash_shape" CHECK ("calendar_feeds"."token_hash" ~ '^[0-9a-f]{64}$')
);
--> statement-breakpoint
ALTER TABLE "meetings" ADD COLUMN "sequence" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "calendar_feeds" ADD CONSTRAINT "calendar_feeds_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "calendar_feeds_token_hash_unique" ON "calendar_feeds" USING btree ("token_hash");--> statement-breakpoint
ALTER TABLE "meetings" ADD CONSTRAINT "meetings_sequence_nonneg" CHECK ("meetings"."sequence" >= 0);--> statement-breakpoint
CREATE FUNCTION rapport_meeting_sequence() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW."sequence" := OLD."sequence" + 1;
  RETURN NEW;
END $$;--> statement-breakpoint
CREATE TRIGGER "meetings_sequence" BEFORE UPDATE ON "meetings" FOR EACH ROW
  WHEN (OLD."scheduled_at" IS DISTINCT FROM NEW."scheduled_at"
    OR OLD."length_minutes" IS DISTINCT FROM NEW."length_minutes"
    OR OLD."status" IS DISTINCT FROM NEW."status")
  EXECUTE FUNCTION rapport_meeting_sequence();