import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recomputeBirthright } from './recompute-birthright.ts';
import { systemActor } from '@/server/auth/actor.ts';
import { createApplication, createEntitlement, createIdentity } from '@/server/seed/factories.ts';
import { createTestContext, type TTestContext } from '@/server/testing/test-context.ts';
import { applyBirthrightRule } from './apply-birthright-rule.ts';
import { previewBirthrightRule } from './preview-birthright-rule.ts';
import { saveBirthrightRule } from './save-birthright-rule.ts';

let t: TTestContext;
let ivy: Awaited<ReturnType<TTestContext['actor']>>;
let payroll: string;
let reports: string;
let people: Record<string, string>;

beforeAll(async () => {
  t = await createTestContext();
  const app = await createApplication(t.prisma, {
    config: { url: 'ldap://127.0.0.1:1', bindDn: 'cn=x', baseDn: 'dc=x' },
  });
  payroll = (await createEntitlement(t.prisma, app.id, { name: 'Payroll' })).id;
  reports = (await createEntitlement(t.prisma, app.id, { name: 'Finance Reporting' })).id;
  ivy = await t.actor(
    (await createIdentity(t.prisma, { portalRoles: ['IDENTITY_ADMIN'], department: 'Engineering' })).id,
  );
  people = {
    lena: (
      await createIdentity(t.prisma, {
        displayName: 'Lena Payroll',
        department: 'Finance',
        title: 'Payroll Specialist',
      })
    ).id,
    kofi: (
      await createIdentity(t.prisma, {
        displayName: 'Kofi Contractor',
        department: 'Finance',
        title: 'Payroll Contractor',
        employmentType: 'CONTRACTOR',
      })
    ).id,
    alice: (
      await createIdentity(t.prisma, {
        displayName: 'Alice Analyst',
        department: 'Finance',
        title: 'Analyst',
      })
    ).id,
    bob: (
      await createIdentity(t.prisma, {
        displayName: 'Bob Engineer',
        department: 'Engineering',
        title: 'Engineer',
      })
    ).id,
    gone: (
      await createIdentity(t.prisma, {
        displayName: 'Gone Person',
        department: 'Finance',
        title: 'Payroll Clerk',
        status: 'TERMINATED',
      })
    ).id,
  };
});
afterAll(async () => {
  await t?.close();
});

const financeRule = {
  name: 'Finance department',
  description: '',
  condition: {
    match: 'ALL' as const,
    clauses: [{ attribute: 'department' as const, op: 'equals' as const, values: ['Finance'] }],
  },
  grants: [{ entitlementId: '' }],
  enabled: true,
};
const holders = async (entitlementId: string) =>
  (
    await t.prisma.grant.findMany({
      where: { entitlementId, status: 'ACTIVE' },
      select: { identityId: true },
    })
  )
    .map((g) => g.identityId)
    .sort();

describe('birthright rules with what-if', () => {
  it('previews a new rule, saves it, and its job grants and plans in batches', async () => {
    const draft = { ...financeRule, grants: [{ entitlementId: reports }] };
    const preview = await previewBirthrightRule(t.prisma, { draft });
    expect(preview).toMatchObject({ matchingBefore: 0, matchingAfter: 3, losses: [] });
    expect(preview.gains).toMatchObject([{ name: 'Finance Reporting', count: 3, unaffected: 0 }]);
    expect(preview.gains[0]!.people.map((p) => p.displayName).sort()).toEqual([
      'Alice Analyst',
      'Kofi Contractor',
      'Lena Payroll',
    ]);

    const { id } = await saveBirthrightRule(t.prisma, ivy, { draft }, { queue: t.queue });
    expect(await holders(reports)).toEqual([]);
    const applied = await applyBirthrightRule(t.prisma, { ruleId: id }, { queue: t.queue });
    expect(applied).toMatchObject({ people: 3, changed: 3 });
    expect(await holders(reports)).toEqual([people.alice, people.kofi, people.lena].sort());
    expect(
      await t.prisma.provisioningOperation.count({
        where: { causeRef: `birthright-rule:${id}`, kind: 'ADD_ENTITLEMENT' },
      }),
    ).toBe(3);
  });

  it('payroll people get Payroll, contractors do not; narrowing the rule shows who loses it, except those who hold it another way', async () => {
    const draft = {
      name: 'Payroll team (employees only)',
      description: 'Payroll staff get Payroll; contractors never do.',
      condition: {
        match: 'ALL' as const,
        clauses: [{ attribute: 'title' as const, op: 'startsWith' as const, values: ['Payroll'] }],
      },
      grants: [{ entitlementId: payroll }],
      enabled: true,
    };
    const { id } = await saveBirthrightRule(t.prisma, ivy, { draft }, { queue: t.queue });
    await applyBirthrightRule(t.prisma, { ruleId: id }, { queue: t.queue });
    expect(await holders(payroll)).toEqual([people.kofi, people.lena].sort());
    // Lena also asked for it and was approved: she keeps it whatever the rule says.
    await t.prisma.grant.create({
      data: { identityId: people.lena!, entitlementId: payroll, source: 'REQUEST', sourceRef: 'req-1' },
    });

    const narrower = {
      ...draft,
      condition: {
        match: 'ALL' as const,
        clauses: [
          ...draft.condition.clauses,
          { attribute: 'employmentType' as const, op: 'notEquals' as const, values: ['CONTRACTOR'] },
        ],
      },
    };
    expect(await previewBirthrightRule(t.prisma, { ruleId: id, draft: narrower })).toMatchObject({
      matchingBefore: 2,
      matchingAfter: 1,
      gains: [],
      losses: [{ name: 'Payroll', count: 1, unaffected: 0, people: [{ displayName: 'Kofi Contractor' }] }],
    });
    const disabled = await previewBirthrightRule(t.prisma, {
      ruleId: id,
      draft: { ...narrower, enabled: false },
    });
    expect(disabled.losses).toMatchObject([
      { name: 'Payroll', count: 1, unaffected: 1, people: [{ displayName: 'Kofi Contractor' }] },
    ]);

    await saveBirthrightRule(t.prisma, ivy, { ruleId: id, draft: narrower }, { queue: t.queue });
    await applyBirthrightRule(t.prisma, { ruleId: id }, { queue: t.queue });
    expect(
      await t.prisma.grant.count({
        where: { identityId: people.kofi, entitlementId: payroll, status: 'ACTIVE' },
      }),
    ).toBe(0);
    expect(
      await t.prisma.grant.count({
        where: { identityId: people.lena, entitlementId: payroll, status: 'ACTIVE' },
      }),
    ).toBe(2);
  });

  it('refuses a rule that grants nothing real', async () => {
    await expect(
      saveBirthrightRule(
        t.prisma,
        ivy,
        { draft: { ...financeRule, grants: [{ entitlementId: crypto.randomUUID() }] } },
        { queue: t.queue },
      ),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    // A leaver matches nothing, whatever the rules say.
    expect(await recomputeBirthright(t.prisma as never, [people.gone!], systemActor('SCHEDULER'))).toEqual(
      [],
    );
  });
});
