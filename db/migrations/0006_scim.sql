-- SCIM provisioning: bearer tokens for identity providers (only their SHA-256
-- is stored) and the provider's own id of each person, unique when set.
-- Token events join the audited entities.
CREATE TABLE "scim_tokens" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"token_hash" text NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_used_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "scim_tokens_token_hash_shape" CHECK ("scim_tokens"."token_hash" ~ '^[0-9a-f]{64}$'),
	CONSTRAINT "scim_tokens_name_length" CHECK (char_length("scim_tokens"."name") between 1 and 80)
);
--> statement-breakpoint
ALTER TABLE "audit_events" DROP CONSTRAINT "audit_events_entity";--> statement-breakpoint
ALTER TABLE "people" ADD COLUMN "external_id" text;--> statement-breakpoint
ALTER TABLE "scim_tokens" ADD CONSTRAINT "scim_tokens_created_by_people_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "scim_tokens_token_hash_unique" ON "scim_tokens" USING btree ("token_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "people_external_id_unique" ON "people" USING btree ("external_id") WHERE "people"."external_id" is not null;--> statement-breakpoint
ALTER TABLE "people" ADD CONSTRAINT "people_external_id_length" CHECK (char_length("people"."external_id") between 1 and 255);--> statement-breakpoint
ALTER TABLE "audit_events" ADD CONSTRAINT "audit_events_entity" CHECK ("entity" in ('person', 'team', 'goal', 'risk', 'commitment', 'assessment', 'meeting', 'action_item', 'scim_token'));