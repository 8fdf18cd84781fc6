import type { TPortalRoleName, TUserActor } from '@/server/auth/actor.ts';
import type { TDb } from '@/server/db/client.ts';
import { canAct } from './can-act.ts';

/**
 * The signed-in person as the server sees them on this request. Read from the database every time,
 * so someone who may no longer act (suspended, leaver: canAct) or whose sessions were ended (a
 * bumped sessionVersion: sign-out, an admin, the kill switch) is signed out at once, whatever their
 * cookie says. Every tRPC procedure, route handler and server component reads the session through here.
 */
export async function loadActor(
  db: TDb,
  identityId: string,
  sessionVersion: number,
): Promise<TUserActor | null> {
  const identity = await db.identity.findUnique({
    where: { id: identityId },
    select: { ...ACTOR_SELECT, sessionVersion: true },
  });
  if (!identity || !canAct(identity.status) || identity.sessionVersion !== sessionVersion) return null;
  return actorOf(identity);
}

/** What loadActor selects of a person to make them an actor (an API token's person too). */
export const ACTOR_SELECT = {
  id: true,
  username: true,
  displayName: true,
  status: true,
  portalRoles: { select: { role: true } },
  _count: { select: { reports: { where: { status: { not: 'TERMINATED' } } } } },
} as const;

/** The roles a person holds now: everyone is an employee, a manager while someone reports to them. */
export function actorOf(identity: {
  id: string;
  username: string;
  displayName: string;
  portalRoles: Array<{ role: TPortalRoleName }>;
  _count: { reports: number };
}): TUserActor {
  const roles = new Set<TPortalRoleName>(['EMPLOYEE']);
  if (identity._count.reports > 0) roles.add('MANAGER');
  for (const r of identity.portalRoles) roles.add(r.role);
  return {
    kind: 'USER',
    identityId: identity.id,
    username: identity.username,
    displayName: identity.displayName,
    roles,
  };
}

/**
 * The person a queued job acts for (an admin who saved a rule, a change that re-plans access), as
 * they are now, whatever session they had: undefined when the job names nobody or they may no longer act.
 */
export async function loadJobActor(
  db: TDb,
  identityId: string | null | undefined,
): Promise<TUserActor | undefined> {
  if (!identityId) return undefined;
  const person = await db.identity.findUnique({
    where: { id: identityId },
    select: { sessionVersion: true },
  });
  return person ? ((await loadActor(db, identityId, person.sessionVersion)) ?? undefined) : undefined;
}
