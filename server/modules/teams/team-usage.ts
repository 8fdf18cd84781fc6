import type { TDb } from '@/server/db/client.ts';
import { parsePolicyStages } from '@/server/modules/approvals/index.ts';

export type TTeamUsage = {
  policies: Array<{ id: string; name: string }>;
  applications: Array<{ id: string; name: string }>;
  openTasks: number;
  /**
   * Open approval stages of pending requests drawn from this team (ApprovalStage.teamIds): its
   * members hold their steps as its members, so it stays until those are decided (docs/decisions/112).
   */
  openApprovalStages: number;
  /** Access review campaigns with a stage this team reviews: their history keeps the team (never deleted). */
  reviewCampaigns: Array<{ id: string; name: string }>;
};

/**
 * Where teams are used: approval policies name them by key in their stages (JSON, so no foreign key
 * protects them), applications name their fulfilment team, open fulfilment tasks wait on one, and
 * access review campaigns name them as a stage's reviewers (their evidence keeps the team for good), and
 * pending requests' open approval stages were drawn from them.
 * Policies are few; reading them all is cheaper than a JSON path query per team.
 */
export async function loadTeamUsage(
  db: TDb,
  teams: Array<{ id: string; key: string }>,
): Promise<Map<string, TTeamUsage>> {
  const ids = teams.map((t) => t.id);
  const [policies, applications, tasks, reviewStages, stages] = await Promise.all([
    db.approvalPolicy.findMany({ orderBy: { name: 'asc' }, select: { id: true, name: true, stages: true } }),
    db.application.findMany({
      where: { fulfilmentTeamId: { in: ids } },
      orderBy: { name: 'asc' },
      select: { id: true, name: true, fulfilmentTeamId: true },
    }),
    db.fulfilmentTask.groupBy({
      by: ['teamId'],
      where: { teamId: { in: ids }, status: 'OPEN' },
      _count: { _all: true },
    }),
    db.reviewStage.findMany({
      where: { teamId: { in: ids } },
      orderBy: { campaign: { name: 'asc' } },
      select: { teamId: true, campaign: { select: { id: true, name: true } } },
    }),
    // By the GIN index on teamIds: only the stages naming these teams are read.
    db.$queryRaw<Array<{ teamId: string; n: number }>>`
      SELECT team::text AS "teamId", count(*)::int AS n
        FROM "ApprovalStage" g JOIN "AccessRequest" r ON r.id = g."requestId", unnest(g."teamIds") AS team
       WHERE g."teamIds" && ${ids}::uuid[] AND team = ANY(${ids}::uuid[])
         AND g.status IN ('PENDING', 'WAITING') AND r.status = 'PENDING'
       GROUP BY team`,
  ]);
  const keysByPolicy = policies.map((p) => ({
    id: p.id,
    name: p.name,
    keys: new Set(
      parsePolicyStages(p.stages).stages.flatMap((s) =>
        s.approvers.flatMap((a) => (a.type === 'TEAM' ? [a.teamKey] : [])),
      ),
    ),
  }));
  return new Map(
    teams.map((t) => [
      t.id,
      {
        policies: keysByPolicy.filter((p) => p.keys.has(t.key)).map(({ id, name }) => ({ id, name })),
        applications: applications
          .filter((a) => a.fulfilmentTeamId === t.id)
          .map(({ id, name }) => ({ id, name })),
        openTasks: tasks.find((x) => x.teamId === t.id)?._count._all ?? 0,
        openApprovalStages: stages.find((x) => x.teamId === t.id)?.n ?? 0,
        reviewCampaigns: [
          ...new Map(
            reviewStages.filter((r) => r.teamId === t.id).map((r) => [r.campaign.id, r.campaign]),
          ).values(),
        ],
      },
    ]),
  );
}

export const isTeamInUse = (u: TTeamUsage) =>
  u.policies.length > 0 ||
  u.applications.length > 0 ||
  u.openTasks > 0 ||
  u.openApprovalStages > 0 ||
  u.reviewCampaigns.length > 0;
