import { describe, expect, it } from 'vitest';
import { formatDate, isoDay } from '@/server/shared/format-date.ts';
import { type TGrantWhy, whyText } from './grant-why.ts';

const base: TGrantWhy = {
  grantId: 'g1',
  source: 'ADMIN',
  sourceRef: null,
  status: 'ACTIVE',
  startsAt: new Date(0),
  endsAt: null,
  endedAt: null,
  role: null,
  rule: null,
  request: null,
  grantedBy: null,
  review: null,
};
const decision = (approver: string, decidedBy: string | null = null) => ({
  approver,
  decidedBy,
  decision: 'APPROVED' as const,
  at: new Date(0),
  comment: null,
});

describe('why a grant exists, in one line', () => {
  it.each<[string, Partial<TGrantWhy>, string]>([
    [
      'a birthright rule',
      { source: 'BIRTHRIGHT', rule: { id: 'r', name: 'Everyone' } },
      'birthright rule “Everyone”',
    ],
    ['a deleted rule', { source: 'BIRTHRIGHT', sourceRef: 'r' }, 'birthright rule “a rule since deleted”'],
    [
      'a request with two approvers, one deciding for a delegator',
      {
        source: 'REQUEST',
        request: {
          id: '3f9a01bc-0000-4000-8000-000000000001',
          justification: 'x',
          autoApprovedBy: null,
          decisions: [decision('Mona'), decision('Otto', 'Dana')],
        },
      },
      'request REQ-3F9A01BC, approved by Mona, Dana',
    ],
    [
      'an auto-approved request',
      {
        source: 'REQUEST',
        request: {
          id: '0a1b2c3d-0000-4000-8000-000000000002',
          justification: 'x',
          autoApprovedBy: 'Low risk',
          decisions: [],
        },
      },
      'request REQ-0A1B2C3D, approved automatically by the rule “Low risk”',
    ],
    [
      'a seeded request with its approver on the grant',
      {
        source: 'REQUEST',
        grantedBy: 'Tom',
        request: {
          id: 'deadbeef-0000-4000-8000-000000000003',
          justification: 'x',
          autoApprovedBy: null,
          decisions: [],
        },
      },
      'request REQ-DEADBEEF, approved by Tom',
    ],
    [
      'a request since gone, named by its number',
      { source: 'REQUEST', sourceRef: 'c0ffee00-0000-4000-8000-000000000004' },
      'request REQ-C0FFEE00',
    ],
    [
      'a request reference that is no request id, as recorded',
      { source: 'REQUEST', sourceRef: 'REQ-42' },
      'request REQ-42',
    ],
    [
      'a role granted by hand',
      { source: 'ADMIN', role: { id: 'ro', name: 'Clerk' }, grantedBy: 'Ada' },
      'role “Clerk”, granted by Ada',
    ],
    [
      'a reconciliation adoption',
      { source: 'RECONCILIATION', sourceRef: 'f9' },
      'adopted by reconciliation (finding f9)',
    ],
  ])('%s', (_name, over, text) => {
    expect(whyText({ ...base, ...over }, isoDay)).toBe(text);
  });

  it('writes the last review’s day for people on a page and as ISO in a file', () => {
    const w: TGrantWhy = {
      ...base,
      grantedBy: 'Ada',
      review: {
        campaignId: 'c',
        campaign: 'Q1',
        at: new Date('2026-01-17T09:30:00Z'),
        by: 'Mark',
        outcome: 'KEPT',
      },
    };
    expect(whyText(w, formatDate)).toBe('granted by Ada; reviewed in Q1 on 17 Jan 2026 by Mark: kept');
    expect(whyText(w, isoDay)).toBe('granted by Ada; reviewed in Q1 on 2026-01-17 by Mark: kept');
  });
});
