import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Attribute, Change, Client } from 'ldapts';
import { parseSecretKey } from '@/server/lib/secret-box.ts';
import { ConnectorCache } from '@/server/modules/provisioning/index.ts';
import { createApplication, createEntitlement, createIdentity } from '@/server/seed/factories.ts';
import { ensureGroup } from '@/server/seed/directory-setup.ts';
import { createTestContext, type TTestContext } from '@/server/testing/test-context.ts';
import { createTestDirectory, TEST_SECRET_KEY, type TTestDirectory } from '@/server/testing/test-ldap.ts';
import { waitFor } from '@/server/testing/wait-for.ts';
import { startWorker } from '@/jobs/start-worker.ts';
import { createReconciliationScheduler } from '@/server/queue/reconciliation-scheduler.ts';
import { syncReconciliationSchedules } from './reconciliation-schedules.ts';
import { runReconciliation } from './run-reconciliation.ts';

let t: TTestContext;
let dir: TTestDirectory;
const connectors = new ConnectorCache(parseSecretKey(TEST_SECRET_KEY));
beforeAll(async () => {
  t = await createTestContext();
  dir = await createTestDirectory();
});
afterAll(async () => {
  await connectors.closeAll();
  await t?.close();
});

const errorOf = async (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e: unknown) => e as TRPCError,
  );
const run = (runId: string) =>
  runReconciliation(t.prisma, runId, { queue: t.queue, connectorFor: (app) => connectors.get(app) });
const jobsFor = (runId: string) =>
  t.prisma.$queryRaw<
    Array<{ id: string }>
  >`SELECT id::text FROM pgboss.job WHERE name = 'reconciliation.run' AND data->>'runId' = ${runId}`;

