-- Rules run at ingest from the moment they are enabled. The stored events a rule never saw are its
-- gap: the look-back before it was first enabled (what Elastic's first run would have read), and
-- the time it was off — until a back-fill covers them.
ALTER TABLE "rule" ADD COLUMN "disabledAt" TIMESTAMP(3);
ALTER TABLE "rule" ADD COLUMN "gapFrom" TIMESTAMP(3);
ALTER TABLE "rule" ADD COLUMN "gapTo" TIMESTAMP(3);

-- A rule's look-back ("now-9m") as an interval; Elastic's default of 6 minutes when unreadable.
CREATE FUNCTION rule_look_back(f text) RETURNS interval AS $$
  SELECT COALESCE(
    (substring(f FROM '^now-([0-9]+)[smhd]$') || ' ' ||
      CASE substring(f FROM '([smhd])$') WHEN 's' THEN 'seconds' WHEN 'm' THEN 'minutes' WHEN 'h' THEN 'hours' WHEN 'd' THEN 'days' END)::interval,
    interval '6 minutes')
$$ LANGUAGE sql IMMUTABLE;

CREATE FUNCTION rule_enabled_changed() RETURNS trigger AS $$
DECLARE
  now_utc timestamp(3) := (now() AT TIME ZONE 'UTC');
  unseen timestamp(3);
BEGIN
  IF TG_OP = 'INSERT' THEN
    -- Imported enabled (a Kibana export): it did not look back. The built-in rule is there from the start.
    IF NEW."enabled" AND NEW."origin" <> 'builtin' THEN
      NEW."gapFrom" := now_utc - rule_look_back(NEW."definition"->>'from');
      NEW."gapTo" := now_utc;
    END IF;
  ELSIF NEW."enabled" AND NOT OLD."enabled" THEN
    unseen := COALESCE(OLD."disabledAt", now_utc - rule_look_back(NEW."definition"->>'from'));
    NEW."gapFrom" := LEAST(COALESCE(OLD."gapFrom", unseen), unseen);
    NEW."gapTo" := now_utc;
  ELSIF OLD."enabled" AND NOT NEW."enabled" THEN
    NEW."disabledAt" := now_utc;
  END IF;
  RETURN NEW;
END $$ LANGUAGE plpgsql;

CREATE TRIGGER "rule_enabled_changed" BEFORE INSERT OR UPDATE OF "enabled" ON "rule"
  FOR EACH ROW EXECUTE FUNCTION rule_enabled_changed();
