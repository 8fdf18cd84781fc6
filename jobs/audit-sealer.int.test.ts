import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '@/server/auth/actor.ts';
import { recordAuditEvents } from '@/server/modules/audit/index.ts';
import { createTestContext, type TTestContext } from '@/server/testing/test-context.ts';
import { TEST_SECRET_KEY } from '@/server/testing/test-ldap.ts';
import { waitFor } from '@/server/testing/wait-for.ts';
import { startWorker, type TWorker } from './start-worker.ts';

let t: TTestContext;
let worker: TWorker;
beforeAll(async () => {
  t = await createTestContext();
  worker = await startWorker({
    databaseUrl: t.url,
    secretKey: TEST_SECRET_KEY,
    log: () => {},
    only: ['audit.seal', 'audit.verify'],
    auditSealIntervalMs: 50,
    pollingIntervalSeconds: 1,
  });
});
afterAll(async () => {
  await worker?.stop({ graceful: false });
  await t?.close();
});

describe('the worker and the audit chain', () => {
  it('seals what is written within moments, and the daily verification records its result', async () => {
    await recordAuditEvents(
      t.prisma,
      Array.from({ length: 12 }, (_, i) => ({
        actor: systemActor('WORKER'),
        action: 'delegation.revoked',
        entityType: 'Delegation',
        entityId: String(i),
      })),
    );
    const events = await t.prisma.auditEvent.count();
    await waitFor(async () => (await t.prisma.auditSeal.count()) === events, {
      what: 'every event to be sealed',
    });

    await t.boss.send('audit.verify', {});
    const verification = await waitFor(() => t.prisma.auditVerification.findFirst(), {
      what: 'the verification to be recorded',
    });
    expect(verification).toMatchObject({
      trigger: 'SCHEDULE',
      ok: true,
      checkedSeals: events,
      headSeq: BigInt(events),
    });
  });
});
