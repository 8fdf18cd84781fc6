-- When a person's status last changed, so that the sweep of people who stopped acting
-- (handOnStepsOfIdleApprovers) can tell a step escalated since they stopped from one escalated before.
-- It read Identity."updatedAt", which every later edit of the person moves (docs/decisions/115).
ALTER TABLE "Identity" ADD COLUMN "statusChangedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;

-- What the sweep read until now, so that it takes no step it did not take before. Acting people's
-- value is never read; a row's last write is as good a guess as any.
UPDATE "Identity" SET "statusChangedAt" = GREATEST("terminatedAt", "updatedAt");

-- Every writer of a status (HR, SCIM, the identity team, the lifecycle sweep, correlation, a raw
-- UPDATE) moves it: a trigger, not each writer. A writer that sets the column itself is left alone.
CREATE FUNCTION db_identity_status_changed_at() RETURNS trigger LANGUAGE plpgsql
SET search_path = public, pg_temp AS $$
BEGIN
  IF NEW.status IS DISTINCT FROM OLD.status AND NEW."statusChangedAt" IS NOT DISTINCT FROM OLD."statusChangedAt" THEN
    NEW."statusChangedAt" := now() AT TIME ZONE 'UTC';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER db_identity_status_changed_at BEFORE UPDATE OF status ON "Identity"
  FOR EACH ROW EXECUTE FUNCTION db_identity_status_changed_at();
