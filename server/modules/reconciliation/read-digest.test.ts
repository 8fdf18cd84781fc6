import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { TAttributes, TTargetAccount } from '@/server/connectors/sdk/connector.ts';
import { readDigest } from './observed-state-store.ts';

/**
 * The digest's text as it was first defined (docs/decisions/063): JSON with every object's keys in
 * code-unit order and undefined members left out. Every stored readDigest was made from it: a digest
 * that changed would rewrite every observed account once.
 */
function contract(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(contract).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
  entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${contract(v)}`).join(',')}}`;
}

type TAccount = TTargetAccount & { attributes: TAttributes };
const base: TAccount = {
  stableId: 'x',
  nativeId: 'uid=a,ou=p',
  username: 'a',
  enabled: true,
  attributes: { mail: 'a@b', cn: ['A', 'B'] },
  modifiedAt: null,
};

describe('readDigest', () => {
  it('is the digest it always was', () => {
    expect(readDigest(base)).toBe('0mNgmDiMM__oFsru3xy19vO2HdQ');
  });

  it.each<[string, TAccount]>([
    [
      'keys differing in case, sorted by code unit',
      { ...base, attributes: { b: 'x', B: 'y', _: 'z', a: 'w', Zed: null } },
    ],
    [
      'escapes and text beyond ASCII',
      { ...base, username: 'ü"\\\n', attributes: { é: 'ü"\\', cn: ['\u2028', 'tab\t'] } },
    ],
    ['empty lists, empty strings, no attributes', { ...base, attributes: { a: [], b: [''], c: '' } }],
    [
      'undefined members left out',
      { ...base, lastUsedAt: undefined, attributes: { a: undefined as unknown as null, b: 'x' } },
    ],
    [
      'an attribute named as a field',
      {
        ...base,
        lastUsedAt: '2026-12-04T10:00:00.000Z',
        attributes: { username: 'other', enabled: 'TRUE', attributes: 'x' },
      },
    ],
    ['no attributes at all', { ...base, modifiedAt: '2026-01-01T00:00:00.000Z', attributes: {} }],
    // Not a shape connectors give: the general form answers for it.
    [
      'an object where a value was expected',
      { ...base, attributes: { a: { nested: ['x'], z: 1 } as unknown as string } },
    ],
  ])('gives the text of the contract: %s', (_name, account) => {
    expect(readDigest(account)).toBe(crypto.createHash('sha1').update(contract(account)).digest('base64url'));
  });
});
