-- DropIndex
DROP INDEX "Account_identityId_idx";

-- CreateIndex
CREATE INDEX "Account_identityId_id_idx" ON "Account"("identityId", "id");
