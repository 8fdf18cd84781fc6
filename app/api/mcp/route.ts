import { getPrisma } from '@/server/db/client.ts';
import { handleMcpRequest } from '@/server/mcp/handle-mcp-request.ts';
import { getWebBoss } from '@/server/queue/boss.ts';
import { createJobQueue } from '@/server/queue/enqueue.ts';

export const dynamic = 'force-dynamic';

const queue = createJobQueue(getWebBoss);

/** The MCP server for AI agents (docs/decisions/071): a person's API token as the bearer. */
const handler = (request: Request) => handleMcpRequest(request, { db: getPrisma(), queue });

export { handler as GET, handler as POST, handler as DELETE };
