-- A team's member change finds the open approval stages drawn from it (`"teamIds" && ARRAY[team]`,
-- followApproverChanges): without an index on the array that read walked every open stage (about
-- 300 ms at 20,000 open stages, growing with them); with it, the stages naming the team (docs/decisions/112).
-- CreateIndex
CREATE INDEX "ApprovalStage_teamIds_idx" ON "ApprovalStage" USING GIN ("teamIds");
