-- DropForeignKey
ALTER TABLE "ObservedAccount" DROP CONSTRAINT "ObservedAccount_accountId_fkey";

-- DropForeignKey
ALTER TABLE "ObservedAccount" DROP CONSTRAINT "ObservedAccount_applicationId_fkey";

-- ObservedAccount's references, checked once per statement for an insert instead of by two foreign
-- keys row by row (docs/decisions/090, after 087 for ObservedMembership). A first full run COPYs
-- 100,000 accounts; each row's two foreign-key triggers (an index probe and a KEY SHARE lock of its
-- Application, the same row for every one, and of its Account) were a third of the database's CPU for
-- them, and two writers shared the Application row's lock through a MultiXact row by row. The same
-- guarantees, set-based:
-- - a statement's new rows must name existing rows, which it locks FOR KEY SHARE (each once, not once
--   per row), so that a concurrent DELETE waits for it and then sees its rows, as with a key;
-- - a link made later (accountId set on an existing row: rare, a row at a time) is checked and locked
--   row by row, as a key checks a changed reference; moving an account to another application is
--   refused (no code does: the stable id is unique within one application);
-- - a DELETE of a referenced Application or Account is refused (restrict_violation, as ON DELETE
--   RESTRICT), and so is a change of a referenced id (Prisma's keys were ON UPDATE CASCADE; ids never
--   change).
-- A failed check is a foreign_key_violation, as the keys raised.

CREATE FUNCTION db_observed_account_references() RETURNS trigger LANGUAGE plpgsql AS $$
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
  SELECT n."accountId"::text INTO missing FROM db_new_rows n
   WHERE n."accountId" IS NOT NULL AND n."accountId" NOT IN (
     SELECT a.id FROM "Account" a WHERE a.id IN (SELECT "accountId" FROM db_new_rows) FOR KEY SHARE)
   LIMIT 1;
  IF missing IS NOT NULL THEN
    RAISE EXCEPTION 'ObservedAccount names Account %, which does not exist', missing
      USING ERRCODE = 'foreign_key_violation';
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER db_observed_account_references AFTER INSERT ON "ObservedAccount"
  REFERENCING NEW TABLE AS db_new_rows FOR EACH STATEMENT EXECUTE FUNCTION db_observed_account_references();

CREATE FUNCTION db_observed_account_link() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW."applicationId" IS DISTINCT FROM OLD."applicationId" THEN
    RAISE EXCEPTION 'an observed account stays in its application'
      USING ERRCODE = 'foreign_key_violation';
  END IF;
  IF NEW."accountId" IS NOT NULL
     AND NOT EXISTS (SELECT 1 FROM "Account" a WHERE a.id = NEW."accountId" FOR KEY SHARE) THEN
    RAISE EXCEPTION 'ObservedAccount names Account %, which does not exist', NEW."accountId"
      USING ERRCODE = 'foreign_key_violation';
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER db_observed_account_link AFTER UPDATE ON "ObservedAccount" FOR EACH ROW
  WHEN (OLD."applicationId" IS DISTINCT FROM NEW."applicationId" OR OLD."accountId" IS DISTINCT FROM NEW."accountId")
  EXECUTE FUNCTION db_observed_account_link();

-- The referenced side: a DELETE is checked by one join per statement over the rows it deleted; an id
-- change row by row, only when it happens.
CREATE FUNCTION db_observed_account_referenced() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  held uuid;
BEGIN
  IF TG_TABLE_NAME = 'Application' THEN
    SELECT d.id INTO held FROM db_old_rows d
     WHERE EXISTS (SELECT 1 FROM "ObservedAccount" o WHERE o."applicationId" = d.id) LIMIT 1;
  ELSE
    SELECT d.id INTO held FROM db_old_rows d
     WHERE EXISTS (SELECT 1 FROM "ObservedAccount" o WHERE o."accountId" = d.id) LIMIT 1;
  END IF;
  IF held IS NOT NULL THEN
    RAISE EXCEPTION '% % is referenced by ObservedAccount', TG_TABLE_NAME, held
      USING ERRCODE = 'restrict_violation';
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER db_observed_account_referenced AFTER DELETE ON "Application"
  REFERENCING OLD TABLE AS db_old_rows FOR EACH STATEMENT EXECUTE FUNCTION db_observed_account_referenced();
CREATE TRIGGER db_observed_account_referenced AFTER DELETE ON "Account"
  REFERENCING OLD TABLE AS db_old_rows FOR EACH STATEMENT EXECUTE FUNCTION db_observed_account_referenced();

CREATE FUNCTION db_observed_account_id_kept() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM "ObservedAccount" o
              WHERE (TG_TABLE_NAME = 'Application' AND o."applicationId" = OLD.id)
                 OR (TG_TABLE_NAME = 'Account' AND o."accountId" = OLD.id)) THEN
    RAISE EXCEPTION '% % is referenced by ObservedAccount: its id cannot change', TG_TABLE_NAME, OLD.id
      USING ERRCODE = 'foreign_key_violation';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER db_observed_account_id_kept BEFORE UPDATE OF id ON "Application" FOR EACH ROW
  WHEN (OLD.id IS DISTINCT FROM NEW.id) EXECUTE FUNCTION db_observed_account_id_kept();
CREATE TRIGGER db_observed_account_id_kept BEFORE UPDATE OF id ON "Account" FOR EACH ROW
  WHEN (OLD.id IS DISTINCT FROM NEW.id) EXECUTE FUNCTION db_observed_account_id_kept();
