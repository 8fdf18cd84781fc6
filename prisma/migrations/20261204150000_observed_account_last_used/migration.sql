-- AlterTable
ALTER TABLE "ObservedAccount" ADD COLUMN "lastUsedAt" TIMESTAMP(3);
