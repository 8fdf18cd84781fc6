import type { TUserActor } from '@/server/auth/actor.ts';
import { inTransaction, REPEATABLE, type TDb } from '@/server/db/client.ts';
import { AppError } from '@/server/lib/app-error.ts';
import { recordAuditEvents } from '@/server/modules/audit/index.ts';
import type { TJobQueue } from '@/server/queue/enqueue.ts';
import { followTeamChange } from './follow-team-change.ts';
import { isTeamInUse, loadTeamUsage, type TTeamUsage } from './team-usage.ts';

const describeUsage = (u: TTeamUsage) =>
  [
    u.policies.length
      ? `the approval ${u.policies.length === 1 ? 'policy' : 'policies'} ${u.policies.map((p) => `“${p.name}”`).join(', ')}`
      : null,
    u.applications.length
      ? `the ${u.applications.length === 1 ? 'application' : 'applications'} ${u.applications.map((a) => `“${a.name}”`).join(', ')}`
      : null,
    u.openTasks ? `${u.openTasks} open fulfilment ${u.openTasks === 1 ? 'task' : 'tasks'}` : null,
    u.openApprovalStages
      ? `${u.openApprovalStages} open approval ${u.openApprovalStages === 1 ? 'stage' : 'stages'} of pending requests (decided or cancelled, they free it)`
      : null,
    u.reviewCampaigns.length
      ? `the access review ${u.reviewCampaigns.length === 1 ? 'campaign' : 'campaigns'} ${u.reviewCampaigns.map((c) => `“${c.name}”`).join(', ')} (their evidence keeps the team)`
      : null,
  ]
    .filter(Boolean)
    .join(' and ');

/**
 * Deletes a team nothing uses. Its members leave with it, each as a team.member_removed event, so
 * the membership history in the audit log ends where the team did, and their steps follow as when
 * each is removed (removeTeamMember): no open stage names the team, but a stale one (its teamIds
 * written before its policy switched teams, docs/decisions/112) can hold their TEAM steps, and
 * after the delete no change of the team could ever reach them again.
 */
export async function deleteTeam(
  db: TDb,
  actor: TUserActor,
  id: string,
  deps: { queue: TJobQueue; now?: Date },
) {
  return inTransaction(
    db,
    async (tx) => {
      const [team] = await tx.$queryRaw<
        Array<{ id: string; key: string; name: string }>
      >`SELECT id, key, name FROM "Team" WHERE id = ${id}::uuid FOR UPDATE`;
      if (!team) throw new AppError('NOT_FOUND', 'No such team');
      const usage = (await loadTeamUsage(tx, [team])).get(id)!;
      if (isTeamInUse(usage))
        throw new AppError(
          'CONFLICT',
          `“${team.name}” is still used by ${describeUsage(usage)}; change those first`,
          { usedBy: usage },
        );
      const members = await tx.teamMember.findMany({ where: { teamId: id }, select: { identityId: true } });
      await tx.team.delete({ where: { id } });
      const named = { key: team.key, name: team.name };
      await recordAuditEvents(tx, [
        ...members.map((m) => ({
          actor,
          action: 'team.member_removed' as const,
          entityType: 'Team' as const,
          entityId: id,
          subjectId: m.identityId,
          before: named,
        })),
        { actor, action: 'team.deleted', entityType: 'Team', entityId: id, before: named },
      ]);
      // As removeTeamMember follows its removal, after it. A team without members holds no steps, and
      // no open stage names a team that is not in use, so there is nothing to find.
      if (members.length > 0)
        await followTeamChange(
          tx,
          actor,
          { teamId: id, identityIds: members.map((m) => m.identityId) },
          deps,
        );
      return { deleted: true as const };
    },
    REPEATABLE,
  );
}
