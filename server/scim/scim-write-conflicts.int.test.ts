import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPEAT_ATTEMPTS } from '@/server/db/client.ts';
import { ERROR_SCHEMA, GROUP_SCHEMA, USER_SCHEMA } from '@/server/modules/scim-server/index.ts';
import { createIdentity } from '@/server/seed/factories.ts';
import { createTestContext, type TTestContext } from '@/server/testing/test-context.ts';
import { undoInserts as undoWrites } from '@/server/testing/undo-inserts.ts';
import { scimCaller, startScimServer, type TStartedScimServer } from '@/server/testing/start-scim-server.ts';

let t: TTestContext;
let server: TStartedScimServer;
let scim: ReturnType<typeof scimCaller>;
beforeAll(async () => {
  t = await createTestContext();
  const admin = await createIdentity(t.prisma, { portalRoles: ['IDENTITY_ADMIN'] });
  server = await startScimServer(t.prisma, t.queue, await t.actor(admin.id));
  scim = scimCaller(server.baseUrl, server.token);
});
afterAll(async () => {
  await server?.close();
  await t?.close();
});

const user = (name: string) => ({
  schemas: [USER_SCHEMA],
  userName: name,
  name: { givenName: 'Con', familyName: 'Flict' },
  emails: [{ type: 'work', value: `${name}@acme.test` }],
  active: true,
});

/** An insert of a SCIM write the database undoes (server/testing/undo-inserts.ts). */
const undoInserts = (
  name: string,
  failures: number,
  sqlstate: '40P01' | '40001',
  table = 'Identity',
  when = `NEW.email = '${name}@acme.test'`,
) => undoWrites(t.ownerPrisma, { tag: name, failures, sqlstate, table, when });

describe('SCIM: a write the database undoes for meeting another', () => {
  it('is run again, and the IdP sees it succeed', async () => {
    const undo = await undoInserts('conflict.once', 1, '40P01');
    const created = await scim('POST', '/Users', user('conflict.once'));
    await undo.drop();
    expect(created.status).toBe(201);
    expect(await undo.tries()).toBe(2n);
    expect(await t.prisma.identity.count({ where: { email: 'conflict.once@acme.test' } })).toBe(1);
    expect((await scim('GET', `/Users/${created.body.id as string}`)).status).toBe(200);
  });

  it('answers 503 with Retry-After once its reruns are spent, with nothing of it applied', async () => {
    const undo = await undoInserts('conflict.always', 99, '40001');
    const before = await Promise.all([t.prisma.sourceRecord.count(), t.prisma.auditEvent.count()]);
    const refused = await scim('POST', '/Users', user('conflict.always'));
    await undo.drop();
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(refused.body).toMatchObject({ schemas: [ERROR_SCHEMA], status: '503' });
    expect(refused.body).not.toHaveProperty('scimType');
    expect(await undo.tries()).toBe(BigInt(REPEAT_ATTEMPTS));
    expect(await t.prisma.identity.count({ where: { email: 'conflict.always@acme.test' } })).toBe(0);
    expect(await Promise.all([t.prisma.sourceRecord.count(), t.prisma.auditEvent.count()])).toEqual(before);
    // Sent again, it goes through.
    expect((await scim('POST', '/Users', user('conflict.always'))).status).toBe(201);
  });

  it('leaves a DELETE whose clean-up keeps conflicting wholly undone, so the IdP can send it again', async () => {
    const id = (await scim('POST', '/Users', user('conflict.leaver'))).body.id as string;
    const groupId = (
      await scim('POST', '/Groups', {
        schemas: [GROUP_SCHEMA],
        displayName: 'Conflict leavers',
        members: [{ value: id }],
      })
    ).body.id as string;
    // The deactivation goes through; the group clean-up's event is undone on every run.
    const undo = await undoInserts(
      'conflict.leaver',
      99,
      '40P01',
      'AuditEvent',
      `NEW.action = 'scim.user_deleted' AND NEW."entityId" = '${id}'`,
    );
    const refused = await scim('DELETE', `/Users/${id}`);
    await undo.drop();
    expect(refused.status).toBe(503);
    expect(await undo.tries()).toBe(BigInt(REPEAT_ATTEMPTS));
    // Nothing of it applied: the User is still there, active, in its group, the person is active, and
    // the burst guard has not counted it.
    expect(await t.prisma.scimDeactivation.count({ where: { identityId: id } })).toBe(0);
    const kept = await scim('GET', `/Users/${id}`);
    expect(kept.status).toBe(200);
    expect(kept.body).toMatchObject({ active: true, groups: [{ value: groupId }] });
    expect(await t.prisma.identity.findUniqueOrThrow({ where: { id }, select: { status: true } })).toEqual({
      status: 'ACTIVE',
    });

    // The IdP's retry, once the conflict has cleared, does all of it.
    expect((await scim('DELETE', `/Users/${id}`)).status).toBe(204);
    expect(
      await t.prisma.scimDeactivation.findMany({ where: { identityId: id }, select: { status: true } }),
    ).toEqual([{ status: 'APPLIED' }]);
    expect((await scim('GET', `/Users/${id}`)).status).toBe(404);
    expect((await scim('GET', `/Groups/${groupId}`)).body.members ?? []).toEqual([]);
    expect(
      await t.prisma.auditEvent.findMany({
        where: { action: 'scim.user_deleted', entityId: id },
        select: { metadata: true },
      }),
    ).toEqual([{ metadata: expect.objectContaining({ groupsLeft: [groupId] }) }]);
    expect(
      (await t.prisma.identity.findUniqueOrThrow({ where: { id }, select: { status: true } })).status,
    ).not.toBe('ACTIVE');
  });
});
