-- A grant that ends, for any reason (revoked in another campaign, by a person, expired, a leaver,
-- a birthright rule no longer matching), leaves nothing to decide in the campaigns still reviewing it:
-- their pending items become ENDED at the grant's end, in the statement that ended it, so no reviewer
-- waits on access that is gone and the campaign's progress counts them done (docs/decisions/109).
-- The reason (when, by whom, why) is the grant's own, read through the item's grantId.
-- Statement-level with transition tables: a leaver's one write that ends thousands of grants closes
-- their items in one more statement (ReviewItem_grantId_decidedAt_idx finds them).
CREATE FUNCTION db_grant_ended_closes_review_items() RETURNS trigger LANGUAGE plpgsql
SET search_path = public, pg_temp AS $$
BEGIN
  UPDATE "ReviewItem" i SET "status" = 'ENDED', "decidedAt" = n."endedAt"
    FROM db_new_rows n JOIN db_old_rows o ON o."id" = n."id"
   WHERE o."status" = 'ACTIVE' AND n."status" <> 'ACTIVE'
     AND i."grantId" = n."id" AND i."status" = 'PENDING'
     AND EXISTS (SELECT 1 FROM "ReviewCampaign" c WHERE c."id" = i."campaignId" AND c."status" = 'ACTIVE');
  RETURN NULL;
END $$;
CREATE TRIGGER db_grant_ended_closes_review_items AFTER UPDATE ON "Grant"
  REFERENCING OLD TABLE AS db_old_rows NEW TABLE AS db_new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION db_grant_ended_closes_review_items();
