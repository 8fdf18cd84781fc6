import type { PgBoss } from 'pg-boss';
import type { TUserActor } from '@/server/auth/actor.ts';
import { loadActor } from '@/server/auth/load-actor.ts';
import { createBoss } from '@/server/queue/boss.ts';
import { createJobQueue, type TJobQueue } from '@/server/queue/enqueue.ts';
import { createQueueAdmin, type TQueueAdmin } from '@/server/queue/queue-admin.ts';
import { parseSecretKey } from '@/server/lib/secret-box.ts';
import { createCaller } from '@/server/trpc/root.ts';
import { TEST_SECRET_KEY } from './test-ldap.ts';
import { createTestDatabase, type TTestDatabase } from './test-database.ts';

export type TTestCaller = ReturnType<typeof createCaller>;

export type TTestContext = TTestDatabase & {
  boss: PgBoss;
  queue: TJobQueue;
  queueAdmin: TQueueAdmin;
  secretKey: () => Buffer;
  actor: (identityId: string) => Promise<TUserActor>;
  /** The procedures as a request from this actor calls them (null: nobody signed in), on this context. */
  caller: (actor: TUserActor | null) => TTestCaller;
  /** A caller signed in as this identity, its actor loaded as every request loads it (`actor` above). */
  callerFor: (identityId: string) => Promise<TTestCaller>;
  close: () => Promise<void>;
};

/** A test database plus an enqueue-only pg-boss on it as the portal's role, as the web app has. */
export async function createTestContext(): Promise<TTestContext> {
  const db = await createTestDatabase();
  const boss = createBoss(db.url, 'web');
  await boss.start();
  const services = {
    db: db.prisma,
    queue: createJobQueue(async () => boss),
    queueAdmin: createQueueAdmin(async () => boss),
    secretKey: () => parseSecretKey(TEST_SECRET_KEY),
  };
  const actor = async (identityId: string) => {
    const a = await loadActor(db.prisma, identityId, 0);
    if (!a) throw new Error(`no actor ${identityId}`);
    return a;
  };
  const caller = (a: TUserActor | null) => createCaller({ ...services, actor: a });
  return {
    ...db,
    boss,
    queue: services.queue,
    queueAdmin: services.queueAdmin,
    secretKey: services.secretKey,
    actor,
    caller,
    callerFor: async (identityId) => caller(await actor(identityId)),
    close: async () => {
      await boss.stop({ graceful: false });
      await db.drop();
    },
  };
}
