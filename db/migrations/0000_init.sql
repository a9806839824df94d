CREATE TABLE "people" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"email" text NOT NULL,
	"name" text NOT NULL,
	"team_id" uuid,
	"manager_id" uuid,
	"password_hash" text,
	"active" boolean DEFAULT true NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "people_email_lowercase" CHECK ("people"."email" = lower("people"."email") and "people"."email" like '%_@_%'),
	CONSTRAINT "people_name_length" CHECK (char_length("people"."name") between 1 and 120),
	CONSTRAINT "people_not_own_manager" CHECK ("people"."manager_id" is distinct from "people"."id")
);
--> statement-breakpoint
CREATE TABLE "person_roles" (
	"person_id" uuid NOT NULL,
	"role" text NOT NULL,
	CONSTRAINT "person_roles_person_id_role_pk" PRIMARY KEY("person_id","role"),
	CONSTRAINT "person_roles_role" CHECK ("role" in ('manager', 'hr', 'admin'))
);
--> statement-breakpoint
CREATE TABLE "reporting_lines" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"person_id" uuid NOT NULL,
	"manager_id" uuid NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"ended_at" timestamp with time zone,
	CONSTRAINT "reporting_lines_period" CHECK ("reporting_lines"."ended_at" is null or "reporting_lines"."ended_at" >= "reporting_lines"."started_at")
);
--> statement-breakpoint
CREATE TABLE "teams" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"parent_team_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "teams_name_length" CHECK (char_length("teams"."name") between 1 and 120),
	CONSTRAINT "teams_not_own_parent" CHECK ("teams"."parent_team_id" is distinct from "teams"."id")
);
--> statement-breakpoint
CREATE TABLE "checklist_assessments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"subject_id" uuid NOT NULL,
	"assessor_id" uuid NOT NULL,
	"perspective" text NOT NULL,
	"point_key" smallint NOT NULL,
	"rating" integer NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"meeting_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "assessments_perspective" CHECK ("perspective" in ('manager', 'self')),
	CONSTRAINT "assessments_rating_range" CHECK ("checklist_assessments"."rating" between 1 and 5),
	CONSTRAINT "assessments_note_length" CHECK (char_length("checklist_assessments"."note") <= 2000),
	CONSTRAINT "assessments_self_is_subject" CHECK (("checklist_assessments"."perspective" = 'self') = ("checklist_assessments"."assessor_id" = "checklist_assessments"."subject_id"))
);
--> statement-breakpoint
CREATE TABLE "checklist_points" (
	"key" smallint PRIMARY KEY NOT NULL,
	"lens" text NOT NULL,
	"title" text NOT NULL,
	"customer_statement" text NOT NULL,
	"people_translation" text NOT NULL,
	"question" text NOT NULL,
	CONSTRAINT "checklist_points_key_range" CHECK ("checklist_points"."key" between 1 and 15),
	CONSTRAINT "checklist_points_lens" CHECK ("lens" in ('success', 'change', 'overload', 'risk', 'uniqueness'))
);
--> statement-breakpoint
CREATE TABLE "commitment_check_ins" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"commitment_id" uuid NOT NULL,
	"author_id" uuid NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "commitment_check_ins_note_length" CHECK (char_length("commitment_check_ins"."note") <= 1000)
);
--> statement-breakpoint
CREATE TABLE "commitments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"person_id" uuid NOT NULL,
	"created_by" uuid NOT NULL,
	"change" text NOT NULL,
	"pain_of_doing_nothing" text DEFAULT '' NOT NULL,
	"first_step" text DEFAULT '' NOT NULL,
	"manager_support" text DEFAULT '' NOT NULL,
	"check_in_every_days" integer DEFAULT 14 NOT NULL,
	"state" text DEFAULT 'proposed' NOT NULL,
	"first_step_done" boolean DEFAULT false NOT NULL,
	"last_check_in_at" timestamp with time zone,
	"committed_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	"remorse_check_due_on" date,
	"remorse_answered_at" timestamp with time zone,
	"still_glad" boolean,
	"remorse_note" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "commitments_state" CHECK ("state" in ('proposed', 'committed', 'in_progress', 'done', 'abandoned')),
	CONSTRAINT "commitments_check_in_range" CHECK ("commitments"."check_in_every_days" between 1 and 365),
	CONSTRAINT "commitments_change_length" CHECK (char_length("commitments"."change") between 1 and 300),
	CONSTRAINT "commitments_pain_length" CHECK (char_length("commitments"."pain_of_doing_nothing") <= 2000),
	CONSTRAINT "commitments_step_length" CHECK (char_length("commitments"."first_step") <= 1000),
	CONSTRAINT "commitments_support_length" CHECK (char_length("commitments"."manager_support") <= 1000),
	CONSTRAINT "commitments_finished_has_date" CHECK (("commitments"."state" in ('done', 'abandoned')) = ("commitments"."finished_at" is not null))
);
--> statement-breakpoint
CREATE TABLE "goal_updates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"goal_id" uuid NOT NULL,
	"author_id" uuid NOT NULL,
	"progress" integer NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "goal_updates_progress_range" CHECK ("goal_updates"."progress" between 0 and 100),
	CONSTRAINT "goal_updates_note_length" CHECK (char_length("goal_updates"."note") <= 1000)
);
--> statement-breakpoint
CREATE TABLE "goals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"owner_id" uuid NOT NULL,
	"title" text NOT NULL,
	"why_it_matters" text DEFAULT '' NOT NULL,
	"success_measure" text DEFAULT '' NOT NULL,
	"target_date" date,
	"progress" integer DEFAULT 0 NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"last_progress_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid,
	CONSTRAINT "goals_status" CHECK ("status" in ('active', 'achieved', 'dropped')),
	CONSTRAINT "goals_progress_range" CHECK ("goals"."progress" between 0 and 100),
	CONSTRAINT "goals_title_length" CHECK (char_length("goals"."title") between 1 and 200),
	CONSTRAINT "goals_why_length" CHECK (char_length("goals"."why_it_matters") <= 2000),
	CONSTRAINT "goals_measure_length" CHECK (char_length("goals"."success_measure") <= 2000)
);
--> statement-breakpoint
CREATE TABLE "risks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"subject_id" uuid NOT NULL,
	"author_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"point_key" smallint,
	"description" text NOT NULL,
	"likelihood" integer NOT NULL,
	"impact" integer NOT NULL,
	"mitigation" text DEFAULT '' NOT NULL,
	"review_on" date,
	"status" text DEFAULT 'open' NOT NULL,
	"last_reviewed_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "risks_kind" CHECK ("kind" in ('flight', 'change', 'overload', 'indecision', 'remorse', 'other')),
	CONSTRAINT "risks_status" CHECK ("status" in ('open', 'closed')),
	CONSTRAINT "risks_likelihood_range" CHECK ("risks"."likelihood" between 1 and 3),
	CONSTRAINT "risks_impact_range" CHECK ("risks"."impact" between 1 and 3),
	CONSTRAINT "risks_description_length" CHECK (char_length("risks"."description") between 1 and 2000),
	CONSTRAINT "risks_mitigation_length" CHECK (char_length("risks"."mitigation") <= 2000),
	CONSTRAINT "risks_closed_has_date" CHECK (("risks"."status" = 'closed') = ("risks"."closed_at" is not null))
);
--> statement-breakpoint
CREATE TABLE "action_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"report_id" uuid NOT NULL,
	"manager_id" uuid NOT NULL,
	"owner_id" uuid NOT NULL,
	"meeting_id" uuid,
	"title" text NOT NULL,
	"due_on" date,
	"status" text DEFAULT 'open' NOT NULL,
	"carried_count" integer DEFAULT 0 NOT NULL,
	"completed_at" timestamp with time zone,
	"created_by" uuid NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "action_items_status" CHECK ("status" in ('open', 'done', 'dropped')),
	CONSTRAINT "action_items_title_length" CHECK (char_length("action_items"."title") between 1 and 300),
	CONSTRAINT "action_items_carried_nonneg" CHECK ("action_items"."carried_count" >= 0),
	CONSTRAINT "action_items_owner_in_pair" CHECK ("action_items"."owner_id" in ("action_items"."report_id", "action_items"."manager_id")),
	CONSTRAINT "action_items_closed_has_time" CHECK (("action_items"."status" = 'open') = ("action_items"."completed_at" is null))
);
--> statement-breakpoint
CREATE TABLE "agenda_topics" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"meeting_id" uuid NOT NULL,
	"author_id" uuid NOT NULL,
	"source" text NOT NULL,
	"title" text NOT NULL,
	"details" text DEFAULT '' NOT NULL,
	"private" boolean DEFAULT false NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"discussed" boolean DEFAULT false NOT NULL,
	"carried_count" integer DEFAULT 0 NOT NULL,
	"carried_from_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "agenda_topics_source" CHECK ("source" in ('report', 'manager')),
	CONSTRAINT "agenda_topics_title_length" CHECK (char_length("agenda_topics"."title") between 1 and 200),
	CONSTRAINT "agenda_topics_details_length" CHECK (char_length("agenda_topics"."details") <= 2000),
	CONSTRAINT "agenda_topics_carried_nonneg" CHECK ("agenda_topics"."carried_count" >= 0)
);
--> statement-breakpoint
CREATE TABLE "meeting_notes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"meeting_id" uuid NOT NULL,
	"author_id" uuid NOT NULL,
	"visibility" text NOT NULL,
	"body" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "meeting_notes_visibility" CHECK ("visibility" in ('shared', 'private')),
	CONSTRAINT "meeting_notes_body_length" CHECK (char_length("meeting_notes"."body") between 1 and 20000)
);
--> statement-breakpoint
CREATE TABLE "meeting_series" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"manager_id" uuid NOT NULL,
	"report_id" uuid NOT NULL,
	"cadence" text DEFAULT 'biweekly' NOT NULL,
	"interval_days" integer DEFAULT 14 NOT NULL,
	"length_minutes" integer DEFAULT 30 NOT NULL,
	"weekday" smallint DEFAULT 2 NOT NULL,
	"start_time" time DEFAULT '10:00' NOT NULL,
	"timezone" text DEFAULT 'UTC' NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "meeting_series_cadence" CHECK ("cadence" in ('weekly', 'biweekly', 'monthly', 'days')),
	CONSTRAINT "meeting_series_interval_range" CHECK ("meeting_series"."interval_days" between 1 and 92),
	CONSTRAINT "meeting_series_length_range" CHECK ("meeting_series"."length_minutes" between 10 and 240),
	CONSTRAINT "meeting_series_weekday_range" CHECK ("meeting_series"."weekday" between 1 and 7),
	CONSTRAINT "meeting_series_not_self" CHECK ("meeting_series"."manager_id" <> "meeting_series"."report_id")
);
--> statement-breakpoint
CREATE TABLE "meetings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"series_id" uuid,
	"manager_id" uuid NOT NULL,
	"report_id" uuid NOT NULL,
	"scheduled_at" timestamp with time zone NOT NULL,
	"length_minutes" integer DEFAULT 30 NOT NULL,
	"status" text DEFAULT 'planned' NOT NULL,
	"held_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "meetings_status" CHECK ("status" in ('planned', 'held', 'cancelled')),
	CONSTRAINT "meetings_length_range" CHECK ("meetings"."length_minutes" between 10 and 240),
	CONSTRAINT "meetings_held_has_time" CHECK (("meetings"."status" = 'held') = ("meetings"."held_at" is not null)),
	CONSTRAINT "meetings_not_self" CHECK ("meetings"."manager_id" <> "meetings"."report_id")
);
--> statement-breakpoint
CREATE TABLE "audit_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"actor_id" uuid,
	"subject_id" uuid,
	"entity" text NOT NULL,
	"entity_id" uuid NOT NULL,
	"action" text NOT NULL,
	"changes" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "audit_events_entity" CHECK ("entity" in ('person', 'team', 'goal', 'risk', 'commitment', 'assessment', 'meeting', 'action_item')),
	CONSTRAINT "audit_events_action_length" CHECK (char_length("audit_events"."action") between 1 and 60)
);
--> statement-breakpoint
CREATE TABLE "pulses" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"meeting_id" uuid NOT NULL,
	"respondent_id" uuid NOT NULL,
	"team_id" uuid,
	"understood" integer NOT NULL,
	"progressing" integer NOT NULL,
	"overloaded" integer NOT NULL,
	"enps" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "pulses_understood_range" CHECK ("pulses"."understood" between 1 and 5),
	CONSTRAINT "pulses_progressing_range" CHECK ("pulses"."progressing" between 1 and 5),
	CONSTRAINT "pulses_overloaded_range" CHECK ("pulses"."overloaded" between 1 and 5),
	CONSTRAINT "pulses_enps_range" CHECK ("pulses"."enps" between 0 and 10)
);
--> statement-breakpoint
CREATE TABLE "app_settings" (
	"key" text PRIMARY KEY NOT NULL,
	"value" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sign_in_failures" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"email_key" text NOT NULL,
	"ip" text NOT NULL,
	"failed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "people" ADD CONSTRAINT "people_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "people" ADD CONSTRAINT "people_manager_id_people_id_fk" FOREIGN KEY ("manager_id") REFERENCES "public"."people"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "person_roles" ADD CONSTRAINT "person_roles_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reporting_lines" ADD CONSTRAINT "reporting_lines_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reporting_lines" ADD CONSTRAINT "reporting_lines_manager_id_people_id_fk" FOREIGN KEY ("manager_id") REFERENCES "public"."people"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "teams" ADD CONSTRAINT "teams_parent_team_id_teams_id_fk" FOREIGN KEY ("parent_team_id") REFERENCES "public"."teams"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "checklist_assessments" ADD CONSTRAINT "checklist_assessments_subject_id_people_id_fk" FOREIGN KEY ("subject_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "checklist_assessments" ADD CONSTRAINT "checklist_assessments_assessor_id_people_id_fk" FOREIGN KEY ("assessor_id") REFERENCES "public"."people"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "checklist_assessments" ADD CONSTRAINT "checklist_assessments_point_key_checklist_points_key_fk" FOREIGN KEY ("point_key") REFERENCES "public"."checklist_points"("key") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "checklist_assessments" ADD CONSTRAINT "checklist_assessments_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "commitment_check_ins" ADD CONSTRAINT "commitment_check_ins_commitment_id_commitments_id_fk" FOREIGN KEY ("commitment_id") REFERENCES "public"."commitments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "commitment_check_ins" ADD CONSTRAINT "commitment_check_ins_author_id_people_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."people"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "commitments" ADD CONSTRAINT "commitments_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "commitments" ADD CONSTRAINT "commitments_created_by_people_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."people"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "goal_updates" ADD CONSTRAINT "goal_updates_goal_id_goals_id_fk" FOREIGN KEY ("goal_id") REFERENCES "public"."goals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "goal_updates" ADD CONSTRAINT "goal_updates_author_id_people_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."people"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "goals" ADD CONSTRAINT "goals_owner_id_people_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "goals" ADD CONSTRAINT "goals_updated_by_people_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."people"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risks" ADD CONSTRAINT "risks_subject_id_people_id_fk" FOREIGN KEY ("subject_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risks" ADD CONSTRAINT "risks_author_id_people_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."people"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risks" ADD CONSTRAINT "risks_point_key_checklist_points_key_fk" FOREIGN KEY ("point_key") REFERENCES "public"."checklist_points"("key") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "action_items" ADD CONSTRAINT "action_items_report_id_people_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "action_items" ADD CONSTRAINT "action_items_manager_id_people_id_fk" FOREIGN KEY ("manager_id") REFERENCES "public"."people"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "action_items" ADD CONSTRAINT "action_items_owner_id_people_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."people"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "action_items" ADD CONSTRAINT "action_items_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "action_items" ADD CONSTRAINT "action_items_created_by_people_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."people"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agenda_topics" ADD CONSTRAINT "agenda_topics_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agenda_topics" ADD CONSTRAINT "agenda_topics_author_id_people_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."people"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agenda_topics" ADD CONSTRAINT "agenda_topics_carried_from_id_agenda_topics_id_fk" FOREIGN KEY ("carried_from_id") REFERENCES "public"."agenda_topics"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_notes" ADD CONSTRAINT "meeting_notes_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_notes" ADD CONSTRAINT "meeting_notes_author_id_people_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."people"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_series" ADD CONSTRAINT "meeting_series_manager_id_people_id_fk" FOREIGN KEY ("manager_id") REFERENCES "public"."people"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_series" ADD CONSTRAINT "meeting_series_report_id_people_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meetings" ADD CONSTRAINT "meetings_series_id_meeting_series_id_fk" FOREIGN KEY ("series_id") REFERENCES "public"."meeting_series"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meetings" ADD CONSTRAINT "meetings_manager_id_people_id_fk" FOREIGN KEY ("manager_id") REFERENCES "public"."people"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meetings" ADD CONSTRAINT "meetings_report_id_people_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_events" ADD CONSTRAINT "audit_events_actor_id_people_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."people"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_events" ADD CONSTRAINT "audit_events_subject_id_people_id_fk" FOREIGN KEY ("subject_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pulses" ADD CONSTRAINT "pulses_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pulses" ADD CONSTRAINT "pulses_respondent_id_people_id_fk" FOREIGN KEY ("respondent_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pulses" ADD CONSTRAINT "pulses_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "people_email_unique" ON "people" USING btree ("email");--> statement-breakpoint
CREATE INDEX "people_manager_idx" ON "people" USING btree ("manager_id");--> statement-breakpoint
CREATE INDEX "people_team_idx" ON "people" USING btree ("team_id");--> statement-breakpoint
CREATE INDEX "reporting_lines_person_idx" ON "reporting_lines" USING btree ("person_id","started_at");--> statement-breakpoint
CREATE INDEX "reporting_lines_manager_idx" ON "reporting_lines" USING btree ("manager_id");--> statement-breakpoint
CREATE UNIQUE INDEX "reporting_lines_one_current" ON "reporting_lines" USING btree ("person_id") WHERE "reporting_lines"."ended_at" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "teams_name_unique" ON "teams" USING btree (lower("name"));--> statement-breakpoint
CREATE INDEX "teams_parent_idx" ON "teams" USING btree ("parent_team_id");--> statement-breakpoint
CREATE INDEX "assessments_subject_point_idx" ON "checklist_assessments" USING btree ("subject_id","point_key","created_at");--> statement-breakpoint
CREATE INDEX "assessments_created_idx" ON "checklist_assessments" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "commitment_check_ins_commitment_idx" ON "commitment_check_ins" USING btree ("commitment_id","created_at");--> statement-breakpoint
CREATE INDEX "commitments_person_state_idx" ON "commitments" USING btree ("person_id","state");--> statement-breakpoint
CREATE INDEX "goal_updates_goal_idx" ON "goal_updates" USING btree ("goal_id","created_at");--> statement-breakpoint
CREATE INDEX "goals_owner_status_idx" ON "goals" USING btree ("owner_id","status");--> statement-breakpoint
CREATE INDEX "risks_subject_status_idx" ON "risks" USING btree ("subject_id","status");--> statement-breakpoint
CREATE INDEX "action_items_report_status_idx" ON "action_items" USING btree ("report_id","status","due_on");--> statement-breakpoint
CREATE INDEX "action_items_manager_status_idx" ON "action_items" USING btree ("manager_id","status","due_on");--> statement-breakpoint
CREATE INDEX "action_items_owner_status_idx" ON "action_items" USING btree ("owner_id","status");--> statement-breakpoint
CREATE INDEX "agenda_topics_meeting_idx" ON "agenda_topics" USING btree ("meeting_id","position");--> statement-breakpoint
CREATE INDEX "meeting_notes_meeting_idx" ON "meeting_notes" USING btree ("meeting_id","visibility");--> statement-breakpoint
CREATE INDEX "meeting_notes_author_idx" ON "meeting_notes" USING btree ("author_id");--> statement-breakpoint
CREATE UNIQUE INDEX "meeting_series_one_active_pair" ON "meeting_series" USING btree ("manager_id","report_id") WHERE "meeting_series"."active";--> statement-breakpoint
CREATE INDEX "meeting_series_report_idx" ON "meeting_series" USING btree ("report_id");--> statement-breakpoint
CREATE INDEX "meetings_report_time_idx" ON "meetings" USING btree ("report_id","scheduled_at");--> statement-breakpoint
CREATE INDEX "meetings_manager_time_idx" ON "meetings" USING btree ("manager_id","scheduled_at");--> statement-breakpoint
CREATE INDEX "meetings_series_time_idx" ON "meetings" USING btree ("series_id","scheduled_at");--> statement-breakpoint
CREATE INDEX "audit_events_subject_idx" ON "audit_events" USING btree ("subject_id","created_at");--> statement-breakpoint
CREATE INDEX "audit_events_entity_idx" ON "audit_events" USING btree ("entity","entity_id");--> statement-breakpoint
CREATE UNIQUE INDEX "pulses_one_per_meeting" ON "pulses" USING btree ("meeting_id");--> statement-breakpoint
CREATE INDEX "pulses_team_time_idx" ON "pulses" USING btree ("team_id","created_at");--> statement-breakpoint
CREATE INDEX "pulses_time_idx" ON "pulses" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "sign_in_failures_email_idx" ON "sign_in_failures" USING btree ("email_key","failed_at");--> statement-breakpoint
CREATE INDEX "sign_in_failures_ip_idx" ON "sign_in_failures" USING btree ("ip","failed_at");