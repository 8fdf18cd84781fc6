-- CreateIndex
CREATE INDEX "Identity_displayName_id_idx" ON "Identity"("displayName", "id");
