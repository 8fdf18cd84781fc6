import type { TUserActor } from '@/server/auth/actor.ts';
import type { TDb } from '@/server/db/client.ts';
import { PERMISSION_WORDS } from '@/server/modules/audit/index.ts';
import { grantablePermissionsOf } from './api-token-permissions.ts';

/** What the person could give a new token, in words ("browse the catalog"). */
export function listTokenPermissionOptions(actor: TUserActor) {
  return grantablePermissionsOf(actor).map((permission) => ({
    permission,
    label: PERMISSION_WORDS[permission],
  }));
}

/** The teams this person is in: the ones whose service accounts they can create (and would sponsor). */
export async function listSponsorTeams(db: TDb, actor: TUserActor) {
  return db.team.findMany({
    where: { members: { some: { identityId: actor.identityId } } },
    orderBy: { name: 'asc' },
    select: { id: true, name: true },
  });
}
