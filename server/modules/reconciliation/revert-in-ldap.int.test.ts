import { Attribute, Change } from 'ldapts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '@/server/auth/actor.ts';
import { planAccess } from '@/server/modules/provisioning/index.ts';
import { ensureGroup, withClient } from '@/server/seed/directory-setup.ts';
import {
  createApplication,
  createEntitlement,
  createGrant,
  createIdentity,
} from '@/server/seed/factories.ts';
import { createTestContext, type TTestContext } from '@/server/testing/test-context.ts';
import { createTestDirectory, TEST_SECRET_KEY, type TTestDirectory } from '@/server/testing/test-ldap.ts';
import { waitFor, waitForOperations } from '@/server/testing/wait-for.ts';
import { startWorker, type TWorker } from '@/jobs/start-worker.ts';
import {
  observeAccount,
  observeMembership,
  openFinding,
  startRun,
} from '@/server/testing/reconciliation-fixtures.ts';
import { decideFindings } from './decide-findings.ts';
import { reactToFindings } from './react-to-findings.ts';

let t: TTestContext;
let dir: TTestDirectory;
let worker: TWorker;

beforeAll(async () => {
  t = await createTestContext();
  dir = await createTestDirectory();
  worker = await startWorker({
    databaseUrl: t.url,
    secretKey: TEST_SECRET_KEY,
    log: () => {},
    only: ['provisioning.apply'],
  });
});
afterAll(async () => {
  await worker?.stop({ graceful: false });
  await t?.close();
});

