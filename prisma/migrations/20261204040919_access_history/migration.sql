-- DropForeignKey
ALTER TABLE "Entitlement" DROP CONSTRAINT "Entitlement_applicationId_fkey";

-- DropForeignKey
ALTER TABLE "Grant" DROP CONSTRAINT "Grant_identityId_fkey";

-- DropForeignKey
ALTER TABLE "Grant" DROP CONSTRAINT "Grant_entitlementId_fkey";

-- DropForeignKey
ALTER TABLE "Grant" DROP CONSTRAINT "Grant_roleId_fkey";

-- DropForeignKey
ALTER TABLE "AccessRequest" DROP CONSTRAINT "AccessRequest_requesterId_fkey";

-- DropForeignKey
ALTER TABLE "AccessRequest" DROP CONSTRAINT "AccessRequest_beneficiaryId_fkey";

-- DropForeignKey
ALTER TABLE "AccessRequest" DROP CONSTRAINT "AccessRequest_entitlementId_fkey";

-- DropForeignKey
ALTER TABLE "AccessRequest" DROP CONSTRAINT "AccessRequest_roleId_fkey";

-- DropForeignKey
ALTER TABLE "Account" DROP CONSTRAINT "Account_applicationId_fkey";

-- DropForeignKey
ALTER TABLE "ProvisioningOperation" DROP CONSTRAINT "ProvisioningOperation_applicationId_fkey";

