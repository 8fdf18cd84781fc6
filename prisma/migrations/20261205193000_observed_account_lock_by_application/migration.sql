-- A first full run's new ObservedAccount rows no longer lock their planned Accounts one by one
-- (docs/decisions/090, ninth pass). db_observed_account_references locked every Account a COPY's
-- rows named FOR KEY SHARE, so that a racing DELETE of one waited and was refused: 100,000 tuple
-- locks, each a heap write and a WAL record, about 40 % of the backend CPU of the run's account COPY.
-- The same guarantee, by the Application row the statement locks already:
-- - an observed account may name only a planned Account of its own application (nothing links
--   across applications: the linker and correlation look within one), so the Application it locks
--   FOR KEY SHARE is its planned Account's too;
-- - a DELETE of Accounts locks their Applications FOR UPDATE (the one mode that conflicts with KEY
--   SHARE) before it looks for observed accounts naming them: it waits for a writer that checked
--   its rows and has not committed, then, in a new snapshot (READ COMMITTED), sees them and is
--   refused; a writer that comes after the delete's lock waits for the delete to commit, then, in a
--   new snapshot, finds the Account gone and is refused. No code deletes an Account (their history
--   is closed, never deleted), so the Application's lock costs nothing in practice.
-- A link made later (db_observed_account_link, a row at a time) keeps its row lock on the Account.

CREATE OR REPLACE FUNCTION db_observed_account_references() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  missing text;
BEGIN
  SELECT n."applicationId"::text INTO missing FROM db_new_rows n
   WHERE n."applicationId" NOT IN (
     SELECT a.id FROM "Application" a WHERE a.id IN (SELECT "applicationId" FROM db_new_rows) FOR KEY SHARE)
   LIMIT 1;
  IF missing IS NOT NULL THEN
    RAISE EXCEPTION 'ObservedAccount names Application %, which does not exist', missing
      USING ERRCODE = 'foreign_key_violation';
  END IF;
  -- A statement of its own, so that after waiting for the Application's lock it sees the Accounts
  -- as a delete that held it left them.
  SELECT n."accountId"::text INTO missing FROM db_new_rows n
   WHERE n."accountId" IS NOT NULL
     AND NOT EXISTS (SELECT 1 FROM "Account" a WHERE a.id = n."accountId" AND a."applicationId" = n."applicationId")
   LIMIT 1;
  IF missing IS NOT NULL THEN
    RAISE EXCEPTION 'ObservedAccount names Account %, which does not exist in its application', missing
      USING ERRCODE = 'foreign_key_violation';
  END IF;
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION db_observed_account_link() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW."applicationId" IS DISTINCT FROM OLD."applicationId" THEN
    RAISE EXCEPTION 'an observed account stays in its application'
      USING ERRCODE = 'foreign_key_violation';
  END IF;
  IF NEW."accountId" IS NOT NULL
     AND NOT EXISTS (SELECT 1 FROM "Account" a WHERE a.id = NEW."accountId" AND a."applicationId" = NEW."applicationId" FOR KEY SHARE) THEN
    RAISE EXCEPTION 'ObservedAccount names Account %, which does not exist in its application', NEW."accountId"
      USING ERRCODE = 'foreign_key_violation';
  END IF;
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION db_observed_account_referenced() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  held uuid;
BEGIN
  IF TG_TABLE_NAME = 'Application' THEN
    SELECT d.id INTO held FROM db_old_rows d
     WHERE EXISTS (SELECT 1 FROM "ObservedAccount" o WHERE o."applicationId" = d.id) LIMIT 1;
  ELSE
    -- Waits for any writer of these applications' observed accounts (see the top of this file).
    PERFORM 1 FROM "Application" a WHERE a.id IN (SELECT "applicationId" FROM db_old_rows) FOR UPDATE;
    SELECT d.id INTO held FROM db_old_rows d
     WHERE EXISTS (SELECT 1 FROM "ObservedAccount" o WHERE o."accountId" = d.id) LIMIT 1;
  END IF;
  IF held IS NOT NULL THEN
    RAISE EXCEPTION '% % is referenced by ObservedAccount', TG_TABLE_NAME, held
      USING ERRCODE = 'restrict_violation';
  END IF;
  RETURN NULL;
END $$;