describe('a revert against the real slapd', () => {
  it('takes a membership added by hand out of the group through the worker, and closes the finding', async () => {
    const app = await createApplication(t.prisma, {
      config: dir.config,
      secrets: dir.secrets,
      secretKey: TEST_SECRET_KEY,
    });
    await t.prisma.application.update({
      where: { id: app.id },
      data: {
        reconciliation: { reactions: { UNMANAGED_ENTITLEMENT: 'REVERT' }, massChangeGuardPercent: 100 },
      },
    });
    const staffDn = await ensureGroup(dir.admin, dir.baseDn, 'Staff', 'Everybody');
    const paymentsDn = await ensureGroup(dir.admin, dir.baseDn, 'Payments Admins', 'Pays suppliers');
    const staff = await createEntitlement(t.prisma, app.id, { externalId: staffDn, name: 'Staff' });
    const payments = await createEntitlement(t.prisma, app.id, {
      externalId: paymentsDn,
      name: 'Payments Admins',
    });
    const person = await createIdentity(t.prisma, { username: 'rogue.ross' });
    await createGrant(t.prisma, { identityId: person.id, entitlementId: staff.id });
    const ops = await t.prisma.$transaction((tx) =>
      planAccess(tx, [person.id], { reason: 'TEST', actor: systemActor('SEED') }, { queue: t.queue }),
    );
    await waitForOperations(
      t.prisma,
      ops.map((o) => o.id),
    );
    const account = await t.prisma.account.findFirstOrThrow({ where: { identityId: person.id } });
    const dn = account.nativeId!;

    // Someone adds the person to Payments Admins with ldapmodify, behind the portal's back.
    await withClient(dir.admin, (c) =>
      c.modify(paymentsDn, [
        new Change({ operation: 'add', modification: new Attribute({ type: 'member', values: [dn] }) }),
      ]),
    );
    expect(await dir.members(paymentsDn)).toEqual([dn]);

    // What a run records: the account by its entryUUID, its memberships, and the rogue one as a finding.
    const entryUUID = (await dir.readEntry(dn, ['entryUUID']))!.entryUUID![0]!;
    const run = await startRun(t.prisma, app.id);
    const observed = await observeAccount(t.prisma, app.id, {
      stableId: entryUUID,
      username: account.username,
      nativeId: dn,
      accountId: account.id,
    });
    await observeMembership(t.prisma, observed.id, staff.id);
    await observeMembership(t.prisma, observed.id, payments.id);
    const finding = await openFinding(t.prisma, {
      runId: run.id,
      applicationId: app.id,
      kind: 'UNMANAGED_ENTITLEMENT',
      observed,
      identityId: person.id,
      entitlementId: payments.id,
    });

    expect(await reactToFindings(t.prisma, { runId: run.id }, { queue: t.queue })).toMatchObject({
      held: false,
      reverted: 1,
    });
    const resolved = await waitFor(
      async () => {
        const f = await t.prisma.reconciliationFinding.findUniqueOrThrow({ where: { id: finding.id } });
        return f.status === 'RESOLVED' ? f : null;
      },
      { what: 'the finding to be resolved by its operation' },
    );
    expect(resolved.resolution).toBe('Put back in the target');
    expect(await dir.members(paymentsDn)).toEqual([]);
    expect(await dir.members(staffDn)).toEqual([dn]);
    expect(
      await t.prisma.accountEntitlement.findMany({
        where: { accountId: account.id },
        select: { entitlementId: true, status: true },
      }),
    ).toEqual([{ entitlementId: staff.id, status: 'ACTIVE' }]);
    const history = await t.prisma.auditEvent.findMany({
      where: {
        subjectId: person.id,
        action: { in: ['reconciliation.finding_decided', 'provisioning.succeeded'] },
      },
      orderBy: { id: 'asc' },
      select: { action: true },
    });
    expect(history.map((a) => a.action)).toEqual([
      'provisioning.succeeded',
      'provisioning.succeeded',
      'reconciliation.finding_decided',
      'provisioning.succeeded',
    ]);
  });

  it('disables an account nobody owns in the directory; one already gone fails for good and its finding is open again', async () => {
    const app = await createApplication(t.prisma, {
      config: dir.config,
      secrets: dir.secrets,
      secretKey: TEST_SECRET_KEY,
    });
    const strayDn = `uid=svc-legacy,ou=people,${dir.baseDn}`;
    await withClient(dir.admin, (c) =>
      c.add(strayDn, {
        objectClass: ['top', 'person', 'organizationalPerson', 'inetOrgPerson'],
        uid: 'svc-legacy',
        cn: 'Legacy service',
        sn: 'Legacy',
      }),
    );
    const run = await startRun(t.prisma, app.id);
    const stray = await observeAccount(t.prisma, app.id, {
      stableId: (await dir.readEntry(strayDn, ['entryUUID']))!.entryUUID![0]!,
      username: 'svc-legacy',
      nativeId: strayDn,
    });
    const gone = await observeAccount(t.prisma, app.id, {
      username: 'svc-gone',
      nativeId: `uid=svc-gone,ou=people,${dir.baseDn}`,
    });
    const strayFinding = await openFinding(t.prisma, {
      runId: run.id,
      applicationId: app.id,
      kind: 'ORPHAN_ACCOUNT',
      observed: stray,
    });
    const goneFinding = await openFinding(t.prisma, {
      runId: run.id,
      applicationId: app.id,
      kind: 'ORPHAN_ACCOUNT',
      observed: gone,
    });
    const admin = await createIdentity(t.prisma, { portalRoles: ['IDENTITY_ADMIN'] });

    expect(
      await decideFindings(
        t.prisma,
        await t.actor(admin.id),
        { findingIds: [strayFinding.id, goneFinding.id], decision: 'REVERT' },
        { queue: t.queue },
      ),
    ).toEqual({ decided: 2, refused: [] });
    const settled = await waitFor(
      async () => {
        const rows = await t.prisma.reconciliationFinding.findMany({
          where: { id: { in: [strayFinding.id, goneFinding.id] } },
        });
        return rows.every((f) => f.status !== 'IN_PROGRESS') ? rows : null;
      },
      { what: 'both reverts to settle' },
    );
    expect(Object.fromEntries(settled.map((f) => [f.id, f.status]))).toEqual({
      [strayFinding.id]: 'RESOLVED',
      [goneFinding.id]: 'OPEN',
    });
    expect((await dir.readEntry(strayDn, ['pwdAccountLockedTime']))?.pwdAccountLockedTime).toEqual([
      '000001010000Z',
    ]);
    const failed = await t.prisma.provisioningOperation.findUniqueOrThrow({
      where: { id: settled.find((f) => f.id === goneFinding.id)!.operationId! },
    });
    expect(failed).toMatchObject({ kind: 'DISABLE_ACCOUNT', status: 'FAILED', errorKind: 'PERMANENT' });
  });
});
