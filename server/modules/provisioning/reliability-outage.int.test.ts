import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSlapd, type TSlapd } from '@/server/infra/slapd.ts';
import { ensureDirectoryTree } from '@/server/seed/directory-setup.ts';
import { countSettled, directoryState, planBatch } from '@/server/testing/reliability-fixture.ts';
import { createTestContext, type TTestContext } from '@/server/testing/test-context.ts';
import { TEST_SECRET_KEY } from '@/server/testing/test-ldap.ts';
import { waitFor } from '@/server/testing/wait-for.ts';
import { startWorker, type TWorker } from '@/jobs/start-worker.ts';

let t: TTestContext;
let slapd: TSlapd;
let worker: TWorker;
let tmp: string;
beforeAll(async () => {
  t = await createTestContext();
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'outage-'));
  // A directory of its own, so stopping it disturbs no other test.
  slapd = await startSlapd({ dir: tmp });
});
afterAll(async () => {
  await worker?.stop({ graceful: false });
  await slapd?.stop();
  await t?.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('a directory down for a minute', () => {
  it('converges once it is back, with no operation failed for the outage', async () => {
    const admin = { url: slapd.url, bindDn: slapd.rootDn, bindPassword: slapd.rootPassword };
    await ensureDirectoryTree(admin, slapd.suffix);
    worker = await startWorker({
      databaseUrl: t.url,
      secretKey: TEST_SECRET_KEY,
      log: () => {},
      only: ['provisioning.apply'],
    });
    const batch = await planBatch(
      t.prisma,
      t.queue,
      { admin, baseDn: slapd.suffix, url: slapd.url, bindDn: slapd.rootDn, bindPassword: slapd.rootPassword },
      { people: 500, perPerson: 3, groups: 3 },
    );
    const total = 500 * 4;
    await waitFor(async () => ((await countSettled(t.prisma)).settled >= total * 0.2 ? true : null), {
      timeoutMs: 120_000,
      intervalMs: 10,
      what: 'a fifth of the batch',
    });
    await slapd.stop();
    const downAt = Date.now();
    // Retrying because the directory is down, not for a timeout before the stop: the target refused
    // the connection, and the operation was started after it went down.
    const refused = await waitFor(
      async () =>
        (await t.prisma.provisioningOperation.findFirst({
          where: {
            status: 'RETRYING',
            startedAt: { gt: new Date(downAt) },
            lastError: { contains: 'ECONNREFUSED' },
          },
          select: { lastError: true, errorKind: true },
        })) ?? null,
      {
        timeoutMs: 30_000,
        what: 'operations to start retrying',
      },
    );
    expect(refused).toMatchObject({
      errorKind: 'RETRYABLE',
      lastError: expect.stringContaining('ECONNREFUSED'),
    });
    await new Promise((r) => setTimeout(r, Math.max(0, 60_000 - (Date.now() - downAt))));
    await slapd.start();
    await waitFor(async () => ((await countSettled(t.prisma)).settled === total ? true : null), {
      timeoutMs: 300_000,
      intervalMs: 250,
      what: 'the batch after the directory came back',
    });

    expect(await t.prisma.provisioningOperation.count({ where: { status: 'FAILED' } })).toBe(0);
    expect(await t.prisma.provisioningOperation.count({ where: { attempts: { gt: 1 } } })).toBeGreaterThan(0);
    const state = await directoryState(batch);
    expect(state.entries).toHaveLength(500);
    expect(state.members.map((m) => m.length)).toEqual([500, 500, 500]);
  }, 600_000);
});
