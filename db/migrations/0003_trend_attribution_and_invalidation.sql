-- Trends count each held 1:1 and each rating in the team the person was in at
-- the time, as pulses already do. A trigger fills the team for every writer
-- (the app, the seed generator, test builders) so none can forget it.
UPDATE "meetings" m SET "team_id" = p."team_id" FROM "people" p WHERE p."id" = m."report_id" AND m."status" = 'held';--> statement-breakpoint
UPDATE "checklist_assessments" a SET "team_id" = p."team_id" FROM "people" p WHERE p."id" = a."subject_id";--> statement-breakpoint
CREATE FUNCTION rapport_meeting_team() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW."status" = 'held' AND NEW."team_id" IS NULL THEN
    SELECT "team_id" INTO NEW."team_id" FROM "people" WHERE "id" = NEW."report_id";
  END IF;
  RETURN NEW;
END $$;--> statement-breakpoint
CREATE TRIGGER "meetings_team" BEFORE INSERT OR UPDATE OF "status" ON "meetings" FOR EACH ROW EXECUTE FUNCTION rapport_meeting_team();--> statement-breakpoint
CREATE FUNCTION rapport_assessment_team() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW."team_id" IS NULL THEN
    SELECT "team_id" INTO NEW."team_id" FROM "people" WHERE "id" = NEW."subject_id";
  END IF;
  RETURN NEW;
END $$;--> statement-breakpoint
CREATE TRIGGER "checklist_assessments_team" BEFORE INSERT ON "checklist_assessments" FOR EACH ROW EXECUTE FUNCTION rapport_assessment_team();--> statement-breakpoint

-- A finished month's trend roll-up is dropped when anything it was built from
-- changes: that month's rows, or the month before's (it holds who stayed in
-- their team since then). The app only writes in the current month, which has
-- no roll-up, so these cost nothing in normal use; they keep seeds, imports
-- and tests that write the past honest. One function per table; PostgreSQL
-- allows a transition table only on a single-event trigger, hence three each.
CREATE FUNCTION rapport_forget_trend_months(months text[]) RETURNS void LANGUAGE sql AS $$
  DELETE FROM "trend_rollups" r
  WHERE r."month" = ANY (months)
     OR r."month" = ANY (SELECT to_char(to_date(m, 'YYYY-MM') + interval '1 month', 'YYYY-MM') FROM unnest(months) m);
$$;--> statement-breakpoint
CREATE FUNCTION rapport_pulses_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    PERFORM rapport_forget_trend_months(ARRAY(SELECT DISTINCT to_char("created_at" AT TIME ZONE 'UTC', 'YYYY-MM') FROM new_rows));
  END IF;
  IF TG_OP IN ('DELETE', 'UPDATE') THEN
    PERFORM rapport_forget_trend_months(ARRAY(SELECT DISTINCT to_char("created_at" AT TIME ZONE 'UTC', 'YYYY-MM') FROM old_rows));
  END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER "pulses_trends_insert" AFTER INSERT ON "pulses" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION rapport_pulses_changed();--> statement-breakpoint
CREATE TRIGGER "pulses_trends_update" AFTER UPDATE ON "pulses" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION rapport_pulses_changed();--> statement-breakpoint
CREATE TRIGGER "pulses_trends_delete" AFTER DELETE ON "pulses" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION rapport_pulses_changed();--> statement-breakpoint
CREATE FUNCTION rapport_meetings_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    PERFORM rapport_forget_trend_months(ARRAY(SELECT DISTINCT to_char("held_at" AT TIME ZONE 'UTC', 'YYYY-MM') FROM new_rows WHERE "held_at" IS NOT NULL));
  END IF;
  IF TG_OP IN ('DELETE', 'UPDATE') THEN
    PERFORM rapport_forget_trend_months(ARRAY(SELECT DISTINCT to_char("held_at" AT TIME ZONE 'UTC', 'YYYY-MM') FROM old_rows WHERE "held_at" IS NOT NULL));
  END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER "meetings_trends_insert" AFTER INSERT ON "meetings" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION rapport_meetings_changed();--> statement-breakpoint
CREATE TRIGGER "meetings_trends_update" AFTER UPDATE ON "meetings" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION rapport_meetings_changed();--> statement-breakpoint
CREATE TRIGGER "meetings_trends_delete" AFTER DELETE ON "meetings" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION rapport_meetings_changed();--> statement-breakpoint
CREATE FUNCTION rapport_assessments_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    PERFORM rapport_forget_trend_months(ARRAY(SELECT DISTINCT to_char("created_at" AT TIME ZONE 'UTC', 'YYYY-MM') FROM new_rows));
  END IF;
  IF TG_OP IN ('DELETE', 'UPDATE') THEN
    PERFORM rapport_forget_trend_months(ARRAY(SELECT DISTINCT to_char("created_at" AT TIME ZONE 'UTC', 'YYYY-MM') FROM old_rows));
  END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER "checklist_assessments_trends_insert" AFTER INSERT ON "checklist_assessments" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION rapport_assessments_changed();--> statement-breakpoint
CREATE TRIGGER "checklist_assessments_trends_update" AFTER UPDATE ON "checklist_assessments" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION rapport_assessments_changed();--> statement-breakpoint
CREATE TRIGGER "checklist_assessments_trends_delete" AFTER DELETE ON "checklist_assessments" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION rapport_assessments_changed();--> statement-breakpoint
-- Checklist points are broken down by top-level team, fixed when a month is
-- built: moving a team, deleting one, or a point changing lens rebuilds every
-- month. Compared row by row, because the checklist is upserted on every start.
CREATE FUNCTION rapport_teams_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' OR EXISTS (
    SELECT 1 FROM old_rows o JOIN new_rows n ON n."id" = o."id" WHERE n."parent_team_id" IS DISTINCT FROM o."parent_team_id"
  ) THEN
    DELETE FROM "trend_rollups";
  END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER "teams_trends_update" AFTER UPDATE ON "teams" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION rapport_teams_changed();--> statement-breakpoint
CREATE TRIGGER "teams_trends_delete" AFTER DELETE ON "teams" FOR EACH STATEMENT EXECUTE FUNCTION rapport_teams_changed();--> statement-breakpoint
CREATE FUNCTION rapport_points_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM old_rows o JOIN new_rows n ON n."key" = o."key" WHERE n."lens" IS DISTINCT FROM o."lens") THEN
    DELETE FROM "trend_rollups";
  END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER "checklist_points_trends" AFTER UPDATE ON "checklist_points" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION rapport_points_changed();
