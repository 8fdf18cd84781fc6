import type { TUserActor } from '@/server/auth/actor.ts';
import { inTransaction, REPEATABLE, type TDb } from '@/server/db/client.ts';
import { AppError } from '@/server/lib/app-error.ts';
import { recordAuditEvent } from '@/server/modules/audit/index.ts';
import type { TTeamPurpose } from '@/server/shared/team-key.ts';

/** Changes a team's name, description and purpose. The key stays: approval policies name the team by it. */
export async function updateTeam(
  db: TDb,
  actor: TUserActor,
  input: { id: string; name: string; description: string; purpose: TTeamPurpose },
) {
  return inTransaction(
    db,
    async (tx) => {
      const [before] = await tx.$queryRaw<Array<{ name: string; description: string; purpose: string }>>`
      SELECT name, description, purpose FROM "Team" WHERE id = ${input.id}::uuid FOR UPDATE`;
      if (!before) throw new AppError('NOT_FOUND', 'No such team');
      const after = { name: input.name, description: input.description, purpose: input.purpose };
      await tx.team.update({ where: { id: input.id }, data: after });
      await recordAuditEvent(tx, {
        actor,
        action: 'team.updated',
        entityType: 'Team',
        entityId: input.id,
        before,
        after,
      });
      return { id: input.id };
    },
    REPEATABLE,
  );
}
