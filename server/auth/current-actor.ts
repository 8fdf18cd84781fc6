import type { TUserActor } from '@/server/auth/actor.ts';
import { getPrisma } from '@/server/db/client.ts';
import { loadActor } from './load-actor.ts';
import { getSessionIdentity } from './session.ts';

/** The signed-in person for a server component or route handler, or null. */
export async function getCurrentActor(): Promise<TUserActor | null> {
  const session = await getSessionIdentity();
  return session ? loadActor(getPrisma(), session.identityId, session.sessionVersion) : null;
}
