import crypto from 'node:crypto';

/** Personal tokens and service accounts read differently at a glance, in a log or a secret scanner. */
export const API_TOKEN_PREFIXES = { PERSONAL: 'gh_pat_', SERVICE: 'gh_sat_' } as const;
export type TApiTokenKind = keyof typeof API_TOKEN_PREFIXES;

/** Enough of the token to recognise it in a list, far too little to guess the rest. */
const SHOWN_LENGTH = 12;
/** Longer than any token we issue: anything longer is refused before it is hashed. */
export const MAX_API_TOKEN_LENGTH = 200;

/**
 * A new secret: 32 random bytes (256 bits) after a recognisable prefix. Only its SHA-256 is stored;
 * with that much entropy a plain hash lookup is safe (no salt or slow hash needed, and nothing about
 * a wrong token is learnt from the time the lookup takes).
 */
export function generateApiTokenSecret(kind: TApiTokenKind): {
  token: string;
  tokenHash: string;
  prefix: string;
} {
  const token = `${API_TOKEN_PREFIXES[kind]}${crypto.randomBytes(32).toString('base64url')}`;
  return { token, tokenHash: hashApiToken(token), prefix: token.slice(0, SHOWN_LENGTH) };
}

export const hashApiToken = (token: string) =>
  crypto.createHash('sha256').update(token, 'utf8').digest('hex');

export const looksLikeApiToken = (token: string) =>
  token.length <= MAX_API_TOKEN_LENGTH && Object.values(API_TOKEN_PREFIXES).some((p) => token.startsWith(p));
