import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createApplication,
  createEntitlement,
  createGrant,
  createIdentity,
  createRole,
} from '@/server/seed/factories.ts';
import { submitAccessRequests } from '@/server/modules/requests/index.ts';
import { createTestContext, type TTestContext } from '@/server/testing/test-context.ts';
import { listRequestableRoles } from './list-requestable-roles.ts';

let t: TTestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(async () => {
  await t?.close();
});

describe('the requestable roles the catalog lists', () => {
  it('lists in name order roles all of whose applications are enabled, with their entitlements, held and pending', async () => {
    const boss = await createIdentity(t.prisma, { firstName: 'Bea' });
    const me = await createIdentity(t.prisma, { firstName: 'Quill', managerId: boss.id });
    const open = await createApplication(t.prisma, { name: 'Ledger' });
    const closed = await createApplication(t.prisma, { name: 'Retired' });
    await t.prisma.application.update({ where: { id: closed.id }, data: { enabled: false } });
    const read = await createEntitlement(t.prisma, open.id, { name: 'Ledger read' });
    const write = await createEntitlement(t.prisma, open.id, { name: 'Ledger write' });
    const old = await createEntitlement(t.prisma, closed.id, { name: 'Old ledger' });
    const role = (name: string, entitlementIds: string[], requestable = true) =>
      createRole(t.prisma, { name: `${name} Zephyrole`, entitlementIds, requestable });
    const clerks = await role('Clerks', [write.id, read.id]);
    const auditors = await role('Auditors', [read.id]);
    const viewers = await role('Viewers', [read.id]);
    await role('Archivists', [read.id, old.id]); // one application disabled
    await role('Empty', []); // nothing to request
    await role('Hidden', [read.id], false); // not requestable
    await createGrant(t.prisma, { identityId: me.id, roleId: auditors.id });
    await submitAccessRequests(
      t.prisma,
      await t.actor(me.id),
      { items: [{ kind: 'ROLE', id: viewers.id }], justification: 'Month-end close' },
      { queue: t.queue },
    );

    const rows = await listRequestableRoles(t.prisma, await t.actor(me.id), { search: 'zephyrole' });
    expect(rows.map((r) => [r.name, r.isHeld, r.pendingRequestId !== null])).toEqual([
      ['Auditors Zephyrole', true, false],
      ['Clerks Zephyrole', false, false],
      ['Viewers Zephyrole', false, true],
    ]);
    expect(rows.find((r) => r.id === clerks.id)?.entitlements).toEqual([
      { id: read.id, name: 'Ledger read', application: 'Ledger' },
      { id: write.id, name: 'Ledger write', application: 'Ledger' },
    ]);
    // Every word must match, in the name or the description.
    expect(
      (await listRequestableRoles(t.prisma, await t.actor(me.id), { search: 'zephyrole clerk' })).map(
        (r) => r.id,
      ),
    ).toEqual([clerks.id]);
    // Enabling the application brings its role back.
    await t.prisma.application.update({ where: { id: closed.id }, data: { enabled: true } });
    expect(
      (await listRequestableRoles(t.prisma, await t.actor(me.id), { search: 'zephyrole' })).map(
        (r) => r.name,
      ),
    ).toEqual(['Archivists Zephyrole', 'Auditors Zephyrole', 'Clerks Zephyrole', 'Viewers Zephyrole']);
  });

  it('shows a role at the risk of its riskiest entitlement when that is above its own', async () => {
    const me = await createIdentity(t.prisma, { firstName: 'Rita' });
    const app = await createApplication(t.prisma, { name: 'Payroll system' });
    const ledger = await createEntitlement(t.prisma, app.id, { name: 'Ledger', risk: 'LOW' });
    const payroll = await createEntitlement(t.prisma, app.id, { name: 'Payroll', risk: 'HIGH' });
    const finance = await createRole(t.prisma, {
      name: 'Finance Operations Quokkarole',
      risk: 'MEDIUM',
      entitlementIds: [ledger.id, payroll.id],
    });
    const clerks = await createRole(t.prisma, {
      name: 'Ledger Clerks Quokkarole',
      risk: 'MEDIUM',
      entitlementIds: [ledger.id],
    });
    const rows = await listRequestableRoles(t.prisma, await t.actor(me.id), { search: 'quokkarole' });
    expect(rows.map((r) => [r.id, r.risk])).toEqual([
      [finance.id, 'HIGH'],
      [clerks.id, 'MEDIUM'],
    ]);
  });
});
