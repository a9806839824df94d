-- Each checklist point gets the report's own question for rating themself
-- (ADR 030), beside the manager's. The wording lives in
-- db/seed/checklist-points.ts and is upserted after every migrate, so rows
-- start empty here and are filled on the same start.
ALTER TABLE "checklist_points" ADD COLUMN "self_question" text DEFAULT '' NOT NULL;
