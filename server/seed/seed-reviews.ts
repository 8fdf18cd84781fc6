import type { Prisma } from '@/server/db/client.ts';
import { snapshotItems } from '@/server/modules/reviews/index.ts';
import { createReviewCampaign, createReviewItem } from './review-factories.ts';

const DAY_MS = 86_400_000;

/*
 * Acme's access reviews, so the pages show something real: Q3's finance review, closed, where Mark
 * kept Raj's Accounts Payable, revoked Lena's General Ledger Admin and left her Payroll undecided
 * (kept at the due date); and Q4's, active, with three items in Mark's queue. Lena is in no e2e
 * spec; Raj's Accounts Payable grant is the one his seeded request made.
 */
export async function seedReviews(
  tx: Prisma.TransactionClient,
  people: ReadonlyMap<string, string>,
  groups: ReadonlyMap<string, string>,
  now: Date,
): Promise<void> {
  const id = (map: ReadonlyMap<string, string>, key: string) => {
    const value = map.get(key);
    if (!value) throw new Error(`seed: unknown ${key}`);
    return value;
  };
  const ago = (days: number) => new Date(now.getTime() - days * DAY_MS);
  const [mark, raj, lena, ivy] = ['mark', 'raj', 'lena', 'ivy'].map((u) => id(people, u)) as [
    string,
    string,
    string,
    string,
  ];
  const grant = (identityId: string, cn: string, startsAt: Date) =>
    tx.grant.create({
      data: { identityId, entitlementId: id(groups, cn), source: 'ADMIN', grantedById: ivy, startsAt },
      select: { id: true, identityId: true, entitlementId: true, roleId: true },
    });
  const rajPayables = await tx.grant.findFirstOrThrow({
    where: { identityId: raj, entitlementId: id(groups, 'accounts-payable') },
    select: { id: true, identityId: true, entitlementId: true, roleId: true },
  });
  const lenaPayroll = await grant(lena, 'payroll', ago(200));
  const lenaPayables = await grant(lena, 'accounts-payable', ago(40));
  const lenaLedger = await grant(lena, 'general-ledger-admin', ago(150));
  await tx.grant.update({
    where: { id: lenaLedger.id },
    data: {
      status: 'REVOKED',
      revokedAt: ago(75),
      endedAt: ago(75),
      revokedById: mark,
      revokeReason: 'Access review: Q3 Finance access review',
    },
  });

  const scope = {
    entitlementIds: ['accounts-payable', 'payroll', 'general-ledger-admin'].map((cn) => id(groups, cn)),
  };
  const q3 = await createReviewCampaign(tx, {
    name: 'Q3 Finance access review',
    status: 'CLOSED',
    scope,
    startsAt: ago(90),
    dueAt: ago(60),
    closedAt: ago(60),
    createdById: ivy,
    stages: [{ reviewerKind: 'MANAGER' }],
  });
  await createReviewItem(tx, {
    campaign: q3,
    grant: rajPayables,
    reviewerId: mark,
    status: 'KEPT',
    decisions: [
      { decision: 'KEEP', at: ago(80), deciderId: mark, comment: 'Raj enters supplier invoices every day.' },
    ],
  });
  await createReviewItem(tx, {
    campaign: q3,
    grant: lenaLedger,
    reviewerId: mark,
    status: 'REVOKED',
    revokedAt: ago(75),
    decisions: [
      {
        decision: 'REVOKE',
        at: ago(75),
        deciderId: mark,
        comment: 'Lena no longer closes the ledger since payroll moved to her.',
      },
    ],
  });
  await createReviewItem(tx, {
    campaign: q3,
    grant: lenaPayroll,
    reviewerId: mark,
    status: 'KEPT',
    decisions: [{ decision: 'KEEP', at: ago(60), deciderId: null }],
  });

  const q4 = await createReviewCampaign(tx, {
    name: 'Q4 Finance access review',
    status: 'ACTIVE',
    scope,
    startsAt: ago(5),
    dueAt: new Date(now.getTime() + 25 * DAY_MS),
    createdById: ivy,
    stages: [{ reviewerKind: 'MANAGER' }],
  });
  // Mark reads what a started campaign shows beside each item: why it is held, peers, SoD, advice.
  const q4Grants = [rajPayables, lenaPayroll, lenaPayables];
  const snapshots = await snapshotItems(tx, q4Grants, now);
  for (const g of q4Grants) {
    const snap = snapshots.get(g.id);
    await createReviewItem(tx, {
      campaign: q4,
      grant: g,
      reviewerId: mark,
      context: snap ? ({ ...snap.context, fallback: null } as Prisma.InputJsonValue) : undefined,
      recommendation: snap?.recommendation ?? null,
    });
  }
}
