import { NextRequest } from 'next/server';
import { describe, expect, it } from 'vitest';
import { proxy } from '@/proxy.ts';

const through = (url: string, headers: Record<string, string> = {}) =>
  proxy(new NextRequest(url, { headers }));

describe('proxy.ts (every request before its route)', () => {
  it('gives each response its own CSP nonce, and passes the policy on for Next.js to read', () => {
    const [a, b] = [through('http://localhost/catalog'), through('http://localhost/catalog')];
    const csp = a.headers.get('content-security-policy') ?? '';
    expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{24}' 'strict-dynamic'/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(b.headers.get('content-security-policy')).not.toBe(csp);
    expect(a.headers.get('x-middleware-request-content-security-policy')).toBe(csp);
  });

  it('sends Strict-Transport-Security only when served over https (directly or behind a proxy)', () => {
    expect(through('http://localhost/catalog').headers.get('strict-transport-security')).toBeNull();
    expect(through('https://gatehouse.acme.test/catalog').headers.get('strict-transport-security')).toMatch(
      /max-age=\d+/,
    );
    expect(
      through('http://10.0.0.5/catalog', { 'x-forwarded-proto': 'https' }).headers.get(
        'strict-transport-security',
      ),
    ).toMatch(/max-age=/);
  });

  it.each([
    ['/scim/v2/Users/%E0%A4%A', true],
    ['/scim/v2/Users/%00', true],
    ['/scim/v2/Users/%ED%A0%80', true],
    ['/api/trpc/%E0%A4%A', false],
    ['/api/sources/%E0%A4%A/upload', false],
    ['/catalog/%', false],
  ])('answers the undecodable path %s with a 400 (SCIM: its error schema: %s)', async (path, isScim) => {
    const response = through(`http://localhost${path}`);
    expect(response.status).toBe(400);
    const body = (await response.json()) as { schemas?: string[] };
    expect(body.schemas?.[0] === 'urn:ietf:params:scim:api:messages:2.0:Error').toBe(isScim);
  });

  it('lets a well-formed escape through', () => {
    expect(through('http://localhost/scim/v2/Users?filter=userName%20eq%20%22%C3%A9%22').status).toBe(200);
    expect(through('http://localhost/catalog/caf%C3%A9').status).toBe(200);
  });
});
