import type { TUserActor } from '@/server/auth/actor.ts';
import { getSessionIdentity } from '@/server/auth/session.ts';
import { getPrisma, type TPrisma } from '@/server/db/client.ts';
import { loadActor } from '@/server/modules/identities/load-actor.ts';
import { getWebBoss } from '@/server/queue/boss.ts';
import { createJobQueue, type TJobQueue } from '@/server/queue/enqueue.ts';

export type TTrpcContext = {
  db: TPrisma;
  queue: TJobQueue;
  /** Null when nobody is signed in (or the session was ended: leaver, sessionVersion bump). */
  actor: TUserActor | null;
};

const queue = createJobQueue(getWebBoss);

export async function createTrpcContext(): Promise<TTrpcContext> {
  const db = getPrisma();
  const session = await getSessionIdentity();
  const actor = session ? await loadActor(db, session.identityId, session.sessionVersion) : null;
  return { db, queue, actor };
}
