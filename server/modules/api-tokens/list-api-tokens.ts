import type { TUserActor } from '@/server/auth/actor.ts';
import type { TDb } from '@/server/db/client.ts';

const TOKEN_SELECT = {
  id: true,
  name: true,
  prefix: true,
  permissions: true,
  expiresAt: true,
  lastUsedAt: true,
  revokedAt: true,
  createdAt: true,
} as const;

/** Live tokens first, newest first; revoked and expired ones stay listed (they are never deleted). */
const ORDER = [{ revokedAt: { sort: 'desc', nulls: 'first' } }, { createdAt: 'desc' }] as const;

/** The person's own personal tokens (never a service account they sponsor: those are the team's). */
export async function listMyApiTokens(db: TDb, actor: TUserActor) {
  return db.apiToken.findMany({
    where: { identityId: actor.identityId, teamId: null },
    orderBy: [...ORDER],
    select: TOKEN_SELECT,
  });
}

/** Every team's service accounts, for the identity team. */
export async function listServiceAccounts(db: TDb) {
  const rows = await db.apiToken.findMany({
    where: { teamId: { not: null } },
    orderBy: [...ORDER],
    select: {
      ...TOKEN_SELECT,
      team: { select: { id: true, name: true } },
      identity: { select: { id: true, displayName: true } },
    },
  });
  return rows.map(({ team, identity, ...r }) => ({ ...r, team: team!, sponsor: identity }));
}
