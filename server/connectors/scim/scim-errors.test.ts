import { describe, expect, it } from 'vitest';
import { errorFromResponse, errorFromThrown, parseRetryAfter } from './scim-errors.ts';

const respond = (status: number, headers: Record<string, string> = {}) => ({
  status,
  headers: new Headers(headers),
});
const scimError = (status: number, scimType: string | undefined, detail: string) => ({
  schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'],
  status: String(status),
  scimType,
  detail,
});

describe('errorFromResponse', () => {
  it.each([
    [400, 'invalidValue', 'invalidAttribute'],
    [400, 'invalidSyntax', 'invalidAttribute'],
    [400, 'invalidFilter', 'invalidAttribute'],
    [401, undefined, 'invalidConfig'],
    [403, undefined, 'permissionDenied'],
    [404, undefined, 'notFound'],
    [409, 'uniqueness', 'conflict'],
    [412, undefined, 'unavailable'],
    [429, undefined, 'rateLimited'],
    [500, undefined, 'unavailable'],
    [501, undefined, 'unsupported'],
    [502, undefined, 'unavailable'],
    [503, undefined, 'unavailable'],
  ] as const)('HTTP %i %s is %s', (status, scimType, kind) => {
    const error = errorFromResponse(
      'create user ann',
      respond(status),
      scimError(status, scimType, 'the detail'),
      '',
    );
    expect(error.kind).toBe(kind);
    expect(error.message).toContain('create user ann');
    expect(error.message).toContain('the detail');
    if (scimType) expect(error.message).toContain(scimType);
  });

  it('keeps Retry-After from 429 and 503', () => {
    expect(errorFromResponse('x', respond(429, { 'retry-after': '7' }), null, '').retryAfterMs).toBe(7000);
    expect(errorFromResponse('x', respond(503, { 'retry-after': '2' }), null, '').retryAfterMs).toBe(2000);
    expect(
      errorFromResponse('x', respond(500, { 'retry-after': '2' }), null, '').retryAfterMs,
    ).toBeUndefined();
  });

  it('quotes a non-SCIM body, and names a redirect', () => {
    expect(errorFromResponse('x', respond(502), null, '<html>Bad gateway</html>').message).toContain(
      'Bad gateway',
    );
    const redirect = errorFromResponse('x', respond(301, { location: 'https://elsewhere/scim' }), null, '');
    expect(redirect.kind).toBe('invalidConfig');
    expect(redirect.message).toContain('https://elsewhere/scim');
  });
});

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });
});

describe('errorFromThrown', () => {
  it('finds the socket error fetch hides in cause', () => {
    const error = errorFromThrown(
      'list users',
      Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } }),
    );
    expect(error.kind).toBe('connectionFailed');
    expect(error.message).toContain('ECONNREFUSED');
  });

  it('treats an AbortSignal.timeout as a timeout', () => {
    expect(errorFromThrown('x', new DOMException('The operation timed out.', 'TimeoutError')).kind).toBe(
      'timeout',
    );
  });
});
