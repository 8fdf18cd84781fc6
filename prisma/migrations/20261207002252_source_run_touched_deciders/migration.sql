-- The people who may decide held runs whose records a held run changes (docs/decisions/110): none of
-- them confirms it, as nobody decides about their own record. A held run kept counts only, so a
-- confirm could not tell who it was about.
ALTER TABLE "SourceRun" ADD COLUMN "touchedDeciderIds" UUID[];
