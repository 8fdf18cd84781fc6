import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '@/server/auth/actor.ts';
import {
  createApplication,
  createEntitlement,
  createGrant,
  createIdentity,
  createRole,
  createSodRule,
} from '@/server/seed/factories.ts';
import { createTestContext, type TTestContext } from '@/server/testing/test-context.ts';
import { saveMassChangeSettings } from '@/server/modules/mass-change/index.ts';
import { holdAddsForSod } from '@/server/modules/sod/index.ts';
import { planAccess } from '@/server/modules/provisioning/index.ts';
import { previewRoleChange } from './preview-role-change.ts';
import { saveRole } from './save-role.ts';

let t: TTestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(async () => {
  await t?.close();
});

async function org() {
  const admin = await createIdentity(t.prisma, { firstName: 'Ida', portalRoles: ['IDENTITY_ADMIN'] });
  const [ana, ben, cai] = [
    await createIdentity(t.prisma, { firstName: 'Ana' }),
    await createIdentity(t.prisma, { firstName: 'Ben' }),
    await createIdentity(t.prisma, { firstName: 'Cai' }),
  ];
  const app = await createApplication(t.prisma, {
    config: { url: 'ldap://127.0.0.1:1', bindDn: 'cn=x', baseDn: 'dc=x' },
  });
  const [ledger, invoices, approve, pay] = [
    await createEntitlement(t.prisma, app.id, { name: 'Ledger' }),
    await createEntitlement(t.prisma, app.id, { name: 'Invoices' }),
    await createEntitlement(t.prisma, app.id, { name: 'Approve payments' }),
    await createEntitlement(t.prisma, app.id, { name: 'Release payments' }),
  ];
  const role = await createRole(t.prisma, {
    name: 'Finance clerk',
    entitlementIds: [ledger.id, invoices.id],
  });
  // Three holders, each through a different kind of grant.
  await createGrant(t.prisma, { identityId: ana.id, roleId: role.id, source: 'REQUEST' });
  await createGrant(t.prisma, { identityId: ben.id, roleId: role.id, source: 'ADMIN' });
  await createGrant(t.prisma, { identityId: cai.id, roleId: role.id, source: 'BIRTHRIGHT' });
  const input = (entitlementIds: string[]) => ({
    id: role.id,
    key: role.key,
    name: role.name,
    description: '',
    ownerId: null,
    risk: 'MEDIUM' as const,
    requestable: true,
    maxDurationDays: null,
    entitlementIds,
  });
  return { admin, ana, ben, cai, app, ledger, invoices, approve, pay, role, input };
}

const contentsOf = async (roleId: string) =>
  (await t.prisma.roleEntitlement.findMany({ where: { roleId }, select: { entitlementId: true } }))
    .map((r) => r.entitlementId)
    .sort();
const replanJobs = (identityId: string) =>
  t.prisma.$queryRaw<
    Array<{ id: string }>
  >`SELECT id::text FROM pgboss.job WHERE name = 'access.replan' AND data->'identityIds' ? ${identityId}`;

