import type { TUserActor } from '@/server/auth/actor.ts';
import { inTransaction, REPEATABLE, type TDb } from '@/server/db/client.ts';
import { AppError } from '@/server/lib/app-error.ts';
import { recordAuditEvent } from '@/server/modules/audit/index.ts';
import type { TJobQueue } from '@/server/queue/enqueue.ts';
import { followTeamChange } from './follow-team-change.ts';

/**
 * Takes a person out of a team, recorded as team.member_removed (see addTeamMember: the audit log is
 * the membership's history). Their pending steps where the team is asked go to the rest of the team
 * (followTeamChange); steps they hold for another reason stay theirs.
 */
export async function removeTeamMember(
  db: TDb,
  actor: TUserActor,
  input: { teamId: string; identityId: string },
  deps: { queue: TJobQueue; now?: Date },
) {
  return inTransaction(
    db,
    async (tx) => {
      const [team] = await tx.$queryRaw<
        Array<{ key: string; name: string }>
      >`SELECT key, name FROM "Team" WHERE id = ${input.teamId}::uuid FOR UPDATE`;
      if (!team) throw new AppError('NOT_FOUND', 'No such team');
      const { count } = await tx.teamMember.deleteMany({
        where: { teamId: input.teamId, identityId: input.identityId },
      });
      if (count === 0)
        throw new AppError('NOT_FOUND', 'That person is not in the team', { field: 'identityId' });
      await recordAuditEvent(tx, {
        actor,
        action: 'team.member_removed',
        entityType: 'Team',
        entityId: input.teamId,
        subjectId: input.identityId,
        before: { key: team.key, name: team.name },
      });
      await followTeamChange(tx, actor, { teamId: input.teamId, identityIds: [input.identityId] }, deps);
      return { removed: true as const };
    },
    REPEATABLE,
  );
}
