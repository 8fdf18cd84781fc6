-- DropForeignKey
ALTER TABLE "ObservedMembership" DROP CONSTRAINT "ObservedMembership_observedAccountId_fkey";

-- DropForeignKey
ALTER TABLE "ObservedMembership" DROP CONSTRAINT "ObservedMembership_entitlementId_fkey";

-- DropIndex
DROP INDEX "ObservedMembership_observedAccountId_entitlementId_idx";

-- ObservedMembership's references, checked once per statement instead of by two foreign keys row by
-- row (docs/decisions/087). A first full run COPYs 300,000 periods; each row's two foreign-key
-- triggers (an index probe and a KEY SHARE lock of its ObservedAccount and its Entitlement) were
-- half of the database's CPU for them. The same guarantees, set-based:
-- - a statement's new rows must name existing rows, which it locks FOR KEY SHARE (each once, not
--   once per row) so that a concurrent DELETE waits for it and then sees its rows, as with a key;
-- - a DELETE of a referenced ObservedAccount or Entitlement is refused (restrict_violation, as
--   ON DELETE RESTRICT), and so is a change of a referenced id (ids never change) or of a period's
--   references (a period is of one account and one entitlement for its life).
-- A failed check is a foreign_key_violation, as the keys raised.

CREATE FUNCTION db_observed_membership_references() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  missing text;
BEGIN
  SELECT n."observedAccountId"::text INTO missing FROM db_new_rows n
   WHERE n."observedAccountId" NOT IN (
     SELECT o.id FROM "ObservedAccount" o WHERE o.id IN (SELECT "observedAccountId" FROM db_new_rows) FOR KEY SHARE)
   LIMIT 1;
  IF missing IS NOT NULL THEN
    RAISE EXCEPTION 'ObservedMembership names ObservedAccount %, which does not exist', missing
      USING ERRCODE = 'foreign_key_violation';
  END IF;
  SELECT n."entitlementId"::text INTO missing FROM db_new_rows n
   WHERE n."entitlementId" NOT IN (
     SELECT e.id FROM "Entitlement" e WHERE e.id IN (SELECT "entitlementId" FROM db_new_rows) FOR KEY SHARE)
   LIMIT 1;
  IF missing IS NOT NULL THEN
    RAISE EXCEPTION 'ObservedMembership names Entitlement %, which does not exist', missing
      USING ERRCODE = 'foreign_key_violation';
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER db_observed_membership_references AFTER INSERT ON "ObservedMembership"
  REFERENCING NEW TABLE AS db_new_rows FOR EACH STATEMENT EXECUTE FUNCTION db_observed_membership_references();

CREATE FUNCTION db_observed_membership_fixed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'a membership period keeps its account and entitlement: end it and open another'
    USING ERRCODE = 'foreign_key_violation';
END $$;
CREATE TRIGGER db_observed_membership_fixed BEFORE UPDATE ON "ObservedMembership" FOR EACH ROW
  WHEN (OLD."observedAccountId" IS DISTINCT FROM NEW."observedAccountId" OR OLD."entitlementId" IS DISTINCT FROM NEW."entitlementId")
  EXECUTE FUNCTION db_observed_membership_fixed();

-- The referenced side: a DELETE is checked by one join per statement over the rows it deleted; an id
-- change (Prisma's keys were ON UPDATE CASCADE; no code changes an id) row by row, only when it happens.
CREATE FUNCTION db_observed_membership_referenced() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  held uuid;
BEGIN
  IF TG_TABLE_NAME = 'ObservedAccount' THEN
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
CREATE TRIGGER db_observed_membership_referenced AFTER DELETE ON "ObservedAccount"
  REFERENCING OLD TABLE AS db_old_rows FOR EACH STATEMENT EXECUTE FUNCTION db_observed_membership_referenced();
CREATE TRIGGER db_observed_membership_referenced AFTER DELETE ON "Entitlement"
  REFERENCING OLD TABLE AS db_old_rows FOR EACH STATEMENT EXECUTE FUNCTION db_observed_membership_referenced();

CREATE FUNCTION db_observed_membership_id_kept() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM "ObservedMembership" m
              WHERE (TG_TABLE_NAME = 'ObservedAccount' AND m."observedAccountId" = OLD.id)
                 OR (TG_TABLE_NAME = 'Entitlement' AND m."entitlementId" = OLD.id)) THEN
    RAISE EXCEPTION '% % is referenced by ObservedMembership: its id cannot change', TG_TABLE_NAME, OLD.id
      USING ERRCODE = 'foreign_key_violation';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER db_observed_membership_id_kept BEFORE UPDATE OF id ON "ObservedAccount" FOR EACH ROW
  WHEN (OLD.id IS DISTINCT FROM NEW.id) EXECUTE FUNCTION db_observed_membership_id_kept();
CREATE TRIGGER db_observed_membership_id_kept BEFORE UPDATE OF id ON "Entitlement" FOR EACH ROW
  WHEN (OLD.id IS DISTINCT FROM NEW.id) EXECUTE FUNCTION db_observed_membership_id_kept();
