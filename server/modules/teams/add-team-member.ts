import type { TUserActor } from '@/server/auth/actor.ts';
import { inTransaction, REPEATABLE, type TDb } from '@/server/db/client.ts';
import { isUniqueViolation } from '@/server/db/errors.ts';
import { AppError } from '@/server/lib/app-error.ts';
import { recordAuditEvent } from '@/server/modules/audit/index.ts';
import type { TJobQueue } from '@/server/queue/enqueue.ts';
import { followTeamChange } from './follow-team-change.ts';

/**
 * Puts a person in a team. TeamMember keeps only who is in a team now; its history is the audit
 * log: every addition and removal is a team.member_added / team.member_removed event (entity the
 * team, subject the person, by whom, when), so "who was in the approver pool on date D" is answered
 * by replaying those events for the team up to D. Only people here now (not terminated) may join.
 */
export async function addTeamMember(
  db: TDb,
  actor: TUserActor,
  input: { teamId: string; identityId: string },
  deps: { queue: TJobQueue; now?: Date },
) {
  try {
    return await inTransaction(
      db,
      async (tx) => {
        const [team] = await tx.$queryRaw<
          Array<{ key: string; name: string }>
        >`SELECT key, name FROM "Team" WHERE id = ${input.teamId}::uuid FOR UPDATE`;
        if (!team) throw new AppError('NOT_FOUND', 'No such team');
        // Locked so a leaver process cannot terminate the person between this check and the insert.
        const [person] = await tx.$queryRaw<Array<{ status: string; displayName: string }>>`
        SELECT status::text, "displayName" FROM "Identity" WHERE id = ${input.identityId}::uuid FOR SHARE`;
        if (!person) throw new AppError('NOT_FOUND', 'No such person', { field: 'identityId' });
        if (person.status === 'TERMINATED')
          throw new AppError(
            'INVALID_INPUT',
            `${person.displayName} has left the organisation and cannot join a team`,
            { field: 'identityId' },
          );
        await tx.teamMember.create({ data: { teamId: input.teamId, identityId: input.identityId } });
        await recordAuditEvent(tx, {
          actor,
          action: 'team.member_added',
          entityType: 'Team',
          entityId: input.teamId,
          subjectId: input.identityId,
          after: { key: team.key, name: team.name },
        });
        await followTeamChange(tx, actor, { teamId: input.teamId, identityIds: [input.identityId] }, deps);
        return { added: true as const };
      },
      REPEATABLE,
    );
  } catch (error) {
    if (isUniqueViolation(error))
      throw new AppError('CONFLICT', 'That person is already in the team', { field: 'identityId' });
    throw error;
  }
}
