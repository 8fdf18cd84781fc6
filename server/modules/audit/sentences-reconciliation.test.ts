import { describe, expect, it } from 'vitest';
import { auditNames } from './audit-names.ts';
import { describeAuditEvent, type TStoredAuditEvent } from './describe-audit-event.ts';

const IVY = '00000000-0000-4000-8000-000000000001';
const BOB = '00000000-0000-4000-8000-000000000002';
const FINDING = '00000000-0000-4000-8000-000000000060';
const RUN = '00000000-0000-4000-8000-000000000061';
const names = auditNames({ people: { [IVY]: 'Ivy Chen', [BOB]: 'Bob Schmidt' }, entities: {} });
const context = {
  kind: 'UNMANAGED_ENTITLEMENT',
  application: 'Corporate Directory',
  entitlement: 'Payments Admins',
  account: 'bob',
};

const sentence = (e: Partial<TStoredAuditEvent> & Pick<TStoredAuditEvent, 'action'>) =>
  describeAuditEvent(
    {
      actorType: 'USER',
      actorId: IVY,
      subjectId: BOB,
      entityType: 'ReconciliationFinding',
      entityId: FINDING,
      before: null,
      after: null,
      metadata: context,
      ...e,
    },
    names,
  ).sentence;

describe('reconciliation decisions in words', () => {
  it.each([
    [
      { status: 'IN_PROGRESS', decision: 'REVERT', reason: null, operationId: null },
      'Ivy Chen had Gatehouse put back a membership the portal never granted (Payments Admins) in Corporate Directory for Bob Schmidt',
    ],
    [
      { status: 'RESOLVED', decision: 'ADOPT', reason: 'Runs the payment batch', grantId: null },
      'Ivy Chen adopted a membership the portal never granted (Payments Admins) in Corporate Directory as a grant for Bob Schmidt: “Runs the payment batch”',
    ],
    [
      { status: 'IN_PROGRESS', decision: 'ADOPT', reason: 'Known need' },
      'Ivy Chen asked to adopt a membership the portal never granted (Payments Admins) in Corporate Directory as a grant for Bob Schmidt, pending the owner’s approval: “Known need”',
    ],
    [
      {
        status: 'EXCEPTION',
        decision: 'EXCEPTION',
        reason: 'Audit project',
        exceptionUntil: '2026-12-31T00:00:00.000Z',
      },
      'Ivy Chen accepted a membership the portal never granted (Payments Admins) in Corporate Directory for Bob Schmidt as an exception until 31 Dec 2026: “Audit project”',
    ],
  ])('%o', (after, expected) => {
    expect(sentence({ action: 'reconciliation.finding_decided', before: { status: 'OPEN' }, after })).toBe(
      expected,
    );
  });

  it('a held run says why, and an expired exception says the finding is back', () => {
    expect(
      describeAuditEvent(
        {
          action: 'reconciliation.run_held',
          actorType: 'RECONCILIATION',
          actorId: null,
          subjectId: null,
          entityType: 'ReconciliationRun',
          entityId: RUN,
          before: null,
          after: {
            status: 'HELD',
            heldReason: 'would revert 340 memberships on 212 of 1,000 accounts (21%); the guard allows 10%',
          },
          metadata: { application: 'Corporate Directory', reverts: 340, accounts: 212, total: 1000 },
        },
        names,
      ).sentence,
    ).toBe(
      'Gatehouse held a reconciliation run of Corporate Directory for confirmation: it would revert 340 memberships on 212 of 1,000 accounts (21%); the guard allows 10%',
    );
    expect(
      sentence({
        action: 'reconciliation.exception_expired',
        actorType: 'SCHEDULER',
        actorId: null,
        before: { status: 'EXCEPTION', exceptionUntil: '2027-01-01T00:00:00.000Z' },
        after: { status: 'OPEN' },
      }),
    ).toBe(
      'The exception for a membership the portal never granted (Payments Admins) in Corporate Directory for Bob Schmidt expired; the finding is open again',
    );
  });
});
