-- The periods' index widened by 20261205004508 made PostgreSQL 18 cost a lookup by account as a skip
-- scan over every entitlement (docs/decisions/059): back to (accountId, entitlementId).

-- DropIndex
DROP INDEX "AccountEntitlementPeriod_accountId_entitlementId_confirmedAt_en";

-- CreateIndex
CREATE INDEX "AccountEntitlementPeriod_accountId_entitlementId_idx" ON "AccountEntitlementPeriod"("accountId", "entitlementId");
