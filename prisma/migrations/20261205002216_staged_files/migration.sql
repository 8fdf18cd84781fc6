-- CreateTable
CREATE TABLE "StagedFile" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "chunkCount" INTEGER,
    "bytes" BIGINT NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "StagedFile_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StagedFileChunk" (
    "fileId" UUID NOT NULL,
    "seq" INTEGER NOT NULL,
    "data" BYTEA NOT NULL,
    CONSTRAINT "StagedFileChunk_pkey" PRIMARY KEY ("fileId", "seq")
);

-- CreateIndex
CREATE INDEX "StagedFile_createdAt_idx" ON "StagedFile"("createdAt");

-- AddForeignKey
ALTER TABLE "StagedFileChunk" ADD CONSTRAINT "StagedFileChunk_fileId_fkey" FOREIGN KEY ("fileId") REFERENCES "StagedFile"("id") ON DELETE CASCADE ON UPDATE CASCADE;
