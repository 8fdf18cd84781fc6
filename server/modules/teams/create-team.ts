import type { TUserActor } from '@/server/auth/actor.ts';
import { inTransaction, REPEATABLE, type TDb } from '@/server/db/client.ts';
import { isUniqueViolation } from '@/server/db/errors.ts';
import { AppError } from '@/server/lib/app-error.ts';
import { recordAuditEvent } from '@/server/modules/audit/index.ts';
import type { TTeamPurpose } from '@/server/shared/team-key.ts';

export type TTeamInput = { key: string; name: string; description: string; purpose: TTeamPurpose };

/** A new team, empty: people are added one by one so each addition is its own audit event. */
export async function createTeam(db: TDb, actor: TUserActor, input: TTeamInput) {
  try {
    return await inTransaction(
      db,
      async (tx) => {
        const { id } = await tx.team.create({ data: input, select: { id: true } });
        await recordAuditEvent(tx, {
          actor,
          action: 'team.created',
          entityType: 'Team',
          entityId: id,
          after: input,
        });
        return { id };
      },
      REPEATABLE,
    );
  } catch (error) {
    // The unique index on Team.key decides under concurrency, not a read before the insert.
    if (isUniqueViolation(error))
      throw new AppError('CONFLICT', `A team with the key “${input.key}” already exists`, { field: 'key' });
    throw error;
  }
}
