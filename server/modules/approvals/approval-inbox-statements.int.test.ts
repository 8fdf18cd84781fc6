import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createApplication,
  createEntitlement,
  createGrant,
  createIdentity,
  createSodRule,
} from '@/server/seed/factories.ts';
import { createCountingContext, type TCountingContext } from '@/server/testing/count-statements.ts';
import { createAccessRequest } from '@/server/modules/requests/index.ts';
import { listApprovalInbox } from './list-my-approvals.ts';

let t: TCountingContext;
beforeAll(async () => {
  t = await createCountingContext();
});
afterAll(async () => {
  await t?.close();
});

/**
 * A manager with `size` reports, each holding Payments and asking for Vendors, which a mitigatable
 * rule keeps apart; every other report has a mitigation in force. Each pending step needs its own
 * SoD check, which is where the inbox used to spend one round trip set per step. The rule and the
 * holdings arrive after the requests were submitted (the inbox checks again, as of now).
 */
async function inboxOf(size: number) {
  const manager = await createIdentity(t.prisma, { firstName: 'Mia', lastName: `Manager${size}` });
  const app = await createApplication(t.prisma, { name: `Ledger ${size}` });
  const payments = await createEntitlement(t.prisma, app.id, { name: `Payments ${size}`, risk: 'LOW' });
  const vendors = await createEntitlement(t.prisma, app.id, { name: `Vendors ${size}`, risk: 'LOW' });
  const reports = [];
  for (let i = 0; i < size; i += 1) {
    const report = await createIdentity(t.prisma, {
      firstName: `Rep${i}`,
      lastName: `Team${size}`,
      managerId: manager.id,
    });
    await createAccessRequest(
      t.prisma,
      await t.actor(report.id),
      { entitlementId: vendors.id, justification: 'Vendor set-up' },
      { queue: t.queue, now: new Date() },
    );
    reports.push(report);
  }
  const rule = await createSodRule(t.prisma, {
    sideA: [{ entitlementId: payments.id }],
    sideB: [{ entitlementId: vendors.id }],
    severity: 'MITIGATABLE',
  });
  for (const [i, report] of reports.entries()) {
    await createGrant(t.prisma, { identityId: report.id, entitlementId: payments.id });
    if (i % 2 === 1) {
      await t.prisma.sodMitigation.create({
        data: {
          ruleId: rule.id,
          identityId: report.id,
          control: 'Dual sign-off',
          expiresAt: new Date(Date.now() + 86_400_000),
          createdById: manager.id,
        },
      });
    }
  }
  return t.actor(manager.id);
}

describe('the approval inbox in round trips', () => {
  it('checks segregation of duties for a whole page at once: 2 pending steps and 20 cost the same statements', async () => {
    const small = await inboxOf(2);
    const large = await inboxOf(20);
    const list = (actor: Awaited<ReturnType<typeof inboxOf>>) =>
      t.counter.count((db) => listApprovalInbox(db, actor, { status: 'PENDING', limit: 100 }));
    const two = await list(small);
    const twenty = await list(large);
    expect(two.result.items).toHaveLength(2);
    expect(twenty.result.items).toHaveLength(20);
    // The conflicts are still each step's own: unmitigated for the even reports, mitigated for the odd.
    const statuses = twenty.result.items.map((s) => s.request.sod.map((c) => c.status).join()).sort();
    expect(statuses).toEqual([
      ...Array<string>(10).fill('MITIGATED'),
      ...Array<string>(10).fill('NEEDS_MITIGATION'),
    ]);
    expect(
      twenty.result.items.every((s) => s.request.sod.every((c) => c.explanation.includes('Payments 20'))),
    ).toBe(true);
    expect(two.statements).toBeGreaterThan(0);
    expect(twenty.statements).toBe(two.statements);
  });
});
