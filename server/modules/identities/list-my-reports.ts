import type { TUserActor } from '@/server/auth/actor.ts';
import type { TDb } from '@/server/db/client.ts';

/** The actor's direct reports who are not leavers, for "request for" and the team view. */
export async function listMyReports(db: TDb, actor: TUserActor) {
  return db.identity.findMany({
    where: { managerId: actor.identityId, status: { not: 'TERMINATED' } },
    select: { id: true, displayName: true, username: true, title: true, department: true, status: true },
    orderBy: [{ lastName: 'asc' }, { firstName: 'asc' }],
  });
}
