import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { TApprovalItem } from '@/server/trpc/routers/approvals/list-my-approvals.schema.ts';
import { ApprovalInsight } from './approval-insight.tsx';

const request = {
  beneficiary: { id: 'b', displayName: 'Ann Lee' },
  entitlement: { application: { name: 'Ledger' } },
  insight: {
    alreadyHolds: [],
    team: { size: 0, holders: 0 },
    history: { decided: 3, approved: 2, theirs: { decided: 1, approved: 0 } },
  },
} as unknown as TApprovalItem['request'];

/** The card's context as its reader sees it: each term with its description. */
const rows = (r: TApprovalItem['request']) =>
  [
    ...renderToStaticMarkup(createElement(ApprovalInsight, { request: r })).matchAll(
      /<dt[^>]*>(.*?)<\/dt><dd[^>]*>(.*?)<\/dd>/g,
    ),
  ].map((m) => `${m[1]}: ${m[2]}`);

describe('the approval card’s past year of requests', () => {
  it('says whose requests it counts: the person’s own, then everyone’s', () => {
    expect(rows(request).slice(2)).toEqual([
      'Ann Lee’s requests for it: Approved 0 of 1 decided in the past year (0%)',
      'Everyone’s requests for it: Approved 2 of 3 decided in the past year (67%)',
    ]);
  });

  it('says when none were decided', () => {
    const none = { decided: 0, approved: 0 };
    const fresh = { ...request, insight: { ...request.insight, history: { ...none, theirs: none } } };
    expect(rows(fresh).slice(2)).toEqual([
      'Ann Lee’s requests for it: None decided in the past year',
      'Everyone’s requests for it: None decided in the past year',
    ]);
  });
});
