import type { TUserActor } from '@/server/auth/actor.ts';
import { getCurrentActor } from '@/server/auth/current-actor.ts';
import { getPrisma, type TPrisma } from '@/server/db/client.ts';
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
  return { db: getPrisma(), queue, actor: await getCurrentActor() };
}
