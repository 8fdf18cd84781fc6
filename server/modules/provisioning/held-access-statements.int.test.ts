import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '@/server/auth/actor.ts';
import {
  createApplication,
  createEntitlement,
  createGrant,
  createIdentity,
} from '@/server/seed/factories.ts';
import { createCountingContext, type TCountingContext } from '@/server/testing/count-statements.ts';
import { getProvisioningOverview } from './get-provisioning-overview.ts';
import { HELD_NAMED } from './held-access.ts';
import { planAccess } from './plan-access.ts';

/*
 * The overview is polled: what a disabled application holds back is read from the plans' marks, so
 * its statements do not grow with the people of the application, held or not (the first attempt
 * re-ran planAccess's diff for all of them on every poll; docs/decisions/111).
 */
let t: TCountingContext;
beforeAll(async () => {
  t = await createCountingContext();
});
afterAll(async () => {
  await t?.close();
});

/** `count` more people granted the entitlement and planned: marked held while the application is disabled. */
async function addPeople(entitlementId: string, count: number, tag: string) {
  const ids: string[] = [];
  for (let i = 0; i < count; i += 1) {
    const person = await createIdentity(t.prisma, { firstName: `${tag}${i}`, lastName: 'Member' });
    await createGrant(t.prisma, { identityId: person.id, entitlementId });
    ids.push(person.id);
  }
  await t.prisma.$transaction((tx) =>
    planAccess(tx, ids, { reason: 'TEST', actor: systemActor('SEED') }, { queue: t.queue }),
  );
}

describe('the provisioning overview in round trips', () => {
  it('reads a disabled application with 40 people held, and 20 provisioned, in the statements it takes for 2', async () => {
    const app = await createApplication(t.prisma, { name: 'Paused wiki' });
    const ent = await createEntitlement(t.prisma, app.id, { name: 'Wiki editors' });
    const overview = (db: Parameters<typeof getProvisioningOverview>[0]) =>
      getProvisioningOverview(db, t.queueAdmin);
    const heldOf = (o: Awaited<ReturnType<typeof overview>>) =>
      o.applications.find((a) => a.id === app.id)!.held;

    // People it already provisioned while enabled: they are the application's, and nothing is held.
    await addPeople(ent.id, 20, 'Done');
    await t.prisma.application.update({ where: { id: app.id }, data: { enabled: false } });
    await addPeople(ent.id, 2, 'Few');
    const few = await t.counter.count(overview);
    await addPeople(ent.id, 38, 'Many');
    const many = await t.counter.count(overview);

    expect(heldOf(few.result).count).toBe(2);
    expect(heldOf(many.result).count).toBe(40);
    expect(heldOf(many.result).people).toHaveLength(HELD_NAMED);
    expect(few.statements).toBeGreaterThan(0);
    expect(many.statements).toBe(few.statements);
    // Nor does it read what the people hold: the marks say it (a re-diff would load grants and accounts).
    expect(many.texts.filter((q) => /"(Grant|Account|AccountEntitlement)"/.test(q))).toEqual([]);
  });
});
