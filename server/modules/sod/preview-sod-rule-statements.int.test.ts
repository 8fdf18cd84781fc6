import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createApplication,
  createEntitlement,
  createGrant,
  createIdentity,
  createRole,
} from '@/server/seed/factories.ts';
import { createCountingContext, type TCountingContext } from '@/server/testing/count-statements.ts';
import { previewSodRule } from './preview-sod-rule.ts';

let t: TCountingContext;
beforeAll(async () => {
  t = await createCountingContext();
});
afterAll(async () => {
  await t?.close();
});

/** `size` people holding Reports through a role and Payroll directly: each violates the rule previewed. */
async function violators(size: number) {
  const app = await createApplication(t.prisma, { name: `Ledger ${size}` });
  const reports = await createEntitlement(t.prisma, app.id, { name: `Reports ${size}` });
  const payroll = await createEntitlement(t.prisma, app.id, { name: `Payroll ${size}` });
  const role = await createRole(t.prisma, { entitlementIds: [reports.id], name: `Finance Ops ${size}` });
  for (let i = 0; i < size; i += 1) {
    const person = await createIdentity(t.prisma, {
      firstName: `Cand${String(i).padStart(2, '0')}`,
      lastName: `Set${size}`,
    });
    await createGrant(t.prisma, { identityId: person.id, roleId: role.id });
    await createGrant(t.prisma, { identityId: person.id, entitlementId: payroll.id });
  }
  const input = {
    name: `Reports and payroll ${size}`,
    description: '',
    severity: 'MITIGATABLE' as const,
    enabled: true,
    sideA: [{ kind: 'ENTITLEMENT' as const, id: reports.id }],
    sideB: [{ kind: 'ENTITLEMENT' as const, id: payroll.id }],
  };
  return t.counter.count((db) => previewSodRule(db, input));
}

describe('the SoD rule preview in round trips', () => {
  it('evaluates every candidate in the same statements: 2 and 20 violators cost the same', async () => {
    const two = await violators(2);
    const twenty = await violators(20);
    expect(twenty.result.count).toBe(20);
    expect(twenty.result.violators.map((v) => v.person.displayName)).toEqual(
      [...twenty.result.violators.map((v) => v.person.displayName)].sort(),
    );
    for (const v of twenty.result.violators) {
      expect(v.status).toBe('NEEDS_MITIGATION');
      expect(v.explanation).toContain(
        'Reports 20 (granted by the identity team via role Finance Ops 20) conflicts with Payroll 20',
      );
    }
    expect(two.statements).toBeGreaterThan(0);
    expect(twenty.statements).toBe(two.statements);
  });
});
