import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TTestContext } from '@/server/testing/test-context.ts';
import { createBoss, ensureQueues, RETIRED_QUEUES } from './boss.ts';
import { JOB_SPECS } from './job-specs.ts';

let t: TTestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(async () => {
  await t?.close();
});

describe('ensureQueues', () => {
  it("brings a database created by an older version up to the queues' policies, as the owner only", async () => {
    // The launcher's and db:migrate's pg-boss: the owner, which may create and change queues.
    const owner = createBoss(t.ownerUrl, 'setup');
    await owner.start();
    try {
      // As an older version left it: a dead-letter queue that no longer exists in JOB_SPECS, the
      // provisioning queue pointing at it, and an old retry limit.
      const old = 'provisioning.dead';
      expect(RETIRED_QUEUES).toContain(old);
      await owner.createQueue(old);
      await owner.updateQueue('provisioning.apply', { deadLetter: old, retryLimit: 3 });
      const before = (await owner.getQueue('provisioning.apply'))!;
      expect(before).toMatchObject({ deadLetter: old, retryLimit: 3 });

      // The worker's and the web app's call (the portal's role) only creates what is missing: nothing changes here.
      await ensureQueues(t.boss);
      expect(await owner.getQueue('provisioning.apply')).toMatchObject({ deadLetter: old, retryLimit: 3 });

      // The launcher's and db:migrate's call, as the owner: the spec's policy, the retired queue gone.
      await ensureQueues(owner, { owner: true });
      const after = (await owner.getQueue('provisioning.apply'))!;
      expect(after.deadLetter ?? null).toBeNull();
      expect(after.retryLimit).toBe(JOB_SPECS['provisioning.apply'].queue.retryLimit);
      expect(await owner.getQueue(old)).toBeNull();

      // Idempotent.
      await ensureQueues(owner, { owner: true });
      expect(await owner.getQueue('provisioning.apply')).toMatchObject({ retryLimit: after.retryLimit });
    } finally {
      await owner.stop({ graceful: false });
    }
  });
});
