-- Access receipts (docs/decisions/041-access-receipts.md): every read about a person by
-- someone other than them and their direct manager, one row each, and the direct manager's
-- reads counted per week. No foreign keys: nothing cascades into them, and the reader's name
-- is copied at read time, so a receipt outlives the erasure of either party. Triggers refuse
-- every UPDATE and DELETE of a receipt, and any change to a count but raising it, whoever asks.
CREATE TABLE "access_counts" (
	"subject_id" uuid NOT NULL,
	"reader_id" uuid NOT NULL,
	"reader_name" text NOT NULL,
	"week_start" date NOT NULL,
	"reads" integer DEFAULT 1 NOT NULL,
	"last_read_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "access_counts_subject_id_reader_id_week_start_pk" PRIMARY KEY("subject_id","reader_id","week_start"),
	CONSTRAINT "access_counts_reads_positive" CHECK ("access_counts"."reads" >= 1),
	CONSTRAINT "access_counts_reader_name_length" CHECK (char_length("access_counts"."reader_name") <= 200)
);
--> statement-breakpoint
CREATE TABLE "access_receipts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"subject_id" uuid NOT NULL,
	"reader_id" uuid,
	"reader_name" text NOT NULL,
	"role" text NOT NULL,
	"target" text NOT NULL,
	"record_id" uuid,
	"read_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "access_receipts_role" CHECK ("role" in ('skip-level-manager', 'admin', 'export', 'other')),
	CONSTRAINT "access_receipts_target" CHECK ("target" in ('account', 'commitment', 'meeting', 'person-record', 'export')),
	CONSTRAINT "access_receipts_reader_name_length" CHECK (char_length("access_receipts"."reader_name") <= 200)
);
--> statement-breakpoint
CREATE INDEX "access_receipts_subject_idx" ON "access_receipts" USING btree ("subject_id","read_at");--> statement-breakpoint
CREATE FUNCTION rapport_access_receipts_kept() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'access receipts cannot be changed or deleted (ADR 041)' USING ERRCODE = 'insufficient_privilege';
END $$;--> statement-breakpoint
CREATE TRIGGER "access_receipts_kept" BEFORE UPDATE OR DELETE ON "access_receipts" FOR EACH ROW EXECUTE FUNCTION rapport_access_receipts_kept();--> statement-breakpoint
CREATE FUNCTION rapport_access_counts_only_up() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND NEW."subject_id" = OLD."subject_id" AND NEW."reader_id" = OLD."reader_id"
    AND NEW."week_start" = OLD."week_start" AND NEW."reader_name" = OLD."reader_name"
    AND NEW."reads" > OLD."reads" AND NEW."last_read_at" >= OLD."last_read_at" THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'access counts are only ever counted up (ADR 041)' USING ERRCODE = 'insufficient_privilege';
END $$;--> statement-breakpoint
CREATE TRIGGER "access_counts_only_up" BEFORE UPDATE OR DELETE ON "access_counts" FOR EACH ROW EXECUTE FUNCTION rapport_access_counts_only_up();