/**
 * Why a state-changing request must be refused as a possible cross-site request forgery, or null when
 * it comes from the portal's own pages (or from a client that is not a browser: no Origin, no
 * Sec-Fetch-Site). Cookies ride along on a cross-site form post without a CORS preflight, so the
 * browser's own account of where the request came from is what decides. Another port on the same
 * host is "same-site" but not same-origin, so only same-origin passes.
 */
export function crossSiteWriteReason(request: Request): string | null {
  const fetchSite = request.headers.get('sec-fetch-site');
  // Every current browser sends it, and it stays true behind a reverse proxy that rewrites Host.
  if (fetchSite)
    return fetchSite === 'same-origin' || fetchSite === 'none'
      ? null
      : `a ${fetchSite} request may not change anything`;
  // An older browser: its Origin must name the host it asked.
  const origin = request.headers.get('origin');
  if (origin === null) return null;
  const host =
    request.headers.get('x-forwarded-host') ?? request.headers.get('host') ?? new URL(request.url).host;
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    return 'the request names no usable Origin';
  }
  return originHost.toLowerCase() === host.toLowerCase()
    ? null
    : `a request from ${origin} may not change anything`;
}

/** The media type of a request without its parameters, lower-cased ('' when absent). */
export const mediaTypeOf = (request: Request): string =>
  (request.headers.get('content-type') ?? '').split(';', 1)[0]!.trim().toLowerCase();
