-- CreateIndex
CREATE INDEX "ProvisioningOperation_sequence_idx" ON "ProvisioningOperation"("sequence");

-- CreateIndex
CREATE INDEX "ProvisioningOperation_applicationId_sequence_idx" ON "ProvisioningOperation"("applicationId", "sequence");

-- CreateIndex
CREATE INDEX "ProvisioningOperation_status_sequence_idx" ON "ProvisioningOperation"("status", "sequence");

-- CreateIndex
CREATE INDEX "ProvisioningOperation_status_finishedAt_idx" ON "ProvisioningOperation"("status", "finishedAt");
