import type { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApplication, createIdentity } from '@/server/seed/factories.ts';
import { createTestContext, type TTestContext } from '@/server/testing/test-context.ts';

let t: TTestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(async () => {
  await t?.close();
});

const errorOf = async (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e: TRPCError) => e,
  );

describe('cancelling a provisioning operation', () => {
  it('is refused to an identity admin when it is about their own access, and audited; another admin may', async () => {
    const ivy = await createIdentity(t.prisma, { portalRoles: ['IDENTITY_ADMIN'] });
    const ian = await createIdentity(t.prisma, { portalRoles: ['IDENTITY_ADMIN'] });
    const app = await createApplication(t.prisma, { connectorType: 'MANUAL' });
    // Ivy's account is to be disabled (she moved teams): cancelling it would keep it open in the target.
    const op = await t.prisma.provisioningOperation.create({
      data: {
        applicationId: app.id,
        identityId: ivy.id,
        kind: 'DISABLE_ACCOUNT',
        status: 'FAILED',
        reason: 'TEST',
      },
    });

    // The failures list offers Ivy no Cancel on it (the server would refuse), and Ian one.
    const canCancel = async (who: string) =>
      (await (await t.callerFor(who)).provisioning.operations({ identityId: ivy.id })).items.map(
        (o) => o.canCancel,
      );
    expect([await canCancel(ivy.id), await canCancel(ian.id)]).toEqual([[false], [true]]);
    const refused = await errorOf((await t.callerFor(ivy.id)).provisioning.cancel({ operationId: op.id }));
    expect(refused?.code).toBe('FORBIDDEN');
    // The one code of a refused self-decision (selfDecisionError), whatever was refused.
    expect(refused?.cause).toMatchObject({ code: 'SELF_APPROVAL' });
    expect((await t.prisma.provisioningOperation.findUniqueOrThrow({ where: { id: op.id } })).status).toBe(
      'FAILED',
    );
    expect(
      await t.prisma.auditEvent.count({
        where: { actorId: ivy.id, action: 'access.refused', entityId: 'provisioning.cancel' },
      }),
    ).toBe(1);

    await (await t.callerFor(ian.id)).provisioning.cancel({ operationId: op.id });
    expect((await t.prisma.provisioningOperation.findUniqueOrThrow({ where: { id: op.id } })).status).toBe(
      'CANCELLED',
    );
  });
});
