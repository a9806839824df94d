CREATE TABLE "trend_rollups" (
	"month" text NOT NULL,
	"family" text NOT NULL,
	"rows" json NOT NULL,
	"built_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "trend_rollups_month_family_pk" PRIMARY KEY("month","family"),
	CONSTRAINT "trend_rollups_month" CHECK ("trend_rollups"."month" ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
	CONSTRAINT "trend_rollups_family" CHECK ("family" in ('pulse', 'meeting', 'lens', 'point'))
);
--> statement-breakpoint
ALTER TABLE "checklist_assessments" ADD COLUMN "team_id" uuid;--> statement-breakpoint
ALTER TABLE "meetings" ADD COLUMN "team_id" uuid;--> statement-breakpoint
ALTER TABLE "checklist_assessments" ADD CONSTRAINT "checklist_assessments_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meetings" ADD CONSTRAINT "meetings_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "meetings_held_idx" ON "meetings" USING btree ("held_at") WHERE "meetings"."status" = 'held';--> statement-breakpoint
CREATE INDEX "meetings_report_held_idx" ON "meetings" USING btree ("report_id","held_at") WHERE "meetings"."status" = 'held';--> statement-breakpoint
CREATE INDEX "pulses_respondent_time_idx" ON "pulses" USING btree ("respondent_id","created_at");