import { describe, expect, it } from 'vitest';
import { readReviewItemContext } from './review-item-context.ts';

describe('readReviewItemContext', () => {
  const at = '2026-09-01T10:00:00.000Z';
  it.each([
    ['nothing', {}, { why: null, lastUsedAt: null, peers: null, sod: [] }],
    ['not an object', 'garbage', { why: null, lastUsedAt: null, peers: null, sod: [] }],
    [
      'the words and facts as written',
      { why: 'Requested by Rob', lastUsedAt: at, peers: { holding: 2, of: 5, names: ['Rita', 'Sam'] }, sod: [{ ruleName: 'Pay vs approve', severity: 'BLOCK' }] },
      { why: 'Requested by Rob', lastUsedAt: new Date(at), peers: { holding: 2, of: 5, names: ['Rita', 'Sam'] }, sod: [{ ruleName: 'Pay vs approve', severity: 'BLOCK', with: null }] },
    ],
    [
      'other spellings of the same facts',
      { why: { summary: 'Birthright' }, lastUsed: { at }, peers: { count: 1, teamSize: 3 }, sod: { conflicts: [{ rule: { name: 'R' }, other: 'Ledger' }] } },
      { why: 'Birthright', lastUsedAt: new Date(at), peers: { holding: 1, of: 3, names: [] }, sod: [{ ruleName: 'R', severity: null, with: 'Ledger' }] },
    ],
    [
      'pieces it does not understand, shown as unknown',
      { why: 42, lastUsedAt: 'not a date', peers: 'many', sod: [{ nope: true }, 'x'] },
      { why: null, lastUsedAt: null, peers: null, sod: [] },
    ],
  ])('%s', (_name, raw, expected) => {
    expect(readReviewItemContext(raw)).toEqual(expected);
  });
});
