import type { TUserActor } from '@/server/auth/actor.ts';
import { hasPermission } from '@/server/auth/permissions.ts';
import type { TDb } from '@/server/db/client.ts';

/** The teams whose tasks the actor works on; identity admins see every task. */
export async function fulfilmentScope(
  db: TDb,
  actor: TUserActor,
): Promise<{ all: true } | { all: false; teamIds: string[] }> {
  if (hasPermission(actor, 'provisioning.manage')) return { all: true };
  const teams = await db.teamMember.findMany({
    where: { identityId: actor.identityId, team: { purpose: 'FULFILMENT' } },
    select: { teamId: true },
  });
  return { all: false, teamIds: teams.map((t) => t.teamId) };
}
