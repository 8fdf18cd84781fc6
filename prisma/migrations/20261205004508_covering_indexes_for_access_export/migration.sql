-- DropIndex
DROP INDEX "Account_identityId_idx";

-- DropIndex
DROP INDEX "AccountEntitlementPeriod_accountId_entitlementId_idx";

-- CreateIndex
CREATE INDEX "Account_identityId_id_idx" ON "Account"("identityId", "id");

-- CreateIndex
CREATE INDEX "AccountEntitlementPeriod_accountId_entitlementId_confirmedAt_en" ON "AccountEntitlementPeriod"("accountId", "entitlementId", "confirmedAt", "endedAt");
