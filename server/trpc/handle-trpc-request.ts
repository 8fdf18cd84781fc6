import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { crossSiteWriteReason, mediaTypeOf } from '@/server/lib/cross-site-write.ts';
import { readBodyUpTo } from '@/server/lib/read-body-up-to.ts';
import { MAX_CALL_BODY } from './body-limit.ts';
import { MAX_BATCH_SIZE } from './batch-limit.ts';
import type { TTrpcContext } from './context.ts';
import { appRouter } from './root.ts';

export const TRPC_ENDPOINT = '/api/trpc';

/** A refusal in the envelope the portal's client reads (superjson's `json` wrapper around tRPC's error shape). */
const refuse = (status: number, code: string, message: string) =>
  Response.json(
    { error: { json: { message, code: -32600, data: { code, httpStatus: status } } } },
    { status, headers: { 'Cache-Control': 'no-store' } },
  );

/**
 * The tRPC endpoint over the Fetch API, shared by the Next.js route and the tests' HTTP server.
 * A write (any POST) must be JSON, which a cross-site form cannot send without a CORS preflight, and
 * must come from the portal's own origin: tRPC would otherwise also take multipart/form-data. Its
 * body is read here up to MAX_CALL_BODY and refused past it (413), before tRPC reads it whole.
 */
export async function handleTrpcRequest(
  request: Request,
  createContext: () => Promise<TTrpcContext>,
): Promise<Response> {
  let req = request;
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    if (mediaTypeOf(request) !== 'application/json')
      return refuse(415, 'UNSUPPORTED_MEDIA_TYPE', 'A change must be sent as application/json');
    const reason = crossSiteWriteReason(request);
    if (reason) return refuse(403, 'FORBIDDEN', `Refused: ${reason}`);
    const body = await readBodyUpTo(request, MAX_CALL_BODY);
    if (body === null)
      return refuse(413, 'PAYLOAD_TOO_LARGE', `A request body may be at most ${MAX_CALL_BODY} bytes`);
    req = new Request(request.url, { method: request.method, headers: request.headers, body });
  }
  return fetchRequestHandler({
    endpoint: TRPC_ENDPOINT,
    req,
    router: appRouter,
    createContext,
    maxBatchSize: MAX_BATCH_SIZE,
  });
}
