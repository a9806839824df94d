CREATE TABLE "meeting_item_checks" (
	"meeting_id" uuid NOT NULL,
	"item_key" text NOT NULL,
	"checked_by" uuid NOT NULL,
	"checked_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "meeting_item_checks_key_length" CHECK (char_length("meeting_item_checks"."item_key") between 3 and 100)
);
--> statement-breakpoint
ALTER TABLE "meeting_item_checks" ADD CONSTRAINT "meeting_item_checks_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_item_checks" ADD CONSTRAINT "meeting_item_checks_checked_by_people_id_fk" FOREIGN KEY ("checked_by") REFERENCES "public"."people"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "meeting_item_checks_pk" ON "meeting_item_checks" USING btree ("meeting_id","item_key");