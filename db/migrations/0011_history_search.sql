-- The history search (docs/decisions/029-search.md): a GIN index on each searchable
-- table's English text-search document, the same expressions db/schema/search.ts
-- builds for the search itself. Risks are never searched and get none.
CREATE INDEX "commitments_search_idx" ON "commitments" USING gin (to_tsvector('english'::regconfig, "change" || ' ' || "pain_of_doing_nothing" || ' ' || "first_step" || ' ' || "manager_support"));--> statement-breakpoint
CREATE INDEX "goals_search_idx" ON "goals" USING gin (to_tsvector('english'::regconfig, "title" || ' ' || "why_it_matters" || ' ' || "success_measure"));--> statement-breakpoint
CREATE INDEX "action_items_search_idx" ON "action_items" USING gin (to_tsvector('english'::regconfig, "title"));--> statement-breakpoint
CREATE INDEX "agenda_topics_search_idx" ON "agenda_topics" USING gin (to_tsvector('english'::regconfig, "title" || ' ' || "details"));--> statement-breakpoint
CREATE INDEX "meeting_notes_search_idx" ON "meeting_notes" USING gin (to_tsvector('english'::regconfig, "body"));