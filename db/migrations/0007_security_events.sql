CREATE TABLE "security_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"kind" text NOT NULL,
	"outcome" text DEFAULT 'success' NOT NULL,
	"actor_id" uuid,
	"actor_label" text,
	"subject_id" uuid,
	"client_address" text,
	"user_agent" text,
	"detail" jsonb DEFAULT '{}'::jsonb NOT NULL,
	CONSTRAINT "security_events_kind" CHECK ("kind" in ('sign-in.password', 'sign-in.sso', 'sign-out', 'sign-out.everywhere', 'session.revoked', 'password.changed', 'password.reset-requested', 'password.reset', 'invitation.sent', 'invitation.accepted', 'person.role-changed', 'person.manager-changed', 'person.activated', 'person.deactivated', 'person.password-set-by-admin', 'org.csv-imported', 'scim.person-created', 'scim.person-updated', 'scim.person-deactivated', 'scim.token-created', 'scim.token-revoked', 'scim.token-used', 'export.trends-csv', 'export.team-trends-csv', 'export.security-log-csv')),
	CONSTRAINT "security_events_outcome" CHECK ("outcome" in ('success', 'failure', 'refused')),
	CONSTRAINT "security_events_actor_label_length" CHECK (char_length("security_events"."actor_label") <= 160),
	CONSTRAINT "security_events_user_agent_length" CHECK (char_length("security_events"."user_agent") <= 256),
	CONSTRAINT "security_events_client_address_length" CHECK (char_length("security_events"."client_address") <= 64)
);
--> statement-breakpoint
ALTER TABLE "security_events" ADD CONSTRAINT "security_events_actor_id_people_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."people"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "security_events" ADD CONSTRAINT "security_events_subject_id_people_id_fk" FOREIGN KEY ("subject_id") REFERENCES "public"."people"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "security_events_at_idx" ON "security_events" USING btree ("at","id");--> statement-breakpoint
CREATE INDEX "security_events_subject_idx" ON "security_events" USING btree ("subject_id","at");--> statement-breakpoint
CREATE INDEX "security_events_actor_idx" ON "security_events" USING btree ("actor_id","at");