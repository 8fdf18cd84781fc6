import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createApplication,
  createEntitlement,
  createGrant,
  createIdentity,
  createRole,
} from '@/server/seed/factories.ts';
import { createTestContext, type TTestContext } from '@/server/testing/test-context.ts';
import { listAccessOf } from './list-access.ts';

let t: TTestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(async () => {
  await t?.close();
});

describe('what a person holds, in order', () => {
  it('lists the newest first and access granted at the same moment by name, the same for everyone', async () => {
    // Birthright grants a person their starting access in one moment; before, their order was the
    // database's among equals, and two people's lists of the same groups read in different orders.
    const person = await createIdentity(t.prisma);
    const app = await createApplication(t.prisma);
    const together = new Date('2026-12-01T09:00:00Z');
    for (const name of ['Mu', 'Alpha', 'Zeta'])
      await createGrant(t.prisma, {
        identityId: person.id,
        entitlementId: (await createEntitlement(t.prisma, app.id, { name })).id,
        startsAt: together,
      });
    await createGrant(t.prisma, {
      identityId: person.id,
      entitlementId: (await createEntitlement(t.prisma, app.id, { name: 'Beta' })).id,
      startsAt: new Date('2026-11-01T09:00:00Z'),
    });
    const [access] = await listAccessOf(t.prisma, person.id);
    expect(access!.items.map((i) => i.entitlement.name)).toEqual(['Alpha', 'Mu', 'Zeta', 'Beta']);
  });

  it('lists one group held twice from the same moment by grant, not in the order the database returns', async () => {
    // Held directly and through a role since the same moment: equal in time and name, so before the
    // grant's id decided, the list followed the order the rows were written in (or its reverse).
    const together = new Date('2026-12-01T09:00:00Z');
    for (const lowFirst of [true, false]) {
      const person = await createIdentity(t.prisma);
      const app = await createApplication(t.prisma);
      const group = await createEntitlement(t.prisma, app.id, { name: 'Shared' });
      const role = await createRole(t.prisma, { entitlementIds: [group.id] });
      const [low, high] = [1, 2].map((n) => `00000000-0000-4000-8000-0000000000${n}${lowFirst ? 1 : 2}`);
      const base = { identityId: person.id, source: 'ADMIN' as const, startsAt: together };
      const viaRole = { ...base, id: low!, roleId: role.id };
      const direct = { ...base, id: high!, entitlementId: group.id };
      for (const data of lowFirst ? [viaRole, direct] : [direct, viaRole])
        await t.prisma.grant.create({ data });
      const [access] = await listAccessOf(t.prisma, person.id);
      expect(access!.items.map((i) => i.grantId)).toEqual([low, high]);
    }
  });
});
