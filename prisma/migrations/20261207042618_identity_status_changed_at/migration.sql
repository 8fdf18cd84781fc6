-- When a person's status last changed, so that the sweep of people who stopped acting
-- (handOnStepsOfIdleApprovers) can tell a step escalated since they stopped from one escalated before.
-- It read Identity."updatedAt", which every later edit of the person moves (docs/decisions/115).
-- Nullable and not backfilled: a default or an UPDATE here would rewrite every person (and each of
-- Identity's indexes) under the ACCESS EXCLUSIVE lock the migration holds, and sign-ins would wait for
-- it. Until a person's status changes again the sweep reads their "updatedAt", as it did before.
ALTER TABLE "Identity" ADD COLUMN "statusChangedAt" TIMESTAMP(3);

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
