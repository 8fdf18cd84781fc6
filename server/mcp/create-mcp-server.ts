import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { TMcpContext, TMcpTool } from './mcp-tool.ts';
import { approvalsWaiting } from './tools/approvals-waiting.ts';
import { explainRequest } from './tools/explain-request.ts';
import { myAccess } from './tools/my-access.ts';
import { myRequests } from './tools/my-requests.ts';
import { searchCatalog } from './tools/search-catalog.ts';
import { submitRequest } from './tools/submit-request.ts';

/** Every tool the server offers. None approves, denies or decides anything: deciding stays with people. */
export const MCP_TOOLS: readonly TMcpTool[] = [
  searchCatalog,
  explainRequest,
  submitRequest,
  myRequests,
  myAccess,
  approvalsWaiting,
];

/** One server per HTTP request (stateless), bound to the token's person. */
export function createMcpServer(ctx: TMcpContext): McpServer {
  const server = new McpServer(
    { name: 'gatehouse', version: '1.0.0' },
    {
      instructions:
        'Gatehouse access portal. You act only as the person whose token you hold. You can search, explain and submit access requests and read their status; you cannot approve or deny anything.',
    },
  );
  for (const tool of MCP_TOOLS) tool.register(server, ctx);
  return server;
}
