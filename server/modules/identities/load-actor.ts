import type { TPortalRoleName, TUserActor } from '@/server/auth/actor.ts';
import type { TDb } from '@/server/db/client.ts';
import { canAct } from './can-act.ts';

/**
 * The signed-in person as the server sees them on this request. Read from the database every time,
 * so someone who may no longer act (suspended, leaver: canAct) or whose sessions were ended (a
 * bumped sessionVersion: sign-out, an admin, the kill switch) is signed out at once, whatever their
 * cookie says. Every tRPC procedure, route handler and server component reads the session through here.
 */
export async function loadActor(db: TDb, identityId: string, sessionVersion: number): Promise<TUserActor | null> {
  const identity = await db.identity.findUnique({
    where: { id: identityId },
    select: {
      id: true,
      username: true,
      displayName: true,
      status: true,
      sessionVersion: true,
      portalRoles: { select: { role: true } },
      _count: { select: { reports: { where: { status: { not: 'TERMINATED' } } } } },
    },
  });
  if (!identity || !canAct(identity.status) || identity.sessionVersion !== sessionVersion) return null;
  const roles = new Set<TPortalRoleName>(['EMPLOYEE']);
  if (identity._count.reports > 0) roles.add('MANAGER');
  for (const r of identity.portalRoles) roles.add(r.role);
  return { kind: 'USER', identityId: identity.id, username: identity.username, displayName: identity.displayName, roles };
}
