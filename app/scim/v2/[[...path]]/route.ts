import { getPrisma } from '@/server/db/client.ts';
import { getEnv } from '@/server/env.ts';
import { getWebBoss } from '@/server/queue/boss.ts';
import { createJobQueue } from '@/server/queue/enqueue.ts';
import { handleScimRequest } from '@/server/scim/handle-scim-request.ts';

export const dynamic = 'force-dynamic';

const queue = createJobQueue(getWebBoss);

/** /scim/v2/*: the SCIM 2.0 service provider an IdP (Okta, Entra ID) pushes people and groups to. */
const handler = (request: Request) =>
  handleScimRequest(request, {
    db: getPrisma(),
    queue,
    baseUrl: `${getEnv().NEXTAUTH_URL.replace(/\/$/, '')}/scim/v2`,
  });

export { handler as DELETE, handler as GET, handler as PATCH, handler as POST, handler as PUT };
