import { getPrisma } from '@/server/db/client.ts';
import { getEnv } from '@/server/env.ts';
import { handleMcpRequest } from '@/server/mcp/handle-mcp-request.ts';
import { getWebBoss } from '@/server/queue/boss.ts';
import { createJobQueue } from '@/server/queue/enqueue.ts';

export const dynamic = 'force-dynamic';

const queue = createJobQueue(getWebBoss);

/** The MCP server for AI agents (docs/decisions/071): a person's API token as the bearer, under the same per-token rate limit as the REST API. */
const handler = (request: Request) => {
  const env = getEnv();
  return handleMcpRequest(request, {
    db: getPrisma(),
    queue,
    rateLimit: { burst: env.API_RATE_LIMIT_BURST, perMinute: env.API_RATE_LIMIT_PER_MINUTE },
  });
};

export { handler as GET, handler as POST, handler as DELETE };
