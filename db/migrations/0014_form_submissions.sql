-- Keys of submitted forms, claimed in the same transaction as the write, so a double
-- click or a resent post writes once (docs/decisions/031-phones-and-forms.md).
CREATE TABLE "form_submissions" (
	"person_id" uuid NOT NULL,
	"key" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "form_submissions_person_id_key_pk" PRIMARY KEY("person_id","key"),
	CONSTRAINT "form_submissions_key_length" CHECK (char_length("form_submissions"."key") between 8 and 100)
);
--> statement-breakpoint
ALTER TABLE "form_submissions" ADD CONSTRAINT "form_submissions_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;