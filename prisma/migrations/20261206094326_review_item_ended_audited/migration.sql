-- Every action is audited, and so is the closing of a review item by its grant's end
-- (docs/decisions/109): the trigger that turns the items ENDED writes, in the same statement, one
-- review.item_ended event per item naming the campaign, the item, the grant and why it ended (its
-- status, when, who ended it when a person did, and the grant's own reason). The event is written
-- here and not by the code that ends grants: whatever ends a grant (grant-store, the demo seed, a
-- later writer) closes the items, so only the trigger cannot miss one.
-- The rows are plain AuditEvent inserts, as recordAuditEvents writes them (the portal's role may
-- insert them); the worker seals them into the hash chain after the commit like any other event
-- (docs/decisions/051). The actor is the system: the database closed the item; who ended the grant
-- is in the metadata (endedById), as its names are for the sentence.
CREATE OR REPLACE FUNCTION db_grant_ended_closes_review_items() RETURNS trigger LANGUAGE plpgsql
SET search_path = public, pg_temp AS $$
BEGIN
  WITH ended AS (
    UPDATE "ReviewItem" i SET "status" = 'ENDED', "decidedAt" = n."endedAt"
      FROM db_new_rows n JOIN db_old_rows o ON o."id" = n."id"
     WHERE o."status" = 'ACTIVE' AND n."status" <> 'ACTIVE'
       AND i."grantId" = n."id" AND i."status" = 'PENDING'
       AND EXISTS (SELECT 1 FROM "ReviewCampaign" c WHERE c."id" = i."campaignId" AND c."status" = 'ACTIVE')
    RETURNING i."id", i."campaignId", i."identityId", i."entitlementId", i."context", n."id" AS "grantId",
              n."status" AS "grantStatus", n."endedAt", n."revokedById", n."revokeReason"
  )
  INSERT INTO "AuditEvent" ("actorId", "actorType", "action", "entityType", "entityId", "subjectId", "after", "metadata")
  SELECT NULL, 'SYSTEM', 'review.item_ended', 'ReviewItem', e."id"::text, e."identityId",
         jsonb_build_object('status', 'ENDED'),
         jsonb_strip_nulls(jsonb_build_object(
           'campaignId', c."id",
           'campaign', c."name",
           'item', COALESCE(e."context"->'item'->>'name', 'access'),
           'grantId', e."grantId",
           'grantStatus', e."grantStatus",
           'endedAt', to_char(e."endedAt", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
           'endedById', e."revokedById",
           'reason', e."revokeReason",
           'applicationId', ent."applicationId"))
    FROM ended e
    JOIN "ReviewCampaign" c ON c."id" = e."campaignId"
    LEFT JOIN "Entitlement" ent ON ent."id" = e."entitlementId"
   ORDER BY e."id";
  RETURN NULL;
END $$;
