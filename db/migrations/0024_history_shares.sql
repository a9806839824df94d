-- A handover the report controls (docs/decisions/043-handover.md): a person shares 1:1s held with an
-- earlier manager (one, or all: meeting_id null) with their current direct manager, and takes that back.
-- Rows are kept (revoked_at); one live share per 1:1 and grantee, so a double submit writes once. Sharing
-- and taking back are security events.
CREATE TABLE "history_shares" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"subject_id" uuid NOT NULL,
	"grantee_id" uuid NOT NULL,
	"meeting_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "history_shares_not_self" CHECK ("history_shares"."grantee_id" <> "history_shares"."subject_id"),
	CONSTRAINT "history_shares_revoked_after" CHECK ("history_shares"."revoked_at" is null or "history_shares"."revoked_at" >= "history_shares"."created_at")
);
--> statement-breakpoint
ALTER TABLE "security_events" DROP CONSTRAINT "security_events_kind";--> statement-breakpoint
ALTER TABLE "history_shares" ADD CONSTRAINT "history_shares_subject_id_people_id_fk" FOREIGN KEY ("subject_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "history_shares" ADD CONSTRAINT "history_shares_grantee_id_people_id_fk" FOREIGN KEY ("grantee_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "history_shares" ADD CONSTRAINT "history_shares_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "history_shares_live_idx" ON "history_shares" USING btree ("subject_id","grantee_id",coalesce("meeting_id", '00000000-0000-0000-0000-000000000000'::uuid)) WHERE "history_shares"."revoked_at" is null;--> statement-breakpoint
CREATE INDEX "history_shares_grantee_idx" ON "history_shares" USING btree ("grantee_id","subject_id");--> statement-breakpoint
ALTER TABLE "security_events" ADD CONSTRAINT "security_events_kind" CHECK ("kind" in ('sign-in.password', 'sign-in.sso', 'sign-out', 'sign-out.everywhere', 'session.revoked', 'password.changed', 'password.reset-requested', 'password.reset', 'invitation.sent', 'invitation.accepted', 'person.role-changed', 'person.manager-changed', 'person.activated', 'person.deactivated', 'person.password-set-by-admin', 'org.csv-imported', 'scim.person-created', 'scim.person-updated', 'scim.person-deactivated', 'scim.token-created', 'scim.token-revoked', 'scim.token-used', 'export.trends-csv', 'export.team-trends-csv', 'export.security-log-csv', 'calendar-feed.made', 'calendar-feed.turned-off', 'export.your-data', 'backup.made', 'history.shared', 'history.unshared'));