-- Who discarded a held HR run (the page says "Discarded by X", as it says "Confirmed by"); the
-- moment is finishedAt. Null on runs discarded before this column and on every other run.
ALTER TABLE "SourceRun" ADD COLUMN "discardedById" UUID;
