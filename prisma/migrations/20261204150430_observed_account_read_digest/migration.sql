-- AlterTable
ALTER TABLE "ObservedAccount" ADD COLUMN "readDigest" TEXT;
