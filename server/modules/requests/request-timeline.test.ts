import { describe, expect, it } from 'vitest';
import { requestTimeline, summariseProvisioning } from './request-timeline.ts';

const op = (status: string, extra: object = {}) =>
  ({
    kind: 'ADD_ENTITLEMENT',
    status,
    lastError: null,
    attempts: 0,
    createdAt: new Date(),
    finishedAt: null,
    entitlementName: 'G',
    applicationName: 'Dir',
    ...extra,
  }) as never;

describe('summariseProvisioning', () => {
  it.each([
    ['nothing planned', [], 'none'],
    ['queued', [op('PENDING')], 'provisioning'],
    ['running', [op('SUCCEEDED'), op('RUNNING')], 'provisioning'],
    ['a retry with its reason', [op('RETRYING', { lastError: 'connectionFailed', attempts: 1 })], 'retrying'],
    [
      'waiting for a retry after a failed attempt',
      [op('PENDING', { attempts: 2, lastError: 'x' })],
      'retrying',
    ],
    ['all done', [op('SUCCEEDED'), op('NOOP')], 'provisioned'],
    ['a failure wins', [op('SUCCEEDED'), op('FAILED', { lastError: 'invalidAttribute' })], 'failed'],
  ])('%s', (_n, ops, state) => {
    expect(summariseProvisioning(ops).state).toBe(state);
  });

  it('carries the reason of a failure', () => {
    expect(summariseProvisioning([op('FAILED', { lastError: 'notFound: group gone' })]).reason).toBe(
      'notFound: group gone',
    );
  });
});

describe('requestTimeline', () => {
  const at = (ms: number) => new Date(Date.UTC(2026, 0, 1, 9, 0, 0, ms));
  const request = {
    status: 'APPROVED' as const,
    justification: 'Month-end close',
    createdAt: at(5),
    decidedAt: at(3),
    requester: { displayName: 'Alice' },
    steps: [],
  };

  it('puts the submission first even when an automatic approval was stamped a moment earlier by another clock', () => {
    const events = requestTimeline(request, {
      stageCount: 0,
      autoRuleName: 'Low risk',
      ops: [op('SUCCEEDED', { finishedAt: at(4) })],
    });
    expect(events.map((e) => e.title)).toEqual([
      'Submitted',
      'Approved automatically',
      'Grant G in Dir: done',
    ]);
  });

  it('says who decided for whom, at which stage, with the comment, once per person and moment', () => {
    const decided = at(900);
    const step = (stage: string) => ({
      status: 'APPROVED',
      comment: 'ok',
      decidedAt: decided,
      stage: { name: stage },
      approver: { displayName: 'Mark' },
      decidedBy: { displayName: 'Fiona' },
    });
    const events = requestTimeline(
      { ...request, decidedAt: decided, steps: [step('Manager'), step('Owner')] },
      { stageCount: 2, autoRuleName: null, ops: [] },
    );
    expect(events.map((e) => [e.title, e.actor, e.detail])).toEqual([
      ['Submitted', 'Alice', 'Month-end close'],
      ['Approved', 'Fiona', 'Manager · on behalf of Mark · ok'],
    ]);
  });
});
