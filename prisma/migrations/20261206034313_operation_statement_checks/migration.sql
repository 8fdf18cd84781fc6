-- ProvisioningOperation's four references (its Application, Account, Identity and Entitlement) are
-- checked once per statement instead of by four foreign keys row by row (docs/decisions/107, as 087
-- and 090 did for the observed tables). An HR delta writes about 11,000 operations in a few
-- statements; each row's four key checks (an index probe and a KEY SHARE lock each, the Application
-- the same row every time and shared by the batches in flight through a MultiXact) were about half
-- of that INSERT. The same guarantees, set-based:
-- - a statement's new rows must name existing rows, which it locks FOR KEY SHARE, each distinct row
--   once, so that a concurrent DELETE waits for it and then sees its rows, as with a key;
-- - a reference changed later (an UPDATE: rare, a row at a time) is checked and locked the same way;
-- - a DELETE of a referenced Application is refused (restrict_violation, as ON DELETE RESTRICT); a
--   DELETE of an Account, Identity or Entitlement sets the operations' reference to NULL, as ON
--   DELETE SET NULL did (the operation is history: it stays, naming what is left);
-- - a change of a referenced id is refused (the keys were ON UPDATE CASCADE; no code changes an id).
-- A failed check is a foreign_key_violation, as the keys raised. schema.prisma keeps the four
-- relations (the lists, the worker and the evidence reports select through them); the schema check
-- knows these relations are held by triggers (server/db/catalog/trigger-checked-relations.ts).

ALTER TABLE "ProvisioningOperation" DROP CONSTRAINT "ProvisioningOperation_applicationId_fkey";
ALTER TABLE "ProvisioningOperation" DROP CONSTRAINT "ProvisioningOperation_accountId_fkey";
ALTER TABLE "ProvisioningOperation" DROP CONSTRAINT "ProvisioningOperation_identityId_fkey";
ALTER TABLE "ProvisioningOperation" DROP CONSTRAINT "ProvisioningOperation_entitlementId_fkey";

-- Locks the rows of `target` with these (distinct) ids FOR KEY SHARE, and raises if one is missing.
-- `= ANY` of an array reads the primary key whatever the statement's size (a join with the
-- statement's rows may be planned as a scan of the whole table).
CREATE FUNCTION db_operation_lock_referenced(target regclass, ids uuid[]) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  locked bigint;
  missing uuid;
BEGIN
  IF cardinality(ids) = 0 THEN
    RETURN;
  END IF;
  EXECUTE format('SELECT count(*) FROM (SELECT 1 FROM %s WHERE id = ANY($1) FOR KEY SHARE) x', target)
    INTO locked USING ids;
  IF locked < cardinality(ids) THEN
    EXECUTE format('SELECT u FROM unnest($1) u WHERE NOT EXISTS (SELECT 1 FROM %s WHERE id = u) LIMIT 1', target)
      INTO missing USING ids;
    RAISE EXCEPTION 'ProvisioningOperation names % %, which does not exist', trim(both '"' from target::text), missing
      USING ERRCODE = 'foreign_key_violation';
  END IF;
END $$;

CREATE FUNCTION db_operation_references() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM db_operation_lock_referenced('"Application"',
    ARRAY(SELECT DISTINCT "applicationId" FROM db_new_rows));
  PERFORM db_operation_lock_referenced('"Account"',
    ARRAY(SELECT DISTINCT "accountId" FROM db_new_rows WHERE "accountId" IS NOT NULL));
  PERFORM db_operation_lock_referenced('"Identity"',
    ARRAY(SELECT DISTINCT "identityId" FROM db_new_rows WHERE "identityId" IS NOT NULL));
  PERFORM db_operation_lock_referenced('"Entitlement"',
    ARRAY(SELECT DISTINCT "entitlementId" FROM db_new_rows WHERE "entitlementId" IS NOT NULL));
  RETURN NULL;
END $$;
CREATE TRIGGER db_operation_references AFTER INSERT ON "ProvisioningOperation"
  REFERENCING NEW TABLE AS db_new_rows FOR EACH STATEMENT EXECUTE FUNCTION db_operation_references();

