import type { PgBoss } from 'pg-boss';
import type { TUserActor } from '@/server/auth/actor.ts';
import { loadActor } from '@/server/auth/load-actor.ts';
import { createBoss } from '@/server/queue/boss.ts';
import { createJobQueue, type TJobQueue } from '@/server/queue/enqueue.ts';
import { createQueueAdmin, type TQueueAdmin } from '@/server/queue/queue-admin.ts';
import { parseSecretKey } from '@/server/lib/secret-box.ts';
import { TEST_SECRET_KEY } from './test-ldap.ts';
import { createTestDatabase, type TTestDatabase } from './test-database.ts';

export type TTestContext = TTestDatabase & {
  boss: PgBoss;
  queue: TJobQueue;
  queueAdmin: TQueueAdmin;
  secretKey: () => Buffer;
  actor: (identityId: string) => Promise<TUserActor>;
  close: () => Promise<void>;
};

/** A test database plus an enqueue-only pg-boss on it as the portal's role, as the web app has. */
export async function createTestContext(): Promise<TTestContext> {
  const db = await createTestDatabase();
  const boss = createBoss(db.url, 'web');
  await boss.start();
  return {
    ...db,
    boss,
    queue: createJobQueue(async () => boss),
    queueAdmin: createQueueAdmin(async () => boss),
    secretKey: () => parseSecretKey(TEST_SECRET_KEY),
    actor: async (identityId) => {
      const a = await loadActor(db.prisma, identityId, 0);
      if (!a) throw new Error(`no actor ${identityId}`);
      return a;
    },
    close: async () => {
      await boss.stop({ graceful: false });
      await db.drop();
    },
  };
}
