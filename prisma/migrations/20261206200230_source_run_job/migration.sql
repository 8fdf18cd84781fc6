-- The pg-boss job of a source's cron that opened this run (docs/decisions/020, "A run nobody
-- finishes"): a cron job carries no runId, so the run names its job instead, and the sweep that
-- closes interrupted runs tells a live cron run from a dead one without comparing clocks.
ALTER TABLE "SourceRun" ADD COLUMN "jobId" UUID;
