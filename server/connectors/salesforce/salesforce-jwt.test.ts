import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { buildJwtAssertion } from './salesforce-jwt.ts';

describe('buildJwtAssertion', () => {
  const { publicKey, privateKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
  const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const claims = {
    clientId: '3MVG9consumer',
    username: 'integration@acme.example',
    audience: 'https://login.salesforce.com',
  };

  it('signs header.payload with RS256, verifiable with the connected app certificate key', () => {
    const jwt = buildJwtAssertion(claims, pem, Date.UTC(2026, 0, 1));
    const [h, p, s] = jwt.split('.');
    expect(JSON.parse(Buffer.from(h!, 'base64url').toString())).toEqual({ alg: 'RS256' });
    expect(
      crypto.verify('RSA-SHA256', Buffer.from(`${h}.${p}`), publicKey, Buffer.from(s!, 'base64url')),
    ).toBe(true);
  });

  it('puts the consumer key in iss, the user in sub, the login host in aud, and expires within three minutes', () => {
    const now = Date.UTC(2026, 0, 1, 12, 0, 0);
    const payload = JSON.parse(
      Buffer.from(buildJwtAssertion(claims, pem, now).split('.')[1]!, 'base64url').toString(),
    );
    expect(payload).toEqual({
      iss: '3MVG9consumer',
      sub: 'integration@acme.example',
      aud: 'https://login.salesforce.com',
      exp: now / 1000 + 180,
    });
  });

  it('uses base64url without padding, as JWS compact serialisation requires', () => {
    expect(buildJwtAssertion(claims, pem)).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
  });
});
