-- CreateIndex
CREATE INDEX "Role_name_id_idx" ON "Role"("name", "id");
