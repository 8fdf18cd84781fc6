import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createApplication,
  createEntitlement,
  createGrant,
  createIdentity,
  createRole,
} from '@/server/seed/factories.ts';
import { createCountingContext, type TCountingContext } from '@/server/testing/count-statements.ts';
import { listTeamAccess } from './list-team-access.ts';

let t: TCountingContext;
beforeAll(async () => {
  t = await createCountingContext();
});
afterAll(async () => {
  await t?.close();
});

/** A manager whose `size` reports each hold an entitlement of their own and a role. */
async function managerOf(size: number) {
  const manager = await createIdentity(t.prisma, { firstName: 'Tess', lastName: `Lead${size}` });
  const app = await createApplication(t.prisma, { name: `Wiki ${size}` });
  const readers = await createEntitlement(t.prisma, app.id, { name: `Readers ${size}` });
  const role = await createRole(t.prisma, { entitlementIds: [readers.id], name: `Readers role ${size}` });
  for (let i = 0; i < size; i += 1) {
    const report = await createIdentity(t.prisma, {
      firstName: `Member${i}`,
      lastName: `Crew${size}`,
      managerId: manager.id,
    });
    const own = await createEntitlement(t.prisma, app.id, { name: `Space ${size}-${i}` });
    await createGrant(t.prisma, { identityId: report.id, entitlementId: own.id });
    await createGrant(t.prisma, { identityId: report.id, roleId: role.id });
  }
  return t.actor(manager.id);
}

describe('the team access view in round trips', () => {
  it('reads a team of 20 in the same statements as a team of 2, each report with their own access', async () => {
    const small = await managerOf(2);
    const large = await managerOf(20);
    const two = await t.counter.count((db) => listTeamAccess(db, small));
    const twenty = await t.counter.count((db) => listTeamAccess(db, large));
    expect(twenty.result).toHaveLength(20);
    for (const { person, access } of twenty.result) {
      const i = person.displayName.match(/Member(\d+)/)![1];
      expect(access.map((a) => a.application.name)).toEqual(['Wiki 20']);
      expect(access[0]!.items.map((x) => x.entitlement.name).sort()).toEqual(['Readers 20', `Space 20-${i}`]);
      expect(access[0]!.items.find((x) => x.entitlement.name === 'Readers 20')!.why.roleName).toBe(
        'Readers role 20',
      );
    }
    expect(two.statements).toBeGreaterThan(0);
    expect(twenty.statements).toBe(two.statements);
  });
});
