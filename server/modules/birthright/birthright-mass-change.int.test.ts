import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApplication, createEntitlement, createIdentity } from '@/server/seed/factories.ts';
import { createTestContext, type TTestContext } from '@/server/testing/test-context.ts';
import { saveMassChangeSettings } from '@/server/modules/mass-change/index.ts';
import { previewBirthrightRule } from './preview-birthright-rule.ts';
import { saveBirthrightRule } from './save-birthright-rule.ts';

let t: TTestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(async () => {
  await t?.close();
});

describe('the mass-change guard on birthright rules', () => {
  it('holds a rule edit that takes access from more than the share of people until it is confirmed with a reason', async () => {
    const admin = await createIdentity(t.prisma, { firstName: 'Ida', portalRoles: ['IDENTITY_ADMIN'] });
    for (const firstName of ['Ana', 'Ben', 'Cai'])
      await createIdentity(t.prisma, { firstName, department: 'Treasury' });
    const app = await createApplication(t.prisma, {
      config: { url: 'ldap://127.0.0.1:1', bindDn: 'cn=x', baseDn: 'dc=x' },
    });
    const vault = await createEntitlement(t.prisma, app.id, { name: 'Vault' });
    const actor = await t.actor(admin.id);
    await saveMassChangeSettings(t.prisma, actor, { sharePercent: 10, minPeople: 3 });
    const population = await t.prisma.identity.count({ where: { status: { not: 'TERMINATED' } } });
    const draft = {
      name: 'Treasury vault',
      description: '',
      condition: {
        match: 'ALL' as const,
        clauses: [{ attribute: 'department' as const, op: 'equals' as const, values: ['Treasury'] }],
      },
      grants: [{ entitlementId: vault.id }],
      enabled: true,
    };
    // Creating it takes nothing from anyone: no confirmation.
    const { id } = await saveBirthrightRule(t.prisma, actor, { draft }, { queue: t.queue });

    const disabled = { ...draft, enabled: false };
    const preview = await previewBirthrightRule(t.prisma, { ruleId: id, draft: disabled });
    expect(preview.massChange).toEqual({
      affected: 3,
      population,
      percent: Math.round((3 / population) * 1000) / 10,
      isHeld: true,
    });
    await expect(
      saveBirthrightRule(t.prisma, actor, { ruleId: id, draft: disabled }, { queue: t.queue }),
    ).rejects.toMatchObject({
      code: 'MASS_CHANGE_UNCONFIRMED',
      message: `This would remove access from 3 of ${population} people (${preview.massChange.percent}%). Confirm to apply.`,
    });
    expect(await t.prisma.birthrightRule.findUniqueOrThrow({ where: { id } })).toMatchObject({
      enabled: true,
    });

    await saveBirthrightRule(
      t.prisma,
      actor,
      {
        ruleId: id,
        draft: disabled,
        confirmMassChange: { confirm: true, reason: 'Vault access moves to requests' },
      },
      { queue: t.queue },
    );
    expect(await t.prisma.birthrightRule.findUniqueOrThrow({ where: { id } })).toMatchObject({
      enabled: false,
    });
    expect(
      (
        await t.prisma.auditEvent.findFirstOrThrow({
          where: { action: 'birthright_rule.mass_change_confirmed', entityId: id },
        })
      ).after,
    ).toMatchObject({
      affected: 3,
      reason: 'Vault access moves to requests',
    });
  });
});