-- CreateTable
CREATE TABLE "RoleEntitlementPeriod" (
    "id" UUID NOT NULL,
    "roleId" UUID NOT NULL,
    "entitlementId" UUID NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "endedAt" TIMESTAMP(3),
    CONSTRAINT "RoleEntitlementPeriod_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AccountEntitlementPeriod" (
    "id" UUID NOT NULL,
    "accountId" UUID NOT NULL,
    "entitlementId" UUID NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "confirmedAt" TIMESTAMP(3),
    "endedAt" TIMESTAMP(3),
    CONSTRAINT "AccountEntitlementPeriod_pkey" PRIMARY KEY ("id")
);

-- AlterTable
ALTER TABLE "Grant" ADD COLUMN "endedAt" TIMESTAMP(3);

-- CreateIndex
CREATE INDEX "RoleEntitlementPeriod_roleId_startedAt_idx" ON "RoleEntitlementPeriod"("roleId", "startedAt");

-- CreateIndex
CREATE INDEX "RoleEntitlementPeriod_entitlementId_startedAt_idx" ON "RoleEntitlementPeriod"("entitlementId", "startedAt");

-- CreateIndex
CREATE INDEX "Grant_entitlementId_startsAt_idx" ON "Grant"("entitlementId", "startsAt");

-- CreateIndex
CREATE INDEX "Grant_roleId_startsAt_idx" ON "Grant"("roleId", "startsAt");

-- CreateIndex
CREATE INDEX "Grant_identityId_startsAt_idx" ON "Grant"("identityId", "startsAt");

-- CreateIndex
CREATE INDEX "AccountEntitlementPeriod_accountId_entitlementId_idx" ON "AccountEntitlementPeriod"("accountId", "entitlementId");

-- CreateIndex
CREATE INDEX "AccountEntitlementPeriod_entitlementId_startedAt_idx" ON "AccountEntitlementPeriod"("entitlementId", "startedAt");

-- AddForeignKey
ALTER TABLE "Entitlement" ADD CONSTRAINT "Entitlement_applicationId_fkey" FOREIGN KEY ("applicationId") REFERENCES "Application"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RoleEntitlementPeriod" ADD CONSTRAINT "RoleEntitlementPeriod_roleId_fkey" FOREIGN KEY ("roleId") REFERENCES "Role"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RoleEntitlementPeriod" ADD CONSTRAINT "RoleEntitlementPeriod_entitlementId_fkey" FOREIGN KEY ("entitlementId") REFERENCES "Entitlement"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Grant" ADD CONSTRAINT "Grant_identityId_fkey" FOREIGN KEY ("identityId") REFERENCES "Identity"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Grant" ADD CONSTRAINT "Grant_entitlementId_fkey" FOREIGN KEY ("entitlementId") REFERENCES "Entitlement"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Grant" ADD CONSTRAINT "Grant_roleId_fkey" FOREIGN KEY ("roleId") REFERENCES "Role"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AccessRequest" ADD CONSTRAINT "AccessRequest_requesterId_fkey" FOREIGN KEY ("requesterId") REFERENCES "Identity"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AccessRequest" ADD CONSTRAINT "AccessRequest_beneficiaryId_fkey" FOREIGN KEY ("beneficiaryId") REFERENCES "Identity"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AccessRequest" ADD CONSTRAINT "AccessRequest_entitlementId_fkey" FOREIGN KEY ("entitlementId") REFERENCES "Entitlement"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AccessRequest" ADD CONSTRAINT "AccessRequest_roleId_fkey" FOREIGN KEY ("roleId") REFERENCES "Role"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Account" ADD CONSTRAINT "Account_applicationId_fkey" FOREIGN KEY ("applicationId") REFERENCES "Application"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AccountEntitlementPeriod" ADD CONSTRAINT "AccountEntitlementPeriod_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AccountEntitlementPeriod" ADD CONSTRAINT "AccountEntitlementPeriod_entitlementId_fkey" FOREIGN KEY ("entitlementId") REFERENCES "Entitlement"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProvisioningOperation" ADD CONSTRAINT "ProvisioningOperation_applicationId_fkey" FOREIGN KEY ("applicationId") REFERENCES "Application"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- ─── Access history is closed, never deleted (docs/decisions/050) ───
-- The current-state tables (AccountEntitlement, RoleEntitlement) stay what the engine reads and
-- writes; every row they gain opens a period and every row they lose closes it, in the same
-- statement, by statement-level triggers over transition tables (one INSERT/UPDATE per statement,
-- not per row: the worker settles memberships in batches). No code path can forget to record it.
-- Times are UTC, as Prisma stores timestamp(3).

CREATE FUNCTION db_account_entitlement_opened() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "AccountEntitlementPeriod" ("id", "accountId", "entitlementId", "startedAt", "confirmedAt")
  SELECT gen_random_uuid(), n."accountId", n."entitlementId", n."createdAt", n."confirmedAt" FROM db_new_rows n;
  RETURN NULL;
END $$;
CREATE TRIGGER db_account_entitlement_opened AFTER INSERT ON "AccountEntitlement"
  REFERENCING NEW TABLE AS db_new_rows FOR EACH STATEMENT EXECUTE FUNCTION db_account_entitlement_opened();

CREATE FUNCTION db_account_entitlement_confirmed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "AccountEntitlementPeriod" p SET "confirmedAt" = n."confirmedAt"
  FROM db_new_rows n JOIN db_old_rows o ON o."accountId" = n."accountId" AND o."entitlementId" = n."entitlementId"
  WHERE n."confirmedAt" IS DISTINCT FROM o."confirmedAt"
    AND p."accountId" = n."accountId" AND p."entitlementId" = n."entitlementId" AND p."endedAt" IS NULL;
  RETURN NULL;
END $$;
CREATE TRIGGER db_account_entitlement_confirmed AFTER UPDATE ON "AccountEntitlement"
  REFERENCING OLD TABLE AS db_old_rows NEW TABLE AS db_new_rows FOR EACH STATEMENT EXECUTE FUNCTION db_account_entitlement_confirmed();

CREATE FUNCTION db_account_entitlement_closed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "AccountEntitlementPeriod" p SET "endedAt" = timezone('UTC', now())
  FROM db_old_rows o
  WHERE p."accountId" = o."accountId" AND p."entitlementId" = o."entitlementId" AND p."endedAt" IS NULL;
  RETURN NULL;
END $$;
CREATE TRIGGER db_account_entitlement_closed AFTER DELETE ON "AccountEntitlement"
  REFERENCING OLD TABLE AS db_old_rows FOR EACH STATEMENT EXECUTE FUNCTION db_account_entitlement_closed();

CREATE FUNCTION db_role_entitlement_opened() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "RoleEntitlementPeriod" ("id", "roleId", "entitlementId", "startedAt")
  SELECT gen_random_uuid(), n."roleId", n."entitlementId", timezone('UTC', now()) FROM db_new_rows n;
  RETURN NULL;
END $$;
CREATE TRIGGER db_role_entitlement_opened AFTER INSERT ON "RoleEntitlement"
  REFERENCING NEW TABLE AS db_new_rows FOR EACH STATEMENT EXECUTE FUNCTION db_role_entitlement_opened();

CREATE FUNCTION db_role_entitlement_closed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "RoleEntitlementPeriod" p SET "endedAt" = timezone('UTC', now())
  FROM db_old_rows o
  WHERE p."roleId" = o."roleId" AND p."entitlementId" = o."entitlementId" AND p."endedAt" IS NULL;
  RETURN NULL;
END $$;
CREATE TRIGGER db_role_entitlement_closed AFTER DELETE ON "RoleEntitlement"
  REFERENCING OLD TABLE AS db_old_rows FOR EACH STATEMENT EXECUTE FUNCTION db_role_entitlement_closed();

-- A grant ends when its status leaves ACTIVE: at its revocation, at its end date when it expired,
-- else now. It is never deleted.
CREATE FUNCTION db_grant_ended() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD."status" = 'ACTIVE' AND NEW."status" <> 'ACTIVE' AND NEW."endedAt" IS NULL THEN
    NEW."endedAt" := COALESCE(NEW."revokedAt", CASE WHEN NEW."status" = 'EXPIRED' THEN LEAST(NEW."endsAt", timezone('UTC', now())) END, timezone('UTC', now()));
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER db_grant_ended BEFORE UPDATE ON "Grant" FOR EACH ROW EXECUTE FUNCTION db_grant_ended();

-- History tables and grants are never deleted (a refused DELETE, not a silent one).
CREATE FUNCTION db_history_is_kept() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'history is kept: rows of % are closed, never deleted', TG_TABLE_NAME USING ERRCODE = 'restrict_violation';
END $$;
CREATE TRIGGER db_history_is_kept BEFORE DELETE ON "Grant" FOR EACH STATEMENT EXECUTE FUNCTION db_history_is_kept();
CREATE TRIGGER db_history_is_kept_truncate BEFORE TRUNCATE ON "Grant" FOR EACH STATEMENT EXECUTE FUNCTION db_history_is_kept();
CREATE TRIGGER db_history_is_kept BEFORE DELETE ON "AccountEntitlementPeriod" FOR EACH STATEMENT EXECUTE FUNCTION db_history_is_kept();
CREATE TRIGGER db_history_is_kept_truncate BEFORE TRUNCATE ON "AccountEntitlementPeriod" FOR EACH STATEMENT EXECUTE FUNCTION db_history_is_kept();
CREATE TRIGGER db_history_is_kept BEFORE DELETE ON "RoleEntitlementPeriod" FOR EACH STATEMENT EXECUTE FUNCTION db_history_is_kept();
CREATE TRIGGER db_history_is_kept_truncate BEFORE TRUNCATE ON "RoleEntitlementPeriod" FOR EACH STATEMENT EXECUTE FUNCTION db_history_is_kept();

-- What was there before this migration: open periods from what is held now, closed grants' ends.
INSERT INTO "AccountEntitlementPeriod" ("id", "accountId", "entitlementId", "startedAt", "confirmedAt")
SELECT gen_random_uuid(), "accountId", "entitlementId", "createdAt", "confirmedAt" FROM "AccountEntitlement";
-- A role's contents before now have no start of their own: they are known from now on, not claimed since the role began.
INSERT INTO "RoleEntitlementPeriod" ("id", "roleId", "entitlementId", "startedAt")
SELECT gen_random_uuid(), re."roleId", re."entitlementId", timezone('UTC', now()) FROM "RoleEntitlement" re;
UPDATE "Grant" SET "endedAt" = COALESCE("revokedAt", CASE WHEN "status" = 'EXPIRED' THEN "endsAt" END, "updatedAt") WHERE "status" <> 'ACTIVE';
