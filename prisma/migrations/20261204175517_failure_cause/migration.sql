-- AlterTable
ALTER TABLE "ProvisioningOperation" ADD COLUMN "failureCause" TEXT;

-- CreateIndex
CREATE INDEX "ProvisioningOperation_status_applicationId_failureCause_idx" ON "ProvisioningOperation"("status", "applicationId", "failureCause");

-- Failures recorded before causes were: each is its own message until it fails again.
UPDATE "ProvisioningOperation" SET "failureCause" = "lastError" WHERE status = 'FAILED';