describe('starting reconciliation runs', () => {
  it('runNow records a queued run with its job and audit event, and refuses a second while it is not done', async () => {
    const admin = await createIdentity(t.prisma, { portalRoles: ['IDENTITY_ADMIN'] });
    const app = await createApplication(t.prisma, {
      name: 'Directory',
      config: dir.config,
      secrets: dir.secrets,
      secretKey: TEST_SECRET_KEY,
    });
    const caller = await t.callerFor(admin.id);

    const { runId } = await caller.reconciliation.runNow({ applicationId: app.id, mode: 'FULL' });
    const queued = await t.prisma.reconciliationRun.findUniqueOrThrow({ where: { id: runId } });
    expect([queued.status, queued.mode, queued.trigger, queued.requestedById]).toEqual([
      'QUEUED',
      'FULL',
      'MANUAL',
      admin.id,
    ]);
    expect(await jobsFor(runId)).toHaveLength(1);
    const started = await t.prisma.auditEvent.findFirstOrThrow({
      where: { action: 'reconciliation.run_started', entityId: app.id },
    });
    expect([started.actorId, started.after, started.metadata]).toEqual([
      admin.id,
      { application: 'Directory', mode: 'FULL', trigger: 'MANUAL', identityId: null },
      { runId },
    ]);

    const second = await errorOf(
      caller.reconciliation.runNow({ applicationId: app.id, mode: 'INCREMENTAL' }),
    );
    expect(second?.code).toBe('CONFLICT');
    expect(second?.message).toMatch(/already waiting to start/);
    expect(await t.prisma.reconciliationRun.count({ where: { applicationId: app.id } })).toBe(1);

    // The worker takes the job and runs it; once it is done, the next one starts.
    const worker = await startWorker({
      databaseUrl: t.url,
      secretKey: TEST_SECRET_KEY,
      log: () => {},
      only: ['reconciliation.run'],
    });
    try {
      const done = await waitFor(
        () =>
          t.prisma.reconciliationRun.findFirst({
            where: { id: runId, status: { in: ['SUCCEEDED', 'FAILED'] } },
          }),
        { what: 'the run to finish' },
      );
      expect([done.status, done.error, done.finishedAt !== null]).toEqual(['SUCCEEDED', null, true]);
    } finally {
      await worker.stop({ graceful: false });
    }
    const next = await caller.reconciliation.runNow({ applicationId: app.id, mode: 'INCREMENTAL' });
    expect(next.runId).not.toBe(runId);
  });

  it('refuses an employee (FORBIDDEN) and a caller’s mistakes with clear errors', async () => {
    const employee = await createIdentity(t.prisma);
    const admin = await createIdentity(t.prisma, { portalRoles: ['IDENTITY_ADMIN'] });
    const app = await createApplication(t.prisma, {
      config: dir.config,
      secrets: dir.secrets,
      secretKey: TEST_SECRET_KEY,
    });
    const refused = await errorOf(
      (await t.callerFor(employee.id)).reconciliation.runNow({ applicationId: app.id, mode: 'FULL' }),
    );
    expect(refused?.code).toBe('FORBIDDEN');
    expect(
      await errorOf(
        (await t.callerFor(employee.id)).reconciliation.resyncPerson({ identityId: employee.id }),
      ),
    ).toMatchObject({ code: 'FORBIDDEN' });
    const caller = await t.callerFor(admin.id);
    expect(
      await errorOf(caller.reconciliation.runNow({ applicationId: crypto.randomUUID(), mode: 'FULL' })),
    ).toMatchObject({ code: 'NOT_FOUND' });
    expect(
      await errorOf(caller.reconciliation.runNow({ applicationId: 'not-an-id', mode: 'FULL' })),
    ).toMatchObject({ code: 'BAD_REQUEST' });
    const manual = await createApplication(t.prisma, { connectorType: 'MANUAL' });
    expect(
      await errorOf(caller.reconciliation.runNow({ applicationId: manual.id, mode: 'FULL' })),
    ).toMatchObject({ code: 'PRECONDITION_FAILED' });
    expect(await errorOf(caller.reconciliation.resyncPerson({ identityId: employee.id }))).toMatchObject({
      code: 'PRECONDITION_FAILED',
    });
    expect(
      await t.prisma.reconciliationRun.count({ where: { applicationId: { in: [app.id, manual.id] } } }),
    ).toBe(0);
  });

  it('resyncPerson reads that person’s account back (found by its entryUUID after a move) and nobody else’s', async () => {
    const sub = await createTestDirectory();
    const admin = await createIdentity(t.prisma, { portalRoles: ['IDENTITY_ADMIN'] });
    const hana = await createIdentity(t.prisma, { username: 'hana' });
    const app = await createApplication(t.prisma, {
      config: sub.config,
      secrets: sub.secrets,
      secretKey: TEST_SECRET_KEY,
    });
    const hanaDn = `uid=hana,ou=people,${sub.baseDn}`;
    const c = new Client({ url: sub.admin.url });
    await c.bind(sub.admin.bindDn, sub.admin.bindPassword);
    for (const uid of ['hana', 'ivan']) {
      await c.add(`uid=${uid},ou=people,${sub.baseDn}`, {
        objectClass: ['top', 'person', 'organizationalPerson', 'inetOrgPerson'],
        uid,
        cn: uid,
        sn: uid,
      });
    }
    const ops = await createEntitlement(t.prisma, app.id, {
      externalId: await ensureGroup(sub.admin, sub.baseDn, 'ops', 'Ops', [hanaDn]),
    });
    // Onboarding links hana's entry to her (a DISCOVERED account); ivan stays an orphan.
    const onboard = await (
      await t.callerFor(admin.id)
    ).reconciliation.runNow({ applicationId: app.id, mode: 'FULL', onboarding: true });
    expect(await run(onboard.runId)).toEqual({ status: 'SUCCEEDED' });
    const findingsBefore = await t.prisma.reconciliationFinding.findMany({
      where: { applicationId: app.id },
    });
    expect(findingsBefore.map((f) => f.kind).sort()).toEqual(['ORPHAN_ACCOUNT', 'UNMANAGED_ENTITLEMENT']);

    // hana's entry moves and leaves ops; ivan's changes too, which her resync must not read.
    await c.modifyDN(hanaDn, 'uid=hana2');
    await c.modify(ops.externalId, [
      new Change({
        operation: 'replace',
        modification: new Attribute({ type: 'member', values: [`cn=nobody,${sub.baseDn}`] }),
      }),
    ]);
    await c.del(`uid=ivan,ou=people,${sub.baseDn}`);
    await c.unbind();

    const result = await (await t.callerFor(admin.id)).reconciliation.resyncPerson({ identityId: hana.id });
    expect(result.skipped).toEqual([]);
    expect(result.runIds).toHaveLength(1);
    expect(await run(result.runIds[0]!)).toEqual({ status: 'SUCCEEDED' });
    const personRun = await t.prisma.reconciliationRun.findUniqueOrThrow({
      where: { id: result.runIds[0]! },
    });
    expect([
      personRun.mode,
      personRun.trigger,
      personRun.identityId,
      personRun.accountsRead,
      personRun.membershipsRead,
    ]).toEqual(['PERSON', 'PERSON', hana.id, 1, 0]);
    const observed = await t.prisma.observedAccount.findMany({
      where: { applicationId: app.id },
      orderBy: { username: 'asc' },
    });
    expect(observed.map((o) => [o.username, o.nativeId, o.goneAt === null])).toEqual([
      ['hana2', `uid=hana2,ou=people,${sub.baseDn}`, true],
      ['ivan', `uid=ivan,ou=people,${sub.baseDn}`, true], // not hers: not read, not marked gone
    ]);
    const findings = await t.prisma.reconciliationFinding.findMany({
      where: { applicationId: app.id },
      orderBy: { kind: 'asc' },
    });
    expect(findings.map((f) => [f.kind, f.status])).toEqual([
      ['ORPHAN_ACCOUNT', 'OPEN'],
      ['UNMANAGED_ENTITLEMENT', 'RESOLVED'],
    ]);
  });

  it('keeps each application’s reconciliation schedules in step with its settings', async () => {
    const scheduler = createReconciliationScheduler(t.boss);
    const app = await createApplication(t.prisma, {
      config: dir.config,
      secrets: dir.secrets,
      secretKey: TEST_SECRET_KEY,
    });
    await t.prisma.application.update({
      where: { id: app.id },
      data: { reconciliation: { fullSchedule: '0 2 * * *', incrementalSchedule: '*/15 * * * *' } },
    });
    await syncReconciliationSchedules(t.prisma, scheduler);
    const mine = async () =>
      (await t.boss.getSchedules('reconciliation.run'))
        .filter((s) => s.key.startsWith(app.id))
        .map((s) => [s.key, s.cron, s.data])
        .sort();
    expect(await mine()).toEqual([
      [`${app.id}/FULL`, '0 2 * * *', { applicationId: app.id, mode: 'FULL' }],
      [`${app.id}/INCREMENTAL`, '*/15 * * * *', { applicationId: app.id, mode: 'INCREMENTAL' }],
    ]);
    await t.prisma.application.update({
      where: { id: app.id },
      data: { reconciliation: { fullSchedule: '0 3 * * *' } },
    });
    await syncReconciliationSchedules(t.prisma, scheduler);
    expect(await mine()).toEqual([[`${app.id}/FULL`, '0 3 * * *', { applicationId: app.id, mode: 'FULL' }]]);
    await t.prisma.application.update({ where: { id: app.id }, data: { enabled: false } });
    await syncReconciliationSchedules(t.prisma, scheduler);
    expect(await mine()).toEqual([]);
  });
});
