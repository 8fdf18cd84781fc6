-- CreateIndex
CREATE INDEX "CorrelationCase_sourceId_externalId_idx" ON "CorrelationCase"("sourceId", "externalId");

-- CreateIndex
CREATE INDEX "AttributeConflict_identityId_attribute_idx" ON "AttributeConflict"("identityId", "attribute");

-- Correlation by email is case-insensitive (lower(email) = ANY(...)), a batch of a thousand at a time.
CREATE INDEX "db_identity_email_lower" ON "Identity" (lower("email"));
