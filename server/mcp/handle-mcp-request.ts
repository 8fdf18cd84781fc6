import { WebStandardStreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js';
import type { TPrisma } from '@/server/db/client.ts';
import { authenticateApiToken, takeApiCall, type TRateLimit } from '@/server/modules/api-tokens/index.ts';
import type { TJobQueue } from '@/server/queue/enqueue.ts';
import { createMcpServer } from './create-mcp-server.ts';

export const MCP_ENDPOINT = '/api/mcp';

/** The REST API's defaults (docs/decisions/070), for callers that name none: one bucket per token whichever door it uses. */
const DEFAULT_RATE_LIMIT: TRateLimit = { burst: 60, perMinute: 120 };

const jsonRpcError = (status: number, message: string, headers: Record<string, string> = {}) =>
  Response.json(
    { jsonrpc: '2.0', error: { code: -32001, message }, id: null },
    { status, headers: { 'Cache-Control': 'no-store', ...headers } },
  );

/**
 * The MCP endpoint over the Fetch API (Streamable HTTP, stateless: a server per request), shared by
 * the Next.js route and the tests' HTTP server. A person's API token is required on every request;
 * the tools then act as that person with the token's subset of their permissions.
 */
export async function handleMcpRequest(
  request: Request,
  deps: { db: TPrisma; queue: TJobQueue; rateLimit?: TRateLimit },
): Promise<Response> {
  const bearer = request.headers.get('authorization') ?? '';
  const actor = bearer ? await authenticateApiToken(deps.db, bearer) : null;
  if (!actor?.apiToken) {
    return jsonRpcError(
      401,
      'A valid Gatehouse API token is required: send it as "Authorization: Bearer gh_pat_…"',
      {
        'WWW-Authenticate': 'Bearer realm="gatehouse-mcp", error="invalid_token"',
      },
    );
  }
  const verdict = await takeApiCall(deps.db, actor.apiToken.id, deps.rateLimit ?? DEFAULT_RATE_LIMIT);
  if (!verdict.allowed)
    return jsonRpcError(429, `Too many calls with this token; try again in ${verdict.retryAfterSeconds} s`, {
      'Retry-After': String(verdict.retryAfterSeconds),
    });

  const server = createMcpServer({ db: deps.db, actor, queue: deps.queue });
  // Stateless: no session id, JSON answers rather than an event stream (nothing here streams).
  const transport = new WebStandardStreamableHTTPServerTransport({
    sessionIdGenerator: undefined,
    enableJsonResponse: true,
  });
  await server.connect(transport);
  try {
    return await transport.handleRequest(request);
  } finally {
    await server.close();
  }
}
