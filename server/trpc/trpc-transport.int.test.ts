import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApplication, createEntitlement, createIdentity } from '@/server/seed/factories.ts';
import { createTestContext, type TTestContext } from '@/server/testing/test-context.ts';

let t: TTestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(async () => {
  await t?.close();
});

const callerFor = async (identityId: string | null) =>
  t.caller(identityId ? await t.actor(identityId) : null);

const errorOf = async (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e: unknown) => e as TRPCError,
  );

describe('tRPC transport', () => {
  it('refuses anonymous callers with UNAUTHORIZED', async () => {
    const error = await errorOf((await callerFor(null)).catalog.list({ limit: 5 }));
    expect(error?.code).toBe('UNAUTHORIZED');
  });

  it('refuses a missing permission with FORBIDDEN', async () => {
    const alice = await createIdentity(t.prisma);
    const error = await errorOf((await callerFor(alice.id)).access.listTeam());
    expect(error?.code).toBe('FORBIDDEN');
  });

  it('names the field of invalid input and writes nothing', async () => {
    const alice = await createIdentity(t.prisma);
    const error = await errorOf(
      (await callerFor(alice.id)).requests.create({
        entitlementId: 'not-a-uuid',
        justification: 'short',
      } as never),
    );
    expect(error?.code).toBe('BAD_REQUEST');
    expect(error?.message).toMatch(/entitlementId|justification/);
    expect(await t.prisma.accessRequest.count()).toBe(0);
  });

  it('maps domain errors to their tRPC codes', async () => {
    const mark = await createIdentity(t.prisma);
    const alice = await createIdentity(t.prisma, { managerId: mark.id });
    const app = await createApplication(t.prisma);
    const group = await createEntitlement(t.prisma, app.id);
    const alices = await callerFor(alice.id);
    await alices.requests.create({ entitlementId: group.id, justification: 'I need this for the audit' });
    const again = await errorOf(
      alices.requests.create({ entitlementId: group.id, justification: 'I need this for the audit' }),
    );
    expect(again?.code).toBe('CONFLICT');
    const {
      items: [step],
    } = await (await callerFor(mark.id)).approvals.listMine();
    const notMine = await errorOf(alices.approvals.decide({ stepId: step!.id, decision: 'APPROVE' }));
    expect(notMine?.code).toBe('FORBIDDEN');
    const missing = await errorOf(alices.catalog.get({ id: '00000000-0000-4000-8000-000000000000' }));
    expect(missing?.code).toBe('NOT_FOUND');
  });

  it('answers a write the database refuses for its input with a 4xx, and writes nothing', async () => {
    const ivy = await createIdentity(t.prisma, { portalRoles: ['IDENTITY_ADMIN'] });
    // Fulfilled by hand: nothing to look the target ID up in before the database sees the row.
    const app = await createApplication(t.prisma, { connectorType: 'MANUAL' });
    const before = await t.prisma.entitlement.count();
    const entry = {
      applicationId: app.id,
      externalId: `cn=x-${Math.random()},dc=acme`,
      name: 'Expenses',
      description: '',
      kind: 'GROUP',
      risk: 'LOW',
      requestable: true,
      singleValued: false,
      maxDurationDays: null,
    } as const;
    const noSuchOwner = await errorOf(
      (await callerFor(ivy.id)).catalogAdmin.saveEntitlement({
        ...entry,
        ownerId: '00000000-0000-4000-8000-000000000000',
      }),
    );
    expect(noSuchOwner?.code).toBe('BAD_REQUEST');
    expect(noSuchOwner?.message).toMatch(/does not exist/);
    const noSuchApp = await errorOf(
      (await callerFor(ivy.id)).catalogAdmin.saveEntitlement({
        ...entry,
        applicationId: '00000000-0000-4000-8000-000000000000',
        ownerId: null,
      }),
    );
    expect(noSuchApp?.code).toBe('BAD_REQUEST');
    expect(await t.prisma.entitlement.count()).toBe(before);
  });

  it('returns only what the output schema allows', async () => {
    const alice = await createIdentity(t.prisma);
    const me = await (await callerFor(alice.id)).me.get();
    expect(Object.keys(me.identity).sort()).toEqual([
      'department',
      'displayName',
      'email',
      'id',
      'title',
      'username',
    ]);
    expect(me.roles).toEqual(['EMPLOYEE']);
  });
});
