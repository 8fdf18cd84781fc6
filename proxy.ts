import { NextResponse, type NextRequest } from 'next/server';
import { isDevelopment } from '@/server/env.ts';
import { isBrokenText } from '@/server/lib/broken-text.ts';
import { contentSecurityPolicy, createNonce } from '@/server/lib/content-security-policy.ts';
import { ScimError } from '@/server/modules/scim-server/index.ts';
import { scimErrorResponse } from '@/server/scim/scim-errors.ts';
import { problem, problemResponse } from '@/server/trpc/rest/problem-details.ts';

/**
 * Runs before every route: refuses a path Next.js could not decode (it would answer 500 before any
 * route, authentication included, ran) and gives each response its CSP nonce and transport headers.
 * The headers that never vary live in next.config.js.
 */
export function proxy(request: NextRequest) {
  const refused = refuseUndecodablePath(request.nextUrl.pathname);
  if (refused) return refused;

  const nonce = createNonce();
  const csp = contentSecurityPolicy(nonce, isDevelopment());
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set('content-security-policy', csp);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set('Content-Security-Policy', csp);
  if (isHttps(request))
    response.headers.set('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
  return response;
}

/** HSTS means something only over https; on plain http (local runs) a browser ignores it anyway. */
const isHttps = (request: NextRequest) =>
  request.nextUrl.protocol === 'https:' ||
  request.headers.get('x-forwarded-proto')?.split(',')[0]?.trim() === 'https';

/** A malformed percent-escape, or one that decodes to a NUL or a lone surrogate, is the caller's mistake: 400. */
function refuseUndecodablePath(pathname: string): Response | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    decoded = '\u0000';
  }
  if (!isBrokenText(decoded)) return null;
  const detail = 'The path holds a malformed percent-escape, a NUL character or broken Unicode';
  if (pathname.startsWith('/scim/')) return scimErrorResponse(new ScimError(400, 'invalidValue', detail));
  if (pathname.startsWith('/api/v1/'))
    return problemResponse(problem(400, 'INVALID_INPUT', detail, { instance: '/api/v1' }));
  return Response.json({ error: detail }, { status: 400, headers: { 'Cache-Control': 'no-store' } });
}

export const config = {
  // Static build output carries no inline script and needs neither a nonce nor the path guard.
  matcher: ['/((?!_next/static|_next/image|favicon.ico).*)'],
};
