import { createOpenApiFetchHandler } from 'trpc-to-openapi';
import { readBodyUpTo } from '@/server/lib/read-body-up-to.ts';
import { recordAuditEvent } from '@/server/modules/audit/index.ts';
import { authenticateApiToken, takeApiCall, type TRateLimit } from '@/server/modules/api-tokens/index.ts';
import { MAX_CALL_BODY } from '../body-limit.ts';
import type { TTrpcContext } from '../context.ts';
import { appRouter } from '../root.ts';
import { getOpenApiDocument } from './openapi-document.ts';
import { problem, problemFromTrpcError, problemResponse } from './problem-details.ts';

export const REST_ENDPOINT = '/api/v1';

export type TRestDeps = {
  /** The procedures' services (database, queue…); the actor comes from the bearer token. */
  services: Omit<TTrpcContext, 'actor'>;
  rateLimit: TRateLimit;
  now?: () => Date;
};

/**
 * The REST API (docs/decisions/070) over the Fetch API, shared by the Next.js route and the tests'
 * HTTP server. It serves the procedures that carry OpenAPI metadata, with their own zod schemas, as
 * the person a bearer API token acts for: authenticate, rate-limit, call, audit, and answer every
 * error as RFC 9457 problem+json. GET /api/v1/openapi.json is public.
 */
export async function handleRestRequest(request: Request, deps: TRestDeps): Promise<Response> {
  const url = new URL(request.url);
  const instance = url.pathname;
  try {
    if (url.pathname === `${REST_ENDPOINT}/openapi.json` && request.method === 'GET') {
      return Response.json(getOpenApiDocument(url.origin), { headers: { 'cache-control': 'no-cache' } });
    }
    const header = request.headers.get('authorization') ?? '';
    const bearer = /^bearer\s+(\S+)\s*$/i.exec(header)?.[1] ?? '';
    const now = deps.now?.() ?? new Date();
    const actor = bearer ? await authenticateApiToken(deps.services.db, bearer, { now }) : null;
    if (!actor?.apiToken) {
      const detail = bearer
        ? 'The API token is unknown, expired or revoked, or its person may no longer act'
        : 'An API token is required: Authorization: Bearer <token>';
      return problemResponse(problem(401, 'UNAUTHENTICATED', detail, { instance }), {
        'www-authenticate': 'Bearer realm="Gatehouse API"',
      });
    }
    const tokenId = actor.apiToken.id;
    const verdict = await takeApiCall(deps.services.db, tokenId, deps.rateLimit, { now });
    const response = verdict.allowed
      ? await callProcedure(request, { ...deps.services, actor }, instance)
      : problemResponse(
          problem(
            429,
            'TOO_MANY_REQUESTS',
            `This token made too many calls; try again in ${verdict.retryAfterSeconds} s`,
            { instance },
          ),
          {
            'retry-after': String(verdict.retryAfterSeconds),
          },
        );
    if (verdict.allowed) response.headers.set('x-ratelimit-remaining', String(verdict.remaining));
    // After the call, with its status. The call has happened either way: a failed write is logged, not answered as a 500.
    await recordAuditEvent(deps.services.db, {
      actor,
      action: 'api.called',
      entityType: 'ApiToken',
      entityId: tokenId,
      subjectId: actor.identityId,
      metadata: {
        apiTokenId: tokenId,
        method: request.method,
        path: instance.slice(0, 300),
        status: response.status,
      },
    }).catch((error: unknown) => console.error('[rest] could not audit a call', error));
    return response;
  } catch (error) {
    console.error('[rest] unexpected error', error);
    return problemResponse(
      problem(500, 'INTERNAL_SERVER_ERROR', 'Something went wrong on our side. It has been logged.', {
        instance,
      }),
    );
  }
}

async function callProcedure(request: Request, ctx: TTrpcContext, instance: string): Promise<Response> {
  const text =
    request.method === 'GET' || request.method === 'HEAD' ? '' : await readBodyUpTo(request, MAX_CALL_BODY);
  if (text === null)
    return problemResponse(
      problem(413, 'PAYLOAD_TOO_LARGE', `A request body may be at most ${MAX_CALL_BODY} bytes`, { instance }),
    );
  const response = await createOpenApiFetchHandler({
    endpoint: REST_ENDPOINT,
    // The adapter reads the whole body as text with no limit of its own: it gets what we read, bounded.
    req: new Request(request.url, {
      method: request.method,
      headers: request.headers,
      body: text || undefined,
    }),
    router: appRouter,
    createContext: () => ctx,
  });
  if (response.status < 400) {
    const headers = new Headers(response.headers);
    headers.set('cache-control', 'no-store');
    return new Response(response.body, { status: response.status, headers });
  }
  const body = (await response.json().catch(() => ({}))) as Parameters<typeof problemFromTrpcError>[1];
  return problemResponse(problemFromTrpcError(response.status, body, instance));
}
