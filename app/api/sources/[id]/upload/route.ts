import { getCurrentActor } from '@/server/auth/current-actor.ts';
import { getPrisma } from '@/server/db/client.ts';
import { getWebBoss } from '@/server/queue/boss.ts';
import { createJobQueue } from '@/server/queue/enqueue.ts';
import { handleSourceUpload } from '@/server/uploads/handle-source-upload.ts';

export const dynamic = 'force-dynamic';

const queue = createJobQueue(getWebBoss);

/** POST /api/sources/:id/upload: an HR file for a source (server/uploads/handle-source-upload.ts). */
export const POST = (request: Request) =>
  handleSourceUpload(request, { db: getPrisma(), queue, actor: getCurrentActor });
