import { jobsPerWorker } from '@/server/testing/reliability-fixture.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScimToken, ensureDefaultScimSource, USER_SCHEMA } from '@/server/modules/scim-server/index.ts';
import { ensureGroup, withClient } from '@/server/seed/directory-setup.ts';
import { createApplication, createEntitlement, createIdentity } from '@/server/seed/factories.ts';
import { scimCaller } from '@/server/testing/start-scim-server.ts';
import { createTestContext, type TTestContext } from '@/server/testing/test-context.ts';
import { createTestDirectory, TEST_SECRET_KEY, type TTestDirectory } from '@/server/testing/test-ldap.ts';
import { waitFor } from '@/server/testing/wait-for.ts';
import { spawnWebProcess, type TWebProcess } from '@/server/testing/web-process.ts';
import { spawnWorkerProcess, type TWorkerProcess } from '@/server/testing/worker-process.ts';

// Issue 14, scale-out: two web processes and two workers on one PostgreSQL and nothing else shared.
// A SCIM burst split across both web processes and an HR upload through one of them; both workers
// provision into a real slapd, each of them a share of it. Nothing is lost and nothing happens twice.

const SCIM_PEOPLE = 24;
const HR_PEOPLE = 24;
const HEADER = 'emp_no,first_name,last_name,work_email,dept';
const config = {
  columns: {
    employeeNumber: 'emp_no',
    firstName: 'first_name',
    lastName: 'last_name',
    email: 'work_email',
    department: 'dept',
  },
  required: ['employeeNumber', 'firstName', 'lastName'],
};

let t: TTestContext;
let dir: TTestDirectory;
let groupDn: string;
let hrSourceId: string;
let ivyId: string;
const webs: TWebProcess[] = [];
const workers: TWorkerProcess[] = [];

beforeAll(async () => {
  t = await createTestContext();
  dir = await createTestDirectory();
  const app = await createApplication(t.prisma, {
    config: dir.config,
    secrets: dir.secrets,
    secretKey: TEST_SECRET_KEY,
    concurrency: 16,
  });
  groupDn = await ensureGroup(dir.admin, dir.baseDn, 'scale-everyone', 'Everyone');
  const everyone = await createEntitlement(t.prisma, app.id, { externalId: groupDn, name: 'Everyone' });
  await t.prisma.birthrightRule.create({
    data: {
      name: 'Everyone',
      condition: { match: 'ALL', clauses: [] },
      grants: { create: [{ entitlementId: everyone.id }] },
    },
  });
  hrSourceId = (
    await t.prisma.identitySource.create({
      data: { key: 'hr-csv', name: 'HR CSV', kind: 'HR_CSV', precedence: 10, config },
    })
  ).id;
  ivyId = (await createIdentity(t.prisma, { portalRoles: ['IDENTITY_ADMIN'], employeeNumber: null })).id;
  webs.push(...(await Promise.all([spawnWebProcess(t.url, ivyId), spawnWebProcess(t.url, ivyId)])));
  // Small batches, so that neither worker takes the whole burst in one fetch: the test asks both to work.
  const small = { WORKER_BATCH_SIZE: '2', WORKER_FETCH_LOOPS: '1' };
  workers.push(spawnWorkerProcess(t.url, small), spawnWorkerProcess(t.url, small));
}, 120_000);
afterAll(async () => {
  await Promise.all([...webs.map((w) => w.stop()), ...workers.map((w) => w.kill('SIGTERM'))]);
  await t?.close();
});

