-- AlterTable
ALTER TABLE "ProvisioningOperation" DROP COLUMN "jobId";
