// A web process for tests of several processes on one database: the SCIM server and the HR upload
// route, the Fetch-API handlers the Next.js routes call, served over HTTP with this process's own
// database pool and pg-boss instance. Spawned by web-process.ts; prints "listening <url>".
import { loadActor } from '@/server/auth/load-actor.ts';
import { createPrismaClient } from '@/server/db/client.ts';
import { createBoss } from '@/server/queue/boss.ts';
import { createJobQueue } from '@/server/queue/enqueue.ts';
import { handleScimRequest } from '@/server/scim/handle-scim-request.ts';
import { handleSourceUpload } from '@/server/uploads/handle-source-upload.ts';
import { serveFetchHandler } from './serve-fetch-handler.ts';

const databaseUrl = process.env.DATABASE_URL ?? '';
const uploaderId = process.env.GATEHOUSE_TEST_UPLOADER_ID ?? '';
const db = createPrismaClient(databaseUrl, { max: 8 });
const boss = createBoss(databaseUrl, 'web');
await boss.start();
const queue = createJobQueue(async () => boss);
const served = await serveFetchHandler((request) =>
  new URL(request.url).pathname.startsWith('/scim/v2/')
    ? handleScimRequest(request, { db, queue })
    : handleSourceUpload(request, { db, queue, actor: () => loadActor(db, uploaderId, 0) }),
);
process.stdout.write(`listening ${served.url}\n`);
process.once('SIGTERM', () => {
  void (async () => {
    await served.close();
    await boss.stop({ graceful: false });
    await db.$disconnect();
    process.exit(0);
  })();
});
