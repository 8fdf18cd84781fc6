import { describe, expect, it } from 'vitest';
import { auditNames } from './audit-names.ts';
import { describeAuditEvent, type TStoredAuditEvent } from './describe-audit-event.ts';

const MARK = '00000000-0000-4000-8000-000000000003';
const ANA = '00000000-0000-4000-8000-000000000004';
const OLGA = '00000000-0000-4000-8000-000000000005';
const ITEM = '00000000-0000-4000-8000-000000000060';
const CAMPAIGN = '00000000-0000-4000-8000-000000000061';
const names = auditNames({ people: { [MARK]: 'Mark Oduya', [ANA]: 'Ana Diaz', [OLGA]: 'Olga Berg' } });
const context = { campaignId: CAMPAIGN, campaign: 'Ledger Q1', item: 'Ledger Post' };

const sentence = (e: Partial<TStoredAuditEvent> & Pick<TStoredAuditEvent, 'action'>) =>
  describeAuditEvent(
    {
      actorType: 'USER',
      actorId: MARK,
      entityType: 'ReviewItem',
      entityId: ITEM,
      subjectId: ANA,
      before: null,
      after: null,
      metadata: context,
      ...e,
    },
    names,
  ).sentence;

describe('access review sentences', () => {
  it.each<[string, Partial<TStoredAuditEvent> & Pick<TStoredAuditEvent, 'action'>, string]>([
    [
      'a revoke',
      {
        action: 'review.item_decided',
        after: { decision: 'REVOKE', status: 'REVOKED', stage: 1, comment: 'Left the project' },
      },
      'Mark Oduya revoked Ana Diaz’s Ledger Post in the access review “Ledger Q1”: “Left the project”',
    ],
    [
      'a keep handed on',
      {
        action: 'review.item_decided',
        after: { decision: 'KEEP', status: 'PENDING', stage: 1, comment: null, nextReviewerId: OLGA },
      },
      'Mark Oduya kept Ana Diaz’s Ledger Post in the access review “Ledger Q1”, passing it on to Olga Berg',
    ],
    [
      'the last keep',
      { action: 'review.item_decided', after: { decision: 'KEEP', status: 'KEPT', stage: 2, comment: null } },
      'Mark Oduya kept Ana Diaz’s Ledger Post in the access review “Ledger Q1” at stage 2',
    ],
    [
      'a reassignment',
      {
        action: 'review.item_decided',
        after: { decision: 'REASSIGN', status: 'PENDING', stage: 1, comment: null, reassignedToId: OLGA },
      },
      'Mark Oduya handed the review of Ana Diaz’s Ledger Post in the access review “Ledger Q1” to Olga Berg',
    ],
    [
      'the campaign deciding',
      {
        action: 'review.item_decided',
        actorType: 'SCHEDULER',
        actorId: null,
        after: { decision: 'REVOKE', status: 'REVOKED', stage: 1, comment: null },
        metadata: { ...context, automatic: true },
      },
      'Gatehouse (no decision by the due date) revoked Ana Diaz’s Ledger Post in the access review “Ledger Q1”',
    ],
    [
      'an escalation',
      {
        action: 'review.item_escalated',
        actorType: 'SCHEDULER',
        actorId: null,
        before: { reviewerId: MARK },
        after: { reviewerId: OLGA, stage: 1 },
      },
      'Nobody decided Ana Diaz’s Ledger Post in the access review “Ledger Q1” by the due date; it went to Olga Berg',
    ],
    [
      'an own item',
      { action: 'review.self_review_refused', actorId: ANA },
      'Ana Diaz was refused deciding Ana Diaz’s Ledger Post in the access review “Ledger Q1”: nobody reviews their own access',
    ],
    [
      'an item closed by its grant’s revocation elsewhere',
      {
        action: 'review.item_ended',
        actorType: 'SYSTEM',
        actorId: null,
        after: { status: 'ENDED' },
        metadata: {
          ...context,
          grantId: ITEM,
          grantStatus: 'REVOKED',
          endedById: MARK,
          reason: 'Access review “Ledger Q4”: revoked by Mark Oduya',
        },
      },
      'Ana Diaz’s Ledger Post in the access review “Ledger Q1” needed no decision: the access had already ended (removed by Mark Oduya: Access review “Ledger Q4”: revoked by Mark Oduya)',
    ],
    [
      'an item closed by its grant’s expiry',
      {
        action: 'review.item_ended',
        actorType: 'SYSTEM',
        actorId: null,
        after: { status: 'ENDED' },
        metadata: { ...context, grantId: ITEM, grantStatus: 'EXPIRED' },
      },
      'Ana Diaz’s Ledger Post in the access review “Ledger Q1” needed no decision: the access had already ended (it expired)',
    ],
    [
      'an item closed at the campaign’s close (a grant ended before the trigger)',
      { action: 'review.item_ended', after: { status: 'ENDED' } },
      'Ana Diaz’s Ledger Post in the access review “Ledger Q1” needed no decision: the access had already ended',
    ],
  ])('%s', (_name, e, expected) => {
    expect(sentence(e)).toBe(expected);
  });

  it('tells a campaign’s start and close in numbers', () => {
    expect(
      sentence({
        action: 'review.campaign_started',
        entityType: 'ReviewCampaign',
        entityId: CAMPAIGN,
        subjectId: null,
        metadata: {},
        after: { name: 'Ledger Q1', kind: 'CAMPAIGN', items: 120, fallback: 3 },
      }),
    ).toBe(
      'Mark Oduya started the access review “Ledger Q1” with 120 items to review (3 for the identity team: no other reviewer)',
    );
    expect(
      sentence({
        action: 'review.campaign_closed',
        entityType: 'ReviewCampaign',
        entityId: CAMPAIGN,
        subjectId: null,
        metadata: {},
        after: { name: 'Ledger Q1', status: 'CLOSED', kept: 100, revoked: 18, ended: 2, escalated: 0 },
      }),
    ).toBe('Mark Oduya closed the access review “Ledger Q1”: 100 kept, 18 revoked, 2 ended by other means');
  });
});
