import { describe, expect, it } from 'vitest';
import type { RequestStatus } from '@/prisma/generated/enums.ts';
import { cancelRefusal } from './cancel-rule.ts';

const mark = { identityId: 'mark' };

describe('who may cancel a request', () => {
  it.each([
    ['mark', 'PENDING', null],
    ['mark', 'APPROVED', 'REQUEST_NOT_PENDING'],
    ['mark', 'DENIED', 'REQUEST_NOT_PENDING'],
    ['mark', 'CANCELLED', 'REQUEST_NOT_PENDING'],
    ['mark', 'EXPIRED', 'REQUEST_NOT_PENDING'],
    // Alice, for whom Mark asked, did not ask: she may not withdraw it, pending or not.
    ['alice', 'PENDING', 'FORBIDDEN'],
    ['alice', 'APPROVED', 'FORBIDDEN'],
  ] as const)('asked by %s, %s: %s', (requesterId, status: RequestStatus, code) => {
    expect(cancelRefusal(mark, { requesterId, status })?.code ?? null).toBe(code);
  });

  it('says what the request already is', () => {
    expect(cancelRefusal(mark, { requesterId: 'mark', status: 'APPROVED' })?.message).toBe(
      'This request is already approved',
    );
  });
});
