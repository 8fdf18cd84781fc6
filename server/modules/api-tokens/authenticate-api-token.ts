import type { TUserActor } from '@/server/auth/actor.ts';
import type { TDb } from '@/server/db/client.ts';
import { canAct } from '@/server/auth/can-act.ts';
import { ACTOR_SELECT, actorOf } from '@/server/auth/load-actor.ts';
import { isGrantableToToken } from './api-token-permissions.ts';
import { hashApiToken, looksLikeApiToken } from './api-token-secret.ts';

/** lastUsedAt is a hint for the lists; writing it more than once a minute buys nothing. */
const LAST_USED_RESOLUTION_MS = 60_000;

/**
 * The person a bearer token acts as, as they are now, or null. Like a session (loadActor) it is read
 * from the database on every call, and refused when:
 * - the token is unknown, revoked or expired;
 * - its person may no longer act (canAct: suspended, left), or left after it was made (a rehired
 *   person's old tokens stay dead);
 * - it is a service account whose sponsor is no longer in the owning team.
 * The actor's permissions are what both the person's roles now and the token's subset grant
 * (hasPermission reads actor.apiToken). `bearer` is the token, with or without "Bearer ".
 */
export async function authenticateApiToken(
  db: TDb,
  bearer: string,
  deps: { now?: Date } = {},
): Promise<TUserActor | null> {
  const token = bearer.replace(/^bearer\s+/i, '').trim();
  if (!looksLikeApiToken(token)) return null;
  const now = deps.now ?? new Date();
  const row = await db.apiToken.findUnique({
    where: { tokenHash: hashApiToken(token) },
    select: {
      id: true,
      permissions: true,
      expiresAt: true,
      revokedAt: true,
      createdAt: true,
      lastUsedAt: true,
      teamId: true,
      identity: {
        select: { ...ACTOR_SELECT, terminatedAt: true, teamMemberships: { select: { teamId: true } } },
      },
    },
  });
  if (!row || row.revokedAt || row.expiresAt.getTime() <= now.getTime()) return null;
  const person = row.identity;
  if (!canAct(person.status)) return null;
  if (person.terminatedAt && person.terminatedAt.getTime() >= row.createdAt.getTime()) return null;
  if (row.teamId && !person.teamMemberships.some((m) => m.teamId === row.teamId)) return null;

  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
    await db.apiToken.update({ where: { id: row.id }, data: { lastUsedAt: now } });
  }
  return {
    ...actorOf(person),
    apiToken: { id: row.id, permissions: new Set(row.permissions.filter(isGrantableToToken)) },
  };
}
