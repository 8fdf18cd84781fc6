import { describe, expect, it } from 'vitest';
import { summariseProvisioning } from './request-timeline.ts';

const op = (status: string, extra: object = {}) =>
  ({ kind: 'ADD_ENTITLEMENT', status, lastError: null, attempts: 0, createdAt: new Date(), finishedAt: null, entitlementName: 'G', applicationName: 'Dir', ...extra }) as never;

describe('summariseProvisioning', () => {
  it.each([
    ['nothing planned', [], 'none'],
    ['queued', [op('PENDING')], 'provisioning'],
    ['running', [op('SUCCEEDED'), op('RUNNING')], 'provisioning'],
    ['a retry with its reason', [op('RETRYING', { lastError: 'connectionFailed', attempts: 1 })], 'retrying'],
    ['waiting for a retry after a failed attempt', [op('PENDING', { attempts: 2, lastError: 'x' })], 'retrying'],
    ['all done', [op('SUCCEEDED'), op('NOOP')], 'provisioned'],
    ['a failure wins', [op('SUCCEEDED'), op('FAILED', { lastError: 'invalidAttribute' })], 'failed'],
  ])('%s', (_n, ops, state) => {
    expect(summariseProvisioning(ops).state).toBe(state);
  });

  it('carries the reason of a failure', () => {
    expect(summariseProvisioning([op('FAILED', { lastError: 'notFound: group gone' })]).reason).toBe('notFound: group gone');
  });
});