describe('two web processes and two workers on one database', () => {
  it('take a SCIM burst and an HR upload, and provision everyone exactly once', async () => {
    const ivy = await t.actor(ivyId);
    const { token } = await createScimToken(t.prisma, ivy, {
      name: 'scale',
      sourceId: (await ensureDefaultScimSource(t.prisma)).id,
    });
    const scim = webs.map((w) => scimCaller(`${w.url}/scim/v2`, token));
    const rows = Array.from({ length: HR_PEOPLE }, (_, i) => `E${i},Hana,Row${i},hr${i}@acme.test,Finance`);
    const [created, upload] = await Promise.all([
      Promise.all(
        Array.from({ length: SCIM_PEOPLE }, (_, i) =>
          scim[i % 2]!('POST', '/Users', {
            schemas: [USER_SCHEMA],
            userName: `scim${i}`,
            name: { givenName: 'Sam', familyName: `Burst${i}` },
            emails: [{ type: 'work', value: `scim${i}@acme.test`, primary: true }],
            active: true,
          }),
        ),
      ),
      fetch(`${webs[1]!.url}/api/sources/${hrSourceId}/upload`, {
        method: 'POST',
        headers: { 'content-type': 'text/csv', 'x-file-name': 'hr.csv' },
        body: [HEADER, ...rows].join('\n'),
      }),
    ]);
    expect(created.map((c) => c.status)).toEqual(Array.from({ length: SCIM_PEOPLE }, () => 201));
    expect(upload.status).toBe(202);
    const { runId } = (await upload.json()) as { runId: string };

    const people = SCIM_PEOPLE + HR_PEOPLE;
    // Each new person: the account, then the group (planned by birthright).
    const operations = people * 2;
    await waitFor(
      async () => (await t.prisma.sourceRun.findUniqueOrThrow({ where: { id: runId } })).status !== 'RUNNING',
      { timeoutMs: 90_000, what: 'the HR run' },
    );
    expect(
      await t.prisma.sourceRun.findUniqueOrThrow({
        where: { id: runId },
        select: { status: true, stats: true },
      }),
    ).toMatchObject({ status: 'SUCCEEDED', stats: { created: HR_PEOPLE } });
    await waitFor(
      async () =>
        (await t.prisma.provisioningOperation.count({
          where: { status: { in: ['SUCCEEDED', 'NOOP', 'FAILED'] } },
        })) >= operations,
      { timeoutMs: 90_000, intervalMs: 200, what: 'the operations' },
    );

    // Nothing lost, nothing doubled: people, accounts, operations (each started once), audit events.
    expect(await t.prisma.identity.count({ where: { id: { not: ivy.identityId } } })).toBe(people);
    expect(await t.prisma.account.count()).toBe(people);
    const byStatus = await t.prisma.provisioningOperation.groupBy({
      by: ['status', 'attempts'],
      _count: { _all: true },
    });
    expect(byStatus.map((s) => [s.status, s.attempts, s._count._all])).toEqual([
      ['SUCCEEDED', 1, operations],
    ]);
    const audit = await t.prisma.auditEvent.groupBy({
      by: ['action'],
      where: {
        action: {
          in: ['provisioning.succeeded', 'source.run_started', 'source.run_finished', 'identity.created'],
        },
      },
      _count: { _all: true },
    });
    const count = (action: string) => audit.find((a) => a.action === action)?._count._all ?? 0;
    expect([
      count('provisioning.succeeded'),
      count('source.run_started'),
      count('source.run_finished'),
    ]).toEqual([operations, 1, 1]);
    const perOp = await t.prisma.$queryRaw<Array<{ per: bigint }>>`
      SELECT max(c) AS per FROM (SELECT count(*) AS c FROM "AuditEvent" WHERE action = 'provisioning.succeeded' GROUP BY "entityId") s`;
    expect(Number(perOp[0]!.per)).toBe(1);
    // The file went through PostgreSQL, and is gone once its run consumed it.
    expect(await t.prisma.stagedFile.count()).toBe(0);
    // Both workers provisioned: each completed job names the worker that settled it.
    const { workers: ids, settled } = await jobsPerWorker(t.prisma);
    expect(ids).toHaveLength(2);
    expect([...settled.keys()]).toEqual(ids);
    expect([...settled.values()].every((jobs) => jobs > 0)).toBe(true);

    const entries = await withClient(
      dir.admin,
      async (c) =>
        (
          await c.search(`ou=people,${dir.baseDn}`, {
            scope: 'one',
            filter: '(objectClass=inetOrgPerson)',
            attributes: ['1.1'],
          })
        ).searchEntries.length,
    );
    expect(entries).toBe(people);
    expect((await dir.members(groupDn)).filter((m) => !m.startsWith('cn=nobody'))).toHaveLength(people);
  }, 180_000);
});
