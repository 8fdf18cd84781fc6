import { describe, expect, it } from 'vitest';
import { slackSignature, verifySlackSignature } from './slack-signature.ts';

// The worked example in Slack's "Verifying requests from Slack".
const SECRET = '8f742231b10e8888abcd99yyyzzz85a5';
const TIMESTAMP = '1531420618';
const BODY =
  'token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c';
const SIGNATURE = 'v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503';
const AT = new Date(Number(TIMESTAMP) * 1000 + 60_000);

describe('Slack request signatures', () => {
  it("computes the signature of Slack's documented example", () => {
    expect(slackSignature(SECRET, TIMESTAMP, BODY)).toBe(SIGNATURE);
  });

  it.each([
    [
      'the documented request',
      { timestamp: TIMESTAMP, signature: SIGNATURE, body: BODY, now: AT },
      { ok: true },
    ],
    [
      'a changed body',
      { timestamp: TIMESTAMP, signature: SIGNATURE, body: `${BODY}&x=1`, now: AT },
      { ok: false, reason: 'bad-signature' },
    ],
    [
      "another secret's signature",
      { timestamp: TIMESTAMP, signature: slackSignature('other', TIMESTAMP, BODY), body: BODY, now: AT },
      { ok: false, reason: 'bad-signature' },
    ],
    [
      'a truncated signature',
      { timestamp: TIMESTAMP, signature: SIGNATURE.slice(0, 20), body: BODY, now: AT },
      { ok: false, reason: 'bad-signature' },
    ],
    [
      'a timestamp over five minutes old',
      {
        timestamp: TIMESTAMP,
        signature: SIGNATURE,
        body: BODY,
        now: new Date(Number(TIMESTAMP) * 1000 + 301_000),
      },
      { ok: false, reason: 'stale' },
    ],
    [
      'a timestamp over five minutes ahead',
      {
        timestamp: TIMESTAMP,
        signature: SIGNATURE,
        body: BODY,
        now: new Date(Number(TIMESTAMP) * 1000 - 301_000),
      },
      { ok: false, reason: 'stale' },
    ],
    [
      'a timestamp that is no number',
      { timestamp: '15314x0618', signature: SIGNATURE, body: BODY, now: AT },
      { ok: false, reason: 'stale' },
    ],
    [
      'no signature',
      { timestamp: TIMESTAMP, signature: null, body: BODY, now: AT },
      { ok: false, reason: 'missing' },
    ],
    [
      'no timestamp',
      { timestamp: null, signature: SIGNATURE, body: BODY, now: AT },
      { ok: false, reason: 'missing' },
    ],
  ])('%s', (_name, input, verdict) => {
    expect(verifySlackSignature({ signingSecret: SECRET, ...input })).toEqual(verdict);
  });
});