CREATE FUNCTION db_operation_relink() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW."applicationId" IS DISTINCT FROM OLD."applicationId" THEN
    PERFORM db_operation_lock_referenced('"Application"', ARRAY[NEW."applicationId"]);
  END IF;
  IF NEW."accountId" IS DISTINCT FROM OLD."accountId" AND NEW."accountId" IS NOT NULL THEN
    PERFORM db_operation_lock_referenced('"Account"', ARRAY[NEW."accountId"]);
  END IF;
  IF NEW."identityId" IS DISTINCT FROM OLD."identityId" AND NEW."identityId" IS NOT NULL THEN
    PERFORM db_operation_lock_referenced('"Identity"', ARRAY[NEW."identityId"]);
  END IF;
  IF NEW."entitlementId" IS DISTINCT FROM OLD."entitlementId" AND NEW."entitlementId" IS NOT NULL THEN
    PERFORM db_operation_lock_referenced('"Entitlement"', ARRAY[NEW."entitlementId"]);
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER db_operation_relink AFTER UPDATE ON "ProvisioningOperation" FOR EACH ROW
  WHEN (OLD."applicationId" IS DISTINCT FROM NEW."applicationId"
     OR (NEW."accountId" IS NOT NULL AND OLD."accountId" IS DISTINCT FROM NEW."accountId")
     OR (NEW."identityId" IS NOT NULL AND OLD."identityId" IS DISTINCT FROM NEW."identityId")
     OR (NEW."entitlementId" IS NOT NULL AND OLD."entitlementId" IS DISTINCT FROM NEW."entitlementId"))
  EXECUTE FUNCTION db_operation_relink();

-- The referenced side, one statement per DELETE over the rows it deleted. In READ COMMITTED each
-- statement here sees what committed before it began, so a writer whose KEY SHARE lock held the
-- DELETE back is seen once it committed.
CREATE FUNCTION db_operation_referenced() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  held uuid;
BEGIN
  IF TG_TABLE_NAME = 'Application' THEN
    SELECT d.id INTO held FROM db_old_rows d
     WHERE EXISTS (SELECT 1 FROM "ProvisioningOperation" o WHERE o."applicationId" = d.id) LIMIT 1;
    IF held IS NOT NULL THEN
      RAISE EXCEPTION 'Application % is referenced by ProvisioningOperation', held
        USING ERRCODE = 'restrict_violation';
    END IF;
  ELSIF TG_TABLE_NAME = 'Account' THEN
    UPDATE "ProvisioningOperation" SET "accountId" = NULL WHERE "accountId" IN (SELECT id FROM db_old_rows);
  ELSIF TG_TABLE_NAME = 'Identity' THEN
    UPDATE "ProvisioningOperation" SET "identityId" = NULL WHERE "identityId" IN (SELECT id FROM db_old_rows);
  ELSE
    UPDATE "ProvisioningOperation" SET "entitlementId" = NULL WHERE "entitlementId" IN (SELECT id FROM db_old_rows);
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER db_operation_referenced AFTER DELETE ON "Application"
  REFERENCING OLD TABLE AS db_old_rows FOR EACH STATEMENT EXECUTE FUNCTION db_operation_referenced();
CREATE TRIGGER db_operation_referenced AFTER DELETE ON "Account"
  REFERENCING OLD TABLE AS db_old_rows FOR EACH STATEMENT EXECUTE FUNCTION db_operation_referenced();
CREATE TRIGGER db_operation_referenced AFTER DELETE ON "Identity"
  REFERENCING OLD TABLE AS db_old_rows FOR EACH STATEMENT EXECUTE FUNCTION db_operation_referenced();
CREATE TRIGGER db_operation_referenced AFTER DELETE ON "Entitlement"
  REFERENCING OLD TABLE AS db_old_rows FOR EACH STATEMENT EXECUTE FUNCTION db_operation_referenced();

CREATE FUNCTION db_operation_id_kept() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM "ProvisioningOperation" o
              WHERE (TG_TABLE_NAME = 'Application' AND o."applicationId" = OLD.id)
                 OR (TG_TABLE_NAME = 'Account' AND o."accountId" = OLD.id)
                 OR (TG_TABLE_NAME = 'Identity' AND o."identityId" = OLD.id)
                 OR (TG_TABLE_NAME = 'Entitlement' AND o."entitlementId" = OLD.id)) THEN
    RAISE EXCEPTION '% % is referenced by ProvisioningOperation: its id cannot change', TG_TABLE_NAME, OLD.id
      USING ERRCODE = 'foreign_key_violation';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER db_operation_id_kept BEFORE UPDATE OF id ON "Application" FOR EACH ROW
  WHEN (OLD.id IS DISTINCT FROM NEW.id) EXECUTE FUNCTION db_operation_id_kept();
CREATE TRIGGER db_operation_id_kept BEFORE UPDATE OF id ON "Account" FOR EACH ROW
  WHEN (OLD.id IS DISTINCT FROM NEW.id) EXECUTE FUNCTION db_operation_id_kept();
CREATE TRIGGER db_operation_id_kept BEFORE UPDATE OF id ON "Identity" FOR EACH ROW
  WHEN (OLD.id IS DISTINCT FROM NEW.id) EXECUTE FUNCTION db_operation_id_kept();
CREATE TRIGGER db_operation_id_kept BEFORE UPDATE OF id ON "Entitlement" FOR EACH ROW
  WHEN (OLD.id IS DISTINCT FROM NEW.id) EXECUTE FUNCTION db_operation_id_kept();
