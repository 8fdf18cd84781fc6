import { classifyError, ConnectorError, type TConnectorErrorKind } from '../sdk/connector-error.ts';

/** RFC 7231 §7.1.3: delay-seconds or an HTTP-date. */
export function parseRetryAfter(header: string | null, now = Date.now()): number | undefined {
  if (!header) return undefined;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

function kindForStatus(status: number): TConnectorErrorKind {
  if (status < 400) return 'invalidConfig';
  if (status === 401) return 'invalidConfig';
  if (status === 403) return 'permissionDenied';
  if (status === 404) return 'notFound';
  if (status === 408) return 'timeout';
  if (status === 409) return 'conflict';
  // A 412 that survived a re-read means the resource keeps changing under us: try again later.
  if (status === 412) return 'unavailable';
  if (status === 429) return 'rateLimited';
  if ([405, 406, 415, 501].includes(status)) return 'unsupported';
  if (status >= 500) return 'unavailable';
  return 'invalidAttribute';
}

/**
 * Maps an HTTP error to the SDK's classes, keeping the server's own words: RFC 7644 §3.12 bodies
 * give scimType and detail; anything else gives the start of the body.
 */
export function errorFromResponse(
  context: string,
  response: { status: number; headers: Headers },
  body: unknown,
  text: string,
): ConnectorError {
  const scim = body && typeof body === 'object' ? (body as { scimType?: unknown; detail?: unknown }) : {};
  const scimType = typeof scim.scimType === 'string' ? scim.scimType : undefined;
  const location = response.status < 400 ? response.headers.get('location') : null;
  const detail =
    typeof scim.detail === 'string' && scim.detail
      ? scim.detail
      : location
        ? `redirected to ${location}; baseUrl should be the final SCIM root`
        : text.trim().slice(0, 300) || 'no detail given';
  const message = `${context}: HTTP ${response.status}${scimType ? ` (${scimType})` : ''}: ${detail}`;
  const retryAfterMs = [429, 503].includes(response.status)
    ? parseRetryAfter(response.headers.get('retry-after'))
    : undefined;
  return new ConnectorError(kindForStatus(response.status), message, { retryAfterMs });
}

/** fetch rejects with TypeError('fetch failed') and hides the socket error in `cause`. */
export function errorFromThrown(context: string, error: unknown): ConnectorError {
  if (error instanceof ConnectorError) return error;
  const e = error as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (e?.name === 'TimeoutError' || e?.name === 'AbortError') {
    return new ConnectorError('timeout', `${context}: no answer in time`, { cause: error });
  }
  const cause = e?.cause;
  const classified = classifyError(cause?.code ? cause : error);
  const reason = [e?.message, cause?.code ?? cause?.message].filter(Boolean).join(': ');
  return new ConnectorError(classified.kind, `${context}: ${reason || String(error)}`, { cause: error });
}
