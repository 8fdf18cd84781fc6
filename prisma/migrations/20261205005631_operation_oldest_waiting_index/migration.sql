-- CreateIndex
CREATE INDEX "ProvisioningOperation_status_applicationId_createdAt_idx" ON "ProvisioningOperation"("status", "applicationId", "createdAt");
