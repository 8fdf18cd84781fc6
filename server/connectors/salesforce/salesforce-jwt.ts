import crypto from 'node:crypto';

export type TJwtClaims = { clientId: string; username: string; audience: string };

/** Salesforce rejects assertions whose exp is more than three minutes away (JWT bearer flow docs). */
const ASSERTION_LIFETIME_SECONDS = 180;

/**
 * The signed assertion of the OAuth 2.0 JWT bearer flow: iss is the connected app's consumer key,
 * sub the integration user's username, aud the login host, signed RS256 with the key whose
 * certificate is uploaded to the connected app. jsforce does not sign JWTs, so node:crypto does.
 */
export function buildJwtAssertion(claims: TJwtClaims, privateKeyPem: string, now = Date.now()): string {
  const header = encode({ alg: 'RS256' });
  const payload = encode({
    iss: claims.clientId,
    sub: claims.username,
    aud: claims.audience,
    exp: Math.floor(now / 1000) + ASSERTION_LIFETIME_SECONDS,
  });
  const signature = crypto
    .sign('RSA-SHA256', Buffer.from(`${header}.${payload}`), privateKeyPem)
    .toString('base64url');
  return `${header}.${payload}.${signature}`;
}

const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
