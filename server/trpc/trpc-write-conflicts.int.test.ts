import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPEAT_ATTEMPTS } from '@/server/db/client.ts';
import { createIdentity } from '@/server/seed/factories.ts';
import { createTestContext, type TTestContext } from '@/server/testing/test-context.ts';
import { undoInserts } from '@/server/testing/undo-inserts.ts';

let t: TTestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(async () => {
  await t?.close();
});

const adminCaller = async () =>
  t.callerFor((await createIdentity(t.prisma, { portalRoles: ['IDENTITY_ADMIN'] })).id);

describe('the portal’s own writes the database undoes for meeting another', () => {
  it('runs a team’s creation again, and the identity team sees it succeed', async () => {
    const admin = await adminCaller();
    const undo = await undoInserts(t.ownerPrisma, {
      tag: 'team_once',
      failures: 1,
      sqlstate: '40P01',
      table: 'Team',
      when: `NEW.key = 'conflict-once'`,
    });
    const made = await admin.teams.create({
      key: 'conflict-once',
      name: 'Conflict once',
      purpose: 'APPROVERS',
    });
    await undo.drop();
    expect(await undo.tries()).toBe(2n);
    expect(await t.prisma.team.findMany({ where: { key: 'conflict-once' }, select: { id: true } })).toEqual([
      { id: made.id },
    ]);
  });

  it('runs a person’s edit again, and the change is there', async () => {
    const admin = await adminCaller();
    const someone = await createIdentity(t.prisma, { displayName: 'Edit Once' });
    const undo = await undoInserts(t.ownerPrisma, {
      tag: 'edit_once',
      failures: 1,
      sqlstate: '40001',
      table: 'AuditEvent',
      when: `NEW."entityId" = '${someone.id}'`,
    });
    await admin.directory.editPerson({ identityId: someone.id, changes: { title: 'Conflict tester' } });
    await undo.drop();
    expect(await undo.tries()).toBeGreaterThanOrEqual(2n);
    expect(
      (await t.prisma.identity.findUniqueOrThrow({ where: { id: someone.id }, select: { title: true } }))
        .title,
    ).toBe('Conflict tester');
  });

  it('answers CONFLICT with "try again" once its reruns are spent, with nothing of it written', async () => {
    const admin = await adminCaller();
    const undo = await undoInserts(t.ownerPrisma, {
      tag: 'team_always',
      failures: 99,
      sqlstate: '40P01',
      table: 'Team',
      when: `NEW.key = 'conflict-always'`,
    });
    const before = await Promise.all([t.prisma.team.count(), t.prisma.auditEvent.count()]);
    const refused = await admin.teams
      .create({ key: 'conflict-always', name: 'Conflict always', purpose: 'APPROVERS' })
      .then(
        () => null,
        (e: unknown) => e as TRPCError,
      );
    await undo.drop();
    expect(refused).toBeInstanceOf(TRPCError);
    expect(refused).toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/try again/) });
    expect(await undo.tries()).toBe(BigInt(REPEAT_ATTEMPTS));
    expect(await Promise.all([t.prisma.team.count(), t.prisma.auditEvent.count()])).toEqual(before);
    // Sent again once the conflict has cleared, it goes through.
    await admin.teams.create({ key: 'conflict-always', name: 'Conflict always', purpose: 'APPROVERS' });
    expect(await t.prisma.team.count({ where: { key: 'conflict-always' } })).toBe(1);
  });
});
