-- Corrects the backfill of "ApprovalStage"."teamIds" (migration approval_stage_team_ids) for roles
-- (docs/decisions/112, mend of stop 39). It chose a role's default policy by the role's own risk, but
-- a submission chooses it by the role's effective risk: its own or its riskiest bundled
-- entitlement's, whichever is higher (effectiveRoleRisk; "RiskLevel" is declared LOW, MEDIUM, HIGH,
-- so GREATEST and max order it so). Only the open approval stages of pending requests for roles with
-- no attached policy, and only where the effective risk chooses another default policy, are drawn
-- again, as that backfill draws them: from the chosen policy's TEAM approvers in the stages of the
-- stage's name, else from the teams its TEAM approvers are members of now, else none.
WITH role_item AS (
  SELECT r.id AS request_id, ro.risk AS own_risk,
         GREATEST(ro.risk, (SELECT max(e.risk) FROM "RoleEntitlement" re
                              JOIN "Entitlement" e ON e.id = re."entitlementId"
                             WHERE re."roleId" = ro.id)) AS risk
    FROM "AccessRequest" r
    JOIN "Role" ro ON ro.id = r."roleId"
   WHERE r.status = 'PENDING' AND ro."approvalPolicyId" IS NULL
),
chosen AS (
  SELECT i.request_id, now_p.stages
    FROM role_item i
    LEFT JOIN "ApprovalPolicy" was_p ON was_p."defaultForRisk" = i.own_risk
    LEFT JOIN "ApprovalPolicy" now_p ON now_p."defaultForRisk" = i.risk
   WHERE now_p.id IS DISTINCT FROM was_p.id
),
open_stage AS (
  SELECT g.id, g.name, c.stages
    FROM "ApprovalStage" g
    JOIN chosen c ON c.request_id = g."requestId"
   WHERE g.kind = 'APPROVAL' AND g.status IN ('PENDING', 'WAITING')
),
drawn AS (
  SELECT o.id, array_agg(DISTINCT t.id) AS team_ids
    FROM open_stage o
    CROSS JOIN LATERAL jsonb_array_elements(CASE WHEN jsonb_typeof(o.stages) = 'array' THEN o.stages ELSE '[]' END) ps
    CROSS JOIN LATERAL jsonb_array_elements(CASE WHEN jsonb_typeof(ps->'approvers') = 'array' THEN ps->'approvers' ELSE '[]' END) a
    JOIN "Team" t ON t.key = btrim(a->>'teamKey')
   WHERE ps->>'name' = o.name AND a->>'type' = 'TEAM'
   GROUP BY o.id
),
members AS (
  SELECT s."stageId" AS id, array_agg(DISTINCT m."teamId") AS team_ids
    FROM "ApprovalStep" s
    JOIN open_stage o ON o.id = s."stageId"
    JOIN "TeamMember" m ON m."identityId" = s."approverId"
   WHERE s.reason = 'TEAM'
   GROUP BY s."stageId"
)
UPDATE "ApprovalStage" g
   SET "teamIds" = COALESCE(d.team_ids, m.team_ids, ARRAY[]::UUID[])
  FROM open_stage o
  LEFT JOIN drawn d ON d.id = o.id
  LEFT JOIN members m ON m.id = o.id
 WHERE g.id = o.id;
