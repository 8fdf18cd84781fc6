import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '@/server/auth/actor.ts';
import { recordAuditEvents, sealAuditLog } from '@/server/modules/audit/index.ts';
import { createIdentity } from '@/server/seed/factories.ts';
import { createTestContext, type TTestContext } from '@/server/testing/test-context.ts';

let t: TTestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(async () => {
  await t?.close();
});

describe('audit integrity (tRPC)', () => {
  it('lets an auditor verify the chain now and read the latest verification; an employee may do neither', async () => {
    const auditor = await t.callerFor((await createIdentity(t.prisma, { portalRoles: ['AUDITOR'] })).id);
    const employee = await t.callerFor((await createIdentity(t.prisma)).id);
    await recordAuditEvents(t.prisma, [
      { actor: systemActor('WORKER'), action: 'delegation.revoked', entityType: 'Delegation', entityId: '1' },
    ]);
    await sealAuditLog(t.prisma);

    expect(await auditor.audit.lastVerification()).toBeNull();
    const done = await auditor.audit.verifyNow();
    expect(done).toMatchObject({
      ok: true,
      trigger: 'MANUAL',
      firstBreak: null,
      head: { seq: expect.any(String), hash: expect.stringMatching(/^[0-9a-f]{64}$/) },
    });
    expect(done.checkedSeals).toBe(await t.prisma.auditSeal.count());
    expect(await auditor.audit.lastVerification()).toEqual(done);

    await expect(employee.audit.lastVerification()).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(employee.audit.verifyNow()).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});
