import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createApplication,
  createEntitlement,
  createGrant,
  createIdentity,
  createRole,
  createSodRule,
} from '@/server/seed/factories.ts';
import { createCountingContext, type TCountingContext } from '@/server/testing/count-statements.ts';
import { checkSod } from './check-sod.ts';

let t: TCountingContext;
beforeAll(async () => {
  t = await createCountingContext();
});
afterAll(async () => {
  await t?.close();
});

const DAY = 86_400_000;

/**
 * A check that asks for something (a submission's, an approval's) reads its grants and its rules'
 * items side by side, and the words of its answer (mitigations in force, the names its explanations
 * use) with the items: a conflict costs no round trip more than no conflict (issue 5, within 2x of the
 * raw lookup; docs/decisions/099, "Words with the items"). It was four statements with a conflict.
 */
const CHECK_STATEMENTS = 2;

describe('a check that asks for something, in round trips', () => {
  it('answers a mitigated conflict through a role, with its words, in the statements of no conflict', async () => {
    const app = await createApplication(t.prisma, { name: 'Ledger' });
    const payments = await createEntitlement(t.prisma, app.id, { name: 'Payments release' });
    const vendors = await createEntitlement(t.prisma, app.id, { name: 'Vendor master' });
    const unruled = await createEntitlement(t.prisma, app.id, { name: 'Ledger read' });
    const clerk = await createRole(t.prisma, { entitlementIds: [vendors.id], name: 'AP clerk' });
    const rule = await createSodRule(t.prisma, {
      sideA: [{ entitlementId: payments.id }],
      sideB: [{ entitlementId: vendors.id }],
      severity: 'MITIGATABLE',
    });
    const ann = await createIdentity(t.prisma, { firstName: 'Ann' });
    await createGrant(t.prisma, { identityId: ann.id, roleId: clerk.id });
    const now = new Date();
    // In force; expired; revoked though it would last longest (the latest in force is the one shown).
    await t.prisma.sodMitigation.createMany({
      data: [
        {
          ruleId: rule.id,
          identityId: ann.id,
          control: 'Monthly review',
          expiresAt: new Date(now.getTime() + 10 * DAY),
        },
        {
          ruleId: rule.id,
          identityId: ann.id,
          control: 'Expired review',
          expiresAt: new Date(now.getTime() - DAY),
        },
        {
          ruleId: rule.id,
          identityId: ann.id,
          control: 'Revoked review',
          expiresAt: new Date(now.getTime() + 20 * DAY),
          revokedAt: now,
        },
      ],
    });

    const quiet = await t.counter.count((db) =>
      checkSod(db, ann.id, [{ kind: 'ENTITLEMENT', id: unruled.id }], { now }),
    );
    expect(quiet.result.summary.conflicts).toEqual([]);
    expect(quiet.statements).toBe(CHECK_STATEMENTS);

    const conflicting = await t.counter.count((db) =>
      checkSod(db, ann.id, [{ kind: 'ENTITLEMENT', id: payments.id }], { now }),
    );
    expect(conflicting.statements).toBe(CHECK_STATEMENTS);
    const [conflict, ...others] = conflicting.result.summary.conflicts;
    expect(others).toEqual([]);
    expect(conflict).toMatchObject({
      ruleId: rule.id,
      status: 'MITIGATED',
      isNew: true,
      mitigation: { control: 'Monthly review' },
    });
    expect(conflict!.explanation).toContain('Payments release');
    expect(conflict!.explanation).toContain('Vendor master');
    expect(conflict!.explanation).toContain('via role AP clerk');
    expect(conflict!.explanation).toContain('Monthly review');
  });
});
