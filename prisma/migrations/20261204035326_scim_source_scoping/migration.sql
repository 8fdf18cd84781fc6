-- Each SCIM token belongs to one source, and each source sees only its own Groups (decision 042).
-- Existing rows are bound before the columns become NOT NULL: tokens without a source to the default
-- SCIM source ('scim', which they already wrote to), Groups to the SCIM source most of their members
-- are live Users of, else the default one. The default source is created as the server would have.

-- Binding data
INSERT INTO "IdentitySource" ("id", "key", "name", "kind", "config", "precedence", "updatedAt")
SELECT gen_random_uuid(), 'scim', 'SCIM (IdP)', 'SCIM', '{"attributePrecedence":{"email":5}}', 50, CURRENT_TIMESTAMP
 WHERE NOT EXISTS (SELECT 1 FROM "IdentitySource" WHERE "key" = 'scim')
   AND (EXISTS (SELECT 1 FROM "ScimToken" WHERE "sourceId" IS NULL) OR EXISTS (SELECT 1 FROM "ScimGroup"));

UPDATE "ScimToken" SET "sourceId" = (SELECT "id" FROM "IdentitySource" WHERE "key" = 'scim') WHERE "sourceId" IS NULL;

-- DropForeignKey
ALTER TABLE "ScimToken" DROP CONSTRAINT "ScimToken_sourceId_fkey";

-- DropIndex
DROP INDEX "ScimGroup_displayName_key";

-- AlterTable
ALTER TABLE "ScimToken" ALTER COLUMN "sourceId" SET NOT NULL;

-- AlterTable
ALTER TABLE "ScimGroup" ADD COLUMN "sourceId" UUID;

UPDATE "ScimGroup" g SET "sourceId" = COALESCE(
  (SELECT r."sourceId" FROM "SourceRecord" r JOIN "IdentitySource" s ON s."id" = r."sourceId" AND s."kind" = 'SCIM'
    WHERE r."identityId"::text = ANY(g."memberIds") AND r."data" ? 'raw' AND NOT (r."data"->'raw' ? '_deletedAt')
    GROUP BY r."sourceId" ORDER BY count(*) DESC, r."sourceId" LIMIT 1),
  (SELECT "id" FROM "IdentitySource" WHERE "key" = 'scim'));

ALTER TABLE "ScimGroup" ALTER COLUMN "sourceId" SET NOT NULL;

-- CreateIndex
CREATE UNIQUE INDEX "ScimGroup_sourceId_displayName_key" ON "ScimGroup"("sourceId", "displayName");

-- AddForeignKey
ALTER TABLE "ScimToken" ADD CONSTRAINT "ScimToken_sourceId_fkey" FOREIGN KEY ("sourceId") REFERENCES "IdentitySource"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ScimGroup" ADD CONSTRAINT "ScimGroup_sourceId_fkey" FOREIGN KEY ("sourceId") REFERENCES "IdentitySource"("id") ON DELETE CASCADE ON UPDATE CASCADE;
