import crypto from 'node:crypto';

/** Slack signs each request at most this long before we accept it; older ones are refused (and so cannot be replayed later). */
export const SLACK_SIGNATURE_WINDOW_SECONDS = 300;

export type TSignatureVerdict = { ok: true } | { ok: false; reason: 'missing' | 'stale' | 'bad-signature' };

/** Slack's v0 signature: `v0=` + hex HMAC-SHA256 of `v0:<timestamp>:<raw body>` with the app's signing secret. */
export function slackSignature(signingSecret: string, timestamp: string, body: string): string {
  return `v0=${crypto.createHmac('sha256', signingSecret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

/**
 * Checks X-Slack-Request-Timestamp and X-Slack-Signature against the raw body, as Slack documents
 * ("Verifying requests from Slack"): the timestamp within five minutes of now either way, the
 * signature compared in constant time.
 */
export function verifySlackSignature(input: {
  signingSecret: string;
  timestamp: string | null;
  signature: string | null;
  body: string;
  now: Date;
}): TSignatureVerdict {
  const { timestamp, signature } = input;
  if (!timestamp || !signature) return { ok: false, reason: 'missing' };
  if (!/^\d{1,12}$/.test(timestamp)) return { ok: false, reason: 'stale' };
  if (Math.abs(input.now.getTime() / 1000 - Number(timestamp)) > SLACK_SIGNATURE_WINDOW_SECONDS)
    return { ok: false, reason: 'stale' };
  const expected = Buffer.from(slackSignature(input.signingSecret, timestamp, input.body), 'utf8');
  const given = Buffer.from(signature, 'utf8');
  if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected))
    return { ok: false, reason: 'bad-signature' };
  return { ok: true };
}