describe('editing a role', () => {
  it('previews who gains and who loses which entitlement, leaving out those who hold it another way', async () => {
    const { ana, ben, cai, ledger, invoices, approve, role } = await org();
    await createGrant(t.prisma, { identityId: ben.id, entitlementId: approve.id, source: 'REQUEST' });
    await createGrant(t.prisma, { identityId: cai.id, entitlementId: invoices.id, source: 'ADMIN' });

    const preview = await previewRoleChange(t.prisma, {
      roleId: role.id,
      entitlementIds: [ledger.id, approve.id],
    });
    expect(preview.holders).toBe(3);
    expect(
      preview.gains.map((g) => [g.name, g.count, g.unaffected, g.people.map((p) => p.id).sort()]),
    ).toEqual([['Approve payments', 2, 1, [ana.id, cai.id].sort()]]);
    expect(
      preview.losses.map((g) => [g.name, g.count, g.unaffected, g.people.map((p) => p.id).sort()]),
    ).toEqual([['Invoices', 2, 1, [ana.id, ben.id].sort()]]);
    expect(preview.peopleLosing).toBe(2);
    expect(preview.conflicts).toEqual([]);
    // A preview writes nothing.
    expect(await contentsOf(role.id)).toEqual([ledger.id, invoices.id].sort());
  });

  it('names the holders an addition would put in an SoD conflict, and refuses the save, changing nothing', async () => {
    const { admin, ana, ben, cai, ledger, invoices, approve, pay, role, input } = await org();
    const rule = await createSodRule(t.prisma, {
      name: 'Approve or release',
      severity: 'BLOCK',
      sideA: [{ entitlementId: approve.id }],
      sideB: [{ entitlementId: pay.id }],
    });
    await createGrant(t.prisma, { identityId: ana.id, entitlementId: pay.id, source: 'REQUEST' });
    // Ben already violates the rule: that is the detective scan's finding, not this change's doing.
    await createGrant(t.prisma, { identityId: ben.id, entitlementId: pay.id, source: 'REQUEST' });
    await createGrant(t.prisma, { identityId: ben.id, entitlementId: approve.id, source: 'REQUEST' });

    const preview = await previewRoleChange(t.prisma, {
      roleId: role.id,
      entitlementIds: [ledger.id, invoices.id, approve.id],
    });
    expect(preview.conflicts).toHaveLength(1);
    expect(preview.conflicts[0]).toMatchObject({
      ruleId: rule.id,
      ruleName: 'Approve or release',
      severity: 'BLOCK',
      sideA: ['Approve payments'],
      sideB: ['Release payments'],
    });
    expect(preview.conflicts[0]!.people.map((p) => p.id)).toEqual([ana.id]);
    expect(preview.conflicts[0]!.people[0]!.explanation).toBe(
      'Approve payments (granted on request via role Finance clerk) conflicts with Release payments (granted on request) under the rule “Approve or release”. Nobody may hold both: the rule blocks it.',
    );

    const auditBefore = await t.prisma.auditEvent.count({ where: { entityId: role.id } });
    await expect(
      saveRole(t.prisma, await t.actor(admin.id), input([ledger.id, invoices.id, approve.id]), {
        queue: t.queue,
      }),
    ).rejects.toMatchObject({
      code: 'SOD_CONFLICT',
      message: expect.stringContaining(`${ana.displayName} under the rule “Approve or release”`),
    });
    expect(await contentsOf(role.id)).toEqual([ledger.id, invoices.id].sort());
    expect(await t.prisma.auditEvent.count({ where: { entityId: role.id } })).toBe(auditBefore);
    expect(await replanJobs(cai.id)).toEqual([]);

    // A role whose new contents hold both sides puts every holder in conflict.
    const both = await previewRoleChange(t.prisma, {
      roleId: role.id,
      entitlementIds: [ledger.id, approve.id, pay.id],
    });
    expect(both.conflicts[0]!.people.map((p) => p.id).sort()).toEqual([ana.id, cai.id].sort());
  });

  it('leaves out a conflict a mitigating control allows, and saves a change without conflicts', async () => {
    const { admin, ana, cai, ledger, invoices, approve, pay, role, input } = await org();
    const rule = await createSodRule(t.prisma, {
      name: 'Approve or release (mitigatable)',
      severity: 'MITIGATABLE',
      sideA: [{ entitlementId: approve.id }],
      sideB: [{ entitlementId: pay.id }],
    });
    await createGrant(t.prisma, { identityId: ana.id, entitlementId: pay.id, source: 'REQUEST' });
    await t.prisma.sodMitigation.create({
      data: {
        ruleId: rule.id,
        identityId: ana.id,
        control: 'Dual sign-off',
        expiresAt: new Date(Date.now() + 86_400_000),
        createdById: admin.id,
      },
    });
    await createGrant(t.prisma, { identityId: cai.id, entitlementId: pay.id, source: 'REQUEST' });

    const preview = await previewRoleChange(t.prisma, {
      roleId: role.id,
      entitlementIds: [ledger.id, invoices.id, approve.id],
    });
    expect(preview.conflicts.map((c) => c.people.map((p) => p.id))).toEqual([[cai.id]]);

    await t.prisma.sodMitigation.create({
      data: {
        ruleId: rule.id,
        identityId: cai.id,
        control: 'Dual sign-off',
        expiresAt: new Date(Date.now() + 86_400_000),
        createdById: admin.id,
      },
    });
    await saveRole(t.prisma, await t.actor(admin.id), input([ledger.id, invoices.id, approve.id]), {
      queue: t.queue,
    });
    expect(await contentsOf(role.id)).toEqual([ledger.id, invoices.id, approve.id].sort());
    expect(await replanJobs(cai.id)).toHaveLength(1);
  });

  it('holds a change that removes access from more than the guard’s share until it is confirmed with a reason', async () => {
    const { admin, ana, ledger, invoices, role, input } = await org();
    const actor = await t.actor(admin.id);
    const population = await t.prisma.identity.count({ where: { status: { not: 'TERMINATED' } } });
    await saveMassChangeSettings(t.prisma, actor, { sharePercent: 1, minPeople: 3 });

    const preview = await previewRoleChange(t.prisma, { roleId: role.id, entitlementIds: [ledger.id] });
    expect(preview.massChange).toEqual({
      affected: 3,
      population,
      percent: Math.round((3 / population) * 1000) / 10,
      isHeld: true,
    });
    const message = `This would remove access from 3 of ${population} people (${preview.massChange.percent}%). Confirm to apply.`;
    await expect(saveRole(t.prisma, actor, input([ledger.id]), { queue: t.queue })).rejects.toMatchObject({
      code: 'MASS_CHANGE_UNCONFIRMED',
      message,
    });
    await expect(
      saveRole(
        t.prisma,
        actor,
        { ...input([ledger.id]), confirmMassChange: { confirm: true, reason: '   ' } },
        { queue: t.queue },
      ),
    ).rejects.toMatchObject({ code: 'MASS_CHANGE_UNCONFIRMED' });
    expect(await contentsOf(role.id)).toEqual([ledger.id, invoices.id].sort());
    expect(await replanJobs(ana.id)).toEqual([]);

    await saveRole(
      t.prisma,
      actor,
      {
        ...input([ledger.id]),
        confirmMassChange: { confirm: true, reason: 'Invoices moved to the AP team' },
      },
      { queue: t.queue },
    );
    expect(await contentsOf(role.id)).toEqual([ledger.id]);
    expect(await replanJobs(ana.id)).toHaveLength(1);
    const confirmed = await t.prisma.auditEvent.findFirstOrThrow({
      where: { action: 'role.mass_change_confirmed', entityId: role.id },
    });
    expect(confirmed.after).toMatchObject({
      affected: 3,
      population,
      reason: 'Invoices moved to the AP team',
    });

    // Below the minimum count nothing is held: a small change in a small organisation just saves.
    await saveMassChangeSettings(t.prisma, actor, { sharePercent: 1, minPeople: 4 });
    await saveRole(t.prisma, actor, input([invoices.id]), { queue: t.queue });
    expect(await contentsOf(role.id)).toEqual([invoices.id]);
    await saveMassChangeSettings(t.prisma, actor, { sharePercent: 10, minPeople: 10 });
  });

  it('the worker stops an add a role brings when an SoD rule forbids it (a rule made after the role changed)', async () => {
    const { ana, ledger, invoices, approve, pay, role } = await org();
    await createGrant(t.prisma, { identityId: ana.id, entitlementId: pay.id, source: 'REQUEST' });
    // The role gained the entitlement before the rule existed; then the rule came and the holder is re-planned.
    await t.prisma.roleEntitlement.create({ data: { roleId: role.id, entitlementId: approve.id } });
    await createSodRule(t.prisma, {
      name: 'Approve or release, late',
      severity: 'BLOCK',
      sideA: [{ entitlementId: approve.id }],
      sideB: [{ entitlementId: pay.id }],
    });
    const ops = await t.prisma.$transaction((tx) =>
      planAccess(tx, [ana.id], { reason: 'ROLE_CHANGED', actor: systemActor('WORKER') }, { queue: t.queue }),
    );
    const full = await t.prisma.provisioningOperation.findMany({
      where: { id: { in: ops.map((o) => o.id) } },
      select: {
        id: true,
        kind: true,
        identityId: true,
        entitlementId: true,
        entitlement: { select: { name: true } },
        application: { select: { id: true } },
      },
    });
    const stopped = await holdAddsForSod(t.prisma, full, new Date());
    const byEntitlement = new Map(full.map((o) => [o.entitlementId, o.id]));
    expect(stopped.has(byEntitlement.get(approve.id)!)).toBe(true);
    expect(stopped.has(byEntitlement.get(ledger.id)!)).toBe(false);
    expect(stopped.has(byEntitlement.get(invoices.id)!)).toBe(false);
    expect(
      await t.prisma.provisioningOperation.findUniqueOrThrow({
        where: { id: byEntitlement.get(approve.id)! },
      }),
    ).toMatchObject({
      status: 'FAILED',
      errorKind: 'SOD_CONFLICT',
      lastError: expect.stringContaining('via role Finance clerk'),
    });
  });

  it('refuses a role, new or held by nobody, that bundles both sides of a blocking rule, and warns of a mitigatable one', async () => {
    const { admin, app, ledger } = await org();
    const payable = await createEntitlement(t.prisma, app.id, { name: 'Accounts Payable' });
    const treasury = await createEntitlement(t.prisma, app.id, { name: 'Treasury Payments' });
    const [review, post] = [
      await createEntitlement(t.prisma, app.id, { name: 'Review journals' }),
      await createEntitlement(t.prisma, app.id, { name: 'Post journals' }),
    ];
    const blocking = await createSodRule(t.prisma, {
      name: 'Payment segregation',
      severity: 'BLOCK',
      sideA: [{ entitlementId: payable.id }],
      sideB: [{ entitlementId: treasury.id }],
    });
    const mitigatable = await createSodRule(t.prisma, {
      name: 'Journal segregation',
      severity: 'MITIGATABLE',
      sideA: [{ entitlementId: review.id }],
      sideB: [{ entitlementId: post.id }],
    });
    const actor = await t.actor(admin.id);
    const newRole = (key: string, entitlementIds: string[]) => ({
      key,
      name: `Finance Operations ${key}`,
      description: '',
      ownerId: null,
      risk: 'MEDIUM' as const,
      requestable: true,
      maxDurationDays: null,
      entitlementIds,
    });
    const refusal = {
      code: 'SOD_CONFLICT',
      message: expect.stringContaining(
        'both sides of the blocking segregation-of-duties rule “Payment segregation” (Accounts Payable against Treasury Payments)',
      ),
      details: { rules: [expect.objectContaining({ ruleId: blocking.id })] },
    };

    // A new role: the what-if says so before saving, and the save is refused.
    const preview = await previewRoleChange(t.prisma, {
      roleId: null,
      entitlementIds: [ledger.id, payable.id, treasury.id],
    });
    expect(preview).toMatchObject({ holders: 0, conflicts: [] });
    expect(preview.withinRole).toEqual([
      {
        ruleId: blocking.id,
        ruleName: 'Payment segregation',
        severity: 'BLOCK',
        sideA: ['Accounts Payable'],
        sideB: ['Treasury Payments'],
      },
    ]);
    await expect(
      saveRole(t.prisma, actor, newRole('fin-ops-a', [ledger.id, payable.id, treasury.id]), {
        queue: t.queue,
      }),
    ).rejects.toMatchObject(refusal);
    expect(await t.prisma.role.count({ where: { key: 'fin-ops-a' } })).toBe(0);

    // A saved role nobody holds: adding the other side is refused the same way.
    const saved = await saveRole(t.prisma, actor, newRole('fin-ops-b', [ledger.id, payable.id]), {
      queue: t.queue,
    });
    await expect(
      saveRole(
        t.prisma,
        actor,
        { id: saved.id, ...newRole('fin-ops-b', [ledger.id, payable.id, treasury.id]) },
        {
          queue: t.queue,
        },
      ),
    ).rejects.toMatchObject(refusal);
    expect(await contentsOf(saved.id)).toEqual([ledger.id, payable.id].sort());

    // A mitigatable rule is a warning: the what-if names it, the role is saved.
    const warned = await previewRoleChange(t.prisma, {
      roleId: saved.id,
      entitlementIds: [review.id, post.id],
    });
    expect(warned.withinRole).toEqual([
      {
        ruleId: mitigatable.id,
        ruleName: 'Journal segregation',
        severity: 'MITIGATABLE',
        sideA: ['Review journals'],
        sideB: ['Post journals'],
      },
    ]);
    await saveRole(
      t.prisma,
      actor,
      { id: saved.id, ...newRole('fin-ops-b', [review.id, post.id]) },
      {
        queue: t.queue,
      },
    );
    expect(await contentsOf(saved.id)).toEqual([review.id, post.id].sort());
  });
});
