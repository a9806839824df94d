-- Deleting a team failed on every engine: 0003's statement trigger for DELETE
-- had no transition table, yet its function reads old_rows and new_rows, and
-- PostgreSQL plans the whole IF condition, so the reference to old_rows
-- failed before TG_OP was looked at. Removing a team needs no rows to compare:
-- it always rebuilds every month (points are broken down by top-level team, and
-- the team's past rows lose their team by ON DELETE SET NULL). So DELETE gets a
-- function of its own, and the UPDATE trigger keeps rapport_teams_changed,
-- which now only compares parents: a move rebuilds, a rename does not.
CREATE FUNCTION rapport_teams_removed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM "trend_rollups";
  RETURN NULL;
END $$;--> statement-breakpoint
DROP TRIGGER "teams_trends_delete" ON "teams";--> statement-breakpoint
CREATE TRIGGER "teams_trends_delete" AFTER DELETE ON "teams" FOR EACH STATEMENT EXECUTE FUNCTION rapport_teams_removed();--> statement-breakpoint
CREATE OR REPLACE FUNCTION rapport_teams_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (
    SELECT 1 FROM old_rows o JOIN new_rows n ON n."id" = o."id" WHERE n."parent_team_id" IS DISTINCT FROM o."parent_team_id"
  ) THEN
    DELETE FROM "trend_rollups";
  END IF;
  RETURN NULL;
END $$;
