-- A first full run's new ObservedMembership rows no longer lock their ObservedAccounts one by one
-- (docs/decisions/090, tenth pass), as the ninth pass did for ObservedAccount's planned Accounts.
-- db_observed_membership_references locked every ObservedAccount a statement's rows named FOR KEY
-- SHARE (300,000 tuple locks for a first run's 300,000 periods, each account once per statement it
-- appears in) and looked each up a second time to find the missing. The same guarantee, by the
-- Application row:
-- - a period's account must be of its entitlement's application (the read looks both up within one
--   application; this is now checked), so the Applications of the statement's entitlements, locked
--   FOR KEY SHARE, are its accounts' Applications too;
-- - a DELETE of ObservedAccounts (or a change of an id) locks their Applications FOR UPDATE (the mode
--   that conflicts with KEY SHARE) before it looks for periods naming them: it waits for a writer
--   that has checked its rows and not committed, then, in a new snapshot (READ COMMITTED), sees them
--   and is refused; a writer that comes after the delete's lock waits for the delete to commit, then,
--   in a new snapshot, finds the account gone and is refused. No code deletes an ObservedAccount
--   (history is closed, never deleted), so the Application's lock costs nothing in practice.
-- An Entitlement is still locked FOR KEY SHARE, once per statement (a statement names a few).

CREATE OR REPLACE FUNCTION db_observed_membership_references() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  missing text;
BEGIN
  SELECT n."entitlementId"::text INTO missing FROM db_new_rows n
   WHERE n."entitlementId" NOT IN (
     SELECT e.id FROM "Entitlement" e WHERE e.id IN (SELECT "entitlementId" FROM db_new_rows) FOR KEY SHARE)
   LIMIT 1;
  IF missing IS NOT NULL THEN
    RAISE EXCEPTION 'ObservedMembership names Entitlement %, which does not exist', missing
      USING ERRCODE = 'foreign_key_violation';
  END IF;
  PERFORM 1 FROM "Application" a
   WHERE a.id IN (SELECT e."applicationId" FROM "Entitlement" e WHERE e.id IN (SELECT "entitlementId" FROM db_new_rows))
   FOR KEY SHARE;
  -- A statement of its own, so that after waiting for an Application's lock it sees the accounts as
  -- a delete that held it left them.
  SELECT n."observedAccountId"::text INTO missing FROM db_new_rows n JOIN "Entitlement" e ON e.id = n."entitlementId"
   WHERE NOT EXISTS (SELECT 1 FROM "ObservedAccount" o WHERE o.id = n."observedAccountId" AND o."applicationId" = e."applicationId")
   LIMIT 1;
  IF missing IS NOT NULL THEN
    RAISE EXCEPTION 'ObservedMembership names ObservedAccount %, which does not exist in its entitlement''s application', missing
      USING ERRCODE = 'foreign_key_violation';
  END IF;
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION db_observed_membership_referenced() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  held uuid;
BEGIN
  IF TG_TABLE_NAME = 'ObservedAccount' THEN
    -- Waits for any writer of these applications' periods (see the top of this file).
    PERFORM 1 FROM "Application" a WHERE a.id IN (SELECT "applicationId" FROM db_old_rows) FOR UPDATE;
    SELECT o.id INTO held FROM db_old_rows o
     WHERE EXISTS (SELECT 1 FROM "ObservedMembership" m WHERE m."observedAccountId" = o.id) LIMIT 1;
  ELSE
    SELECT o.id INTO held FROM db_old_rows o
     WHERE EXISTS (SELECT 1 FROM "ObservedMembership" m WHERE m."entitlementId" = o.id) LIMIT 1;
  END IF;
  IF held IS NOT NULL THEN
    RAISE EXCEPTION '% % is referenced by ObservedMembership', TG_TABLE_NAME, held
      USING ERRCODE = 'restrict_violation';
  END IF;
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION db_observed_membership_id_kept() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_TABLE_NAME = 'ObservedAccount' THEN
    PERFORM 1 FROM "Application" a WHERE a.id = OLD."applicationId" FOR UPDATE;
  END IF;
  IF EXISTS (SELECT 1 FROM "ObservedMembership" m
              WHERE (TG_TABLE_NAME = 'ObservedAccount' AND m."observedAccountId" = OLD.id)
                 OR (TG_TABLE_NAME = 'Entitlement' AND m."entitlementId" = OLD.id)) THEN
    RAISE EXCEPTION '% % is referenced by ObservedMembership: its id cannot change', TG_TABLE_NAME, OLD.id
      USING ERRCODE = 'foreign_key_violation';
  END IF;
  RETURN NEW;
END $$;
