import crypto from 'node:crypto';
import { systemActor } from '@/server/auth/actor.ts';
import type { TPrisma } from '@/server/db/client.ts';
import { planAccess } from '@/server/modules/provisioning/index.ts';
import type { TJobQueue } from '@/server/queue/enqueue.ts';
import { ensureGroup, withClient, type TDirectoryAdmin } from '@/server/seed/directory-setup.ts';
import { createApplication } from '@/server/seed/factories.ts';
import { TEST_SECRET_KEY } from './test-ldap.ts';

export type TBatch = {
  groupDns: string[];
  people: number;
  perPerson: number;
  baseDn: string;
  admin: TDirectoryAdmin;
};

/**
 * A provisioning batch for reliability tests: `people` new people, each granted `perPerson`
 * groups, so planning yields people × (1 + perPerson) operations. Returns once they are planned.
 */
export async function planBatch(
  db: TPrisma,
  queue: TJobQueue,
  target: { admin: TDirectoryAdmin; baseDn: string; url: string; bindDn: string; bindPassword: string },
  o: { people: number; perPerson: number; groups: number },
): Promise<TBatch> {
  const app = await createApplication(db, {
    config: { url: target.url, bindDn: target.bindDn, baseDn: target.baseDn, poolSize: 8, timeoutMs: 3000 },
    secrets: { bindPassword: target.bindPassword },
    secretKey: TEST_SECRET_KEY,
    concurrency: 128,
  });
  const groupDns: string[] = [];
  const groupIds: string[] = [];
  for (let g = 0; g < o.groups; g++) {
    const dn = await ensureGroup(target.admin, target.baseDn, `batch-${g}`, `Batch group ${g}`);
    groupDns.push(dn);
    groupIds.push(
      (await db.entitlement.create({ data: { applicationId: app.id, externalId: dn, name: `Batch ${g}` } }))
        .id,
    );
  }
  const ids = Array.from({ length: o.people }, () => crypto.randomUUID());
  const tag = crypto.randomBytes(3).toString('hex');
  await db.identity.createMany({
    data: ids.map((id, i) => ({
      id,
      username: `r${tag}${i}`,
      email: `r${tag}${i}@acme.test`,
      firstName: 'Rel',
      lastName: `Person ${i}`,
      displayName: `Rel Person ${i}`,
    })),
  });
  await db.grant.createMany({
    data: ids.flatMap((identityId, i) =>
      Array.from({ length: o.perPerson }, (_, k) => ({
        identityId,
        entitlementId: groupIds[(i + k) % o.groups]!,
        source: 'ADMIN' as const,
      })),
    ),
  });
  for (let i = 0; i < ids.length; i += 1000) {
    await db.$transaction(
      (tx) =>
        planAccess(tx, ids.slice(i, i + 1000), { reason: 'TEST', actor: systemActor('SEED') }, { queue }),
      { timeout: 120_000 },
    );
  }
  return { groupDns, people: o.people, perPerson: o.perPerson, baseDn: target.baseDn, admin: target.admin };
}

/** What the directory holds for the batch: entries under ou=people and each group's members. */
export async function directoryState(batch: TBatch) {
  return withClient(batch.admin, async (c) => {
    const { searchEntries } = await c.search(`ou=people,${batch.baseDn}`, {
      scope: 'one',
      filter: '(objectClass=inetOrgPerson)',
      attributes: ['1.1'],
      paged: { pageSize: 1000 },
    });
    const members: string[][] = [];
    for (const dn of batch.groupDns) {
      const g = await c.search(dn, { scope: 'base', attributes: ['member'] });
      const m = g.searchEntries[0]?.member;
      members.push(
        (Array.isArray(m) ? m : m ? [m] : []).map(String).filter((x) => !x.startsWith('cn=nobody')),
      );
    }
    return { entries: searchEntries.map((e) => e.dn), members };
  });
}

export async function countSettled(db: TPrisma): Promise<{ settled: number; total: number; failed: number }> {
  const [settled, total, failed] = await Promise.all([
    db.provisioningOperation.count({ where: { status: { in: ['SUCCEEDED', 'NOOP'] } } }),
    db.provisioningOperation.count(),
    db.provisioningOperation.count({ where: { status: 'FAILED' } }),
  ]);
  return { settled, total, failed };
}

/**
 * The provisioning jobs each worker settled, by worker id (each completed job's output names its
 * worker), beside the workers' heartbeats: a test that asks several workers to share a batch checks
 * that every one of them did.
 */
export async function jobsPerWorker(
  db: TPrisma,
): Promise<{ workers: string[]; settled: Map<string, number> }> {
  const heartbeats = await db.workerHeartbeat.findMany({ select: { workerId: true } });
  const rows = await db.$queryRaw<Array<{ worker: string | null; jobs: bigint }>>`
    SELECT output->>'worker' AS worker, count(*) AS jobs FROM pgboss.job
     WHERE name = 'provisioning.apply' AND state = 'completed' GROUP BY 1 ORDER BY 1`;
  return {
    workers: heartbeats.map((h) => h.workerId).sort(),
    settled: new Map(rows.map((r) => [r.worker ?? '', Number(r.jobs)])),
  };
}
