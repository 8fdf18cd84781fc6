-- The teams a stage's TEAM approvers were drawn from (docs/decisions/112, stop 39): a team's member
-- change follows only the stages drawn from that team, and finds a stage that fell back to the
-- identity admins because the team had no active member then. Empty for stages of other kinds.
ALTER TABLE "ApprovalStage" ADD COLUMN "teamIds" UUID[] DEFAULT ARRAY[]::UUID[];

-- Backfill, for the open approval stages of pending requests (nothing else is ever followed). A stage
-- does not record the policy stage it was drawn from, so the best the data says is the policy that
-- decides the request's item now (attached, else its risk's default, as the submission picks it), and
-- that policy's TEAM approvers in the stages of the stage's name, by their team key. Inexact when the
-- policy or its stage was changed or renamed since the submission, or a team key was renamed.
WITH item AS (
  SELECT r.id AS request_id,
         COALESCE(e."approvalPolicyId", ro."approvalPolicyId") AS policy_id,
         COALESCE(e.risk, ro.risk) AS risk
    FROM "AccessRequest" r
    LEFT JOIN "Entitlement" e ON e.id = r."entitlementId"
    LEFT JOIN "Role" ro ON ro.id = r."roleId"
   WHERE r.status = 'PENDING'
),
chosen AS (
  SELECT i.request_id, p.stages
    FROM item i
    JOIN LATERAL (
      SELECT p.stages FROM "ApprovalPolicy" p
       WHERE p.id = i.policy_id OR p."defaultForRisk" = i.risk
       ORDER BY (p.id = i.policy_id) IS TRUE DESC LIMIT 1
    ) p ON true
),
drawn AS (
  SELECT g.id, array_agg(DISTINCT t.id) AS team_ids
    FROM "ApprovalStage" g
    JOIN chosen c ON c.request_id = g."requestId"
    CROSS JOIN LATERAL jsonb_array_elements(CASE WHEN jsonb_typeof(c.stages) = 'array' THEN c.stages ELSE '[]' END) ps
    CROSS JOIN LATERAL jsonb_array_elements(CASE WHEN jsonb_typeof(ps->'approvers') = 'array' THEN ps->'approvers' ELSE '[]' END) a
    JOIN "Team" t ON t.key = btrim(a->>'teamKey')
   WHERE g.kind = 'APPROVAL' AND g.status IN ('PENDING', 'WAITING')
     AND ps->>'name' = g.name AND a->>'type' = 'TEAM'
   GROUP BY g.id
)
UPDATE "ApprovalStage" g SET "teamIds" = d.team_ids FROM drawn d WHERE g.id = d.id;

-- A stage with TEAM steps whose policy stage is not found (renamed, or the item's policy changed)
-- keeps the reach it had before: the teams its TEAM approvers are members of now. A stage that fell
-- back to the identity admins and whose policy stage is not found cannot be told from a stage of
-- other kinds: it stays empty, and a team's new member does not reach it.
UPDATE "ApprovalStage" g
   SET "teamIds" = x.team_ids
  FROM (SELECT s."stageId" AS id, array_agg(DISTINCT m."teamId") AS team_ids
          FROM "ApprovalStep" s
          JOIN "TeamMember" m ON m."identityId" = s."approverId"
          JOIN "ApprovalStage" o ON o.id = s."stageId"
          JOIN "AccessRequest" r ON r.id = o."requestId"
         WHERE s.reason = 'TEAM' AND r.status = 'PENDING' AND o.kind = 'APPROVAL'
           AND o.status IN ('PENDING', 'WAITING') AND o."teamIds" = '{}'
         GROUP BY s."stageId") x
 WHERE g.id = x.id;
