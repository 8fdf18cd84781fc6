import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { AppError } from './app-error.ts';
import { pageCursorCodec, ZCursorDate } from './page-cursor.ts';

const ZPosition = z.object({ at: ZCursorDate, id: z.uuid() });
const requests = pageCursorCodec('requests', ZPosition);
const grants = pageCursorCodec('grants', ZPosition);
const AT = { at: new Date('2026-04-01T09:30:00.123Z'), id: '0b6f1c9e-2a7d-4f1e-9a55-6d3e2c1b0a99' };

/** The code and field of what decoding threw, or 'accepted'. */
function refusal(decode: () => unknown) {
  try {
    decode();
  } catch (error) {
    return error instanceof AppError ? `${error.code} ${String(error.details?.field)}` : String(error);
  }
  return 'accepted';
}

const reencoded = (
  cursor: string,
  change: (envelope: { l: string; p: Record<string, unknown> }) => unknown,
) =>
  Buffer.from(JSON.stringify(change(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'))))).toString(
    'base64url',
  );

describe('pageCursorCodec', () => {
  it('round-trips a position, Dates included, for the list it was given out by', () => {
    const cursor = requests.encode(AT);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(requests.decode(cursor)).toEqual(AT);
  });

  it("refuses another list's cursor as the caller's mistake", () => {
    expect(refusal(() => grants.decode(requests.encode(AT)))).toBe('INVALID_INPUT cursor');
    expect(() => grants.decode(requests.encode(AT))).toThrow(/cursor: not one the grants list gave out/);
  });

  it('refuses garbage, a tampered position and a relabelled cursor', () => {
    const cursor = requests.encode(AT);
    for (const bad of [
      '',
      'not-a-cursor',
      '2026-04-01T09:30:00.123Z~0b6f1c9e-2a7d-4f1e-9a55-6d3e2c1b0a99',
      Buffer.from('{"l":"requests"').toString('base64url'),
      Buffer.from('null').toString('base64url'),
      reencoded(cursor, (e) => ({ ...e, p: { ...e.p, id: "' OR 1=1 --" } })),
      reencoded(cursor, (e) => ({ ...e, p: { ...e.p, at: 'yesterday' } })),
      reencoded(cursor, (e) => ({ l: e.l })),
      reencoded(cursor, (e) => ({ ...e, l: 'grants' })),
    ])
      expect(refusal(() => requests.decode(bad))).toBe('INVALID_INPUT cursor');
  });

  it('throws what the list asks for, so a connector refuses with its own error', () => {
    const own = pageCursorCodec('LDAP accounts', ZPosition, (list) => new RangeError(`not ${list}`));
    expect(() => own.decode('nope')).toThrow(RangeError);
  });
});
