import { describe, expect, it } from 'vitest';
import { readReviewItemContext } from './review-item-context.ts';

const none = { manager: null, department: null, title: null };
const empty = { why: null, lastUsedAt: null, endsAt: null, peers: none, sod: [], fallback: null, risk: null };

describe('readReviewItemContext', () => {
  const at = '2026-09-01T10:00:00.000Z';
  it.each([
    ['nothing', {}, empty],
    ['not an object', 'garbage', empty],
    ['an array', [], empty],
    [
      'the snapshot as the engine writes it',
      {
        item: { kind: 'ENTITLEMENT', name: 'Payroll', application: 'Directory', risk: 'HIGH' },
        why: 'Requested by Rob, approved by Mia',
        lastUsedAt: at,
        endsAt: null,
        peers: {
          department: { count: 3, names: ['A', 'B', 'C'] },
          manager: { count: 1, names: ['Rita'] },
          title: { count: 0, names: [], ofTotal: 4 },
        },
        sod: [{ rule: 'Pay vs approve', explanation: 'Paying and approving' }],
        fallback: 'The person has no manager who can act',
      },
      {
        why: 'Requested by Rob, approved by Mia',
        lastUsedAt: new Date(at),
        endsAt: null,
        peers: {
          department: { count: 3, names: ['A', 'B', 'C'] },
          manager: { count: 1, names: ['Rita'] },
          title: { count: 0, names: [], ofTotal: 4 },
        },
        sod: [{ rule: 'Pay vs approve', explanation: 'Paying and approving' }],
        fallback: 'The person has no manager who can act',
        risk: 'HIGH',
      },
    ],
    [
      'pieces it does not understand, shown as unknown',
      {
        why: 42,
        lastUsedAt: 'not a date',
        peers: { manager: 'many', title: { count: -1 } },
        sod: [{ nope: true }, 'x'],
        item: { risk: 'EXTREME' },
      },
      empty,
    ],
  ])('%s', (_name, raw, expected) => {
    expect(readReviewItemContext(raw)).toEqual(expected);
  });
});
