import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { retireSodRule } from '@/server/modules/sod/index.ts';
import {
  createApplication,
  createEntitlement,
  createIdentity,
  createSodRule,
} from '@/server/seed/factories.ts';
import { createTestContext, type TTestContext } from '@/server/testing/test-context.ts';
import { listSodReportChoices, listSodViolationsReport } from './list-sod-violations-report.ts';

let t: TTestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(async () => {
  await t?.close();
});

/** The report promises violations "now and in the past": taking a rule away must not erase them. */
describe('the SoD report after a rule is taken away', () => {
  it('keeps a retired rule’s violations and controls, its open ones resolved at retirement, readable as of a past date', async () => {
    const admin = await createIdentity(t.prisma, { portalRoles: ['IDENTITY_ADMIN'] });
    const raj = await createIdentity(t.prisma, { displayName: 'Raj Patel' });
    const app = await createApplication(t.prisma);
    const [ap, ledger] = [
      await createEntitlement(t.prisma, app.id),
      await createEntitlement(t.prisma, app.id),
    ];
    const rule = await createSodRule(t.prisma, {
      name: 'Ledger and payables',
      severity: 'MITIGATABLE',
      sideA: [{ entitlementId: ap.id }],
      sideB: [{ entitlementId: ledger.id }],
    });
    const control = await t.prisma.sodMitigation.create({
      data: {
        ruleId: rule.id,
        identityId: raj.id,
        control: 'Weekly journal review',
        createdAt: new Date('2026-03-01T09:00:00Z'),
        expiresAt: new Date('2099-01-01T00:00:00Z'),
      },
    });
    const violation = await t.prisma.sodViolation.create({
      data: {
        ruleId: rule.id,
        identityId: raj.id,
        details: { status: 'MITIGATED', explanation: 'Raj holds both sides' },
        mitigationId: control.id,
        detectedAt: new Date('2026-03-01T09:00:00Z'),
      },
    });
    const unused = await createSodRule(t.prisma, {
      sideA: [{ entitlementId: ap.id }],
      sideB: [{ entitlementId: ledger.id }],
    });

    const retiredAt = new Date('2026-04-01T12:00:00Z');
    expect(await retireSodRule(t.prisma, await t.actor(admin.id), rule.id, retiredAt)).toEqual({
      outcome: 'retired',
      resolved: 1,
    });
    // A rule nobody ever broke has no history to keep.
    expect(await retireSodRule(t.prisma, await t.actor(admin.id), unused.id)).toMatchObject({
      outcome: 'deleted',
    });
    expect(await t.prisma.sodRule.count({ where: { id: unused.id } })).toBe(0);

    expect(await t.prisma.sodRule.findUniqueOrThrow({ where: { id: rule.id } })).toMatchObject({
      enabled: false,
      retiredAt,
    });
    expect(await t.prisma.sodMitigation.findUniqueOrThrow({ where: { id: control.id } })).toMatchObject({
      revokedAt: retiredAt,
    });
    // As of a day in March the violation was open, under its control; it is listed with both.
    const march = await listSodViolationsReport(
      t.prisma,
      { rule: rule.id, from: '2026-03-15', to: '2026-03-15', limit: 10 },
      { now: new Date('2026-05-01T00:00:00Z') },
    );
    expect(march.items).toHaveLength(1);
    expect(march.items[0]).toMatchObject({
      id: violation.id,
      resolvedAt: retiredAt,
      rule: { id: rule.id, name: 'Ledger and payables' },
    });
    expect(JSON.stringify(march.items[0])).toContain('Weekly journal review');
    expect((await listSodReportChoices(t.prisma)).rules).toContainEqual({
      id: rule.id,
      name: 'Ledger and payables (retired)',
    });
    // The database keeps it so: a rule with history cannot be deleted, nor its violations.
    await expect(t.prisma.sodRule.delete({ where: { id: rule.id } })).rejects.toThrow();
    await expect(t.prisma.sodViolation.delete({ where: { id: violation.id } })).rejects.toThrow();
  });
});
