import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Attribute, Change, Client } from 'ldapts';
import { systemActor } from '@/server/auth/actor.ts';
import { parseSecretKey } from '@/server/lib/secret-box.ts';
import { ConnectorCache, planAccess, applicationMapping } from '@/server/modules/provisioning/index.ts';
import {
  createApplication,
  createEntitlement,
  createGrant,
  createIdentity,
} from '@/server/seed/factories.ts';
import { ensureGroup } from '@/server/seed/directory-setup.ts';
import { generalizedTimeToIso } from '@/server/connectors/ldap/ldap-time.ts';
import { createTestContext, type TTestContext } from '@/server/testing/test-context.ts';
import { createTestDirectory, TEST_SECRET_KEY, type TTestDirectory } from '@/server/testing/test-ldap.ts';
import { waitForOperations } from '@/server/testing/wait-for.ts';
import { startWorker, type TWorker } from '@/jobs/start-worker.ts';
import type {
  TConnector,
  TListOptions,
  TTargetAccount,
  TTargetGrant,
} from '@/server/connectors/sdk/connector.ts';
import { plannedAccountLinker } from './correlate-observed-accounts.ts';
import { RESOLVED_NOT_FOUND } from './finding-store.ts';
import { readTargetIntoObserved } from './read-target.ts';
import { loadReconciliationStates, type TObservedRow } from './reconciliation-states.ts';
import { runReconciliation } from './run-reconciliation.ts';
import { startReconciliation, type TRunTrigger } from './start-reconciliation.ts';

let t: TTestContext;
let dir: TTestDirectory;
let worker: TWorker | null;
const connectors = new ConnectorCache(parseSecretKey(TEST_SECRET_KEY));

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
  await connectors.closeAll();
  await t?.close();
});

/** Changes the directory as an administrator's ldapmodify would: straight to slapd, not through Gatehouse. */
const ldap = async (fn: (c: Client) => Promise<unknown>) => {
  const c = new Client({ url: dir.admin.url });
  await c.bind(dir.admin.bindDn, dir.admin.bindPassword);
  try {
    await fn(c);
  } finally {
    await c.unbind();
  }
};
const person = (uid: string, base: string, extra: Record<string, string> = {}) => ({
  objectClass: ['top', 'person', 'organizationalPerson', 'inetOrgPerson'],
  uid,
  cn: `Person ${uid}`,
  sn: uid,
  ...extra,
});
/** modifyTimestamp has whole seconds: a change meant to come after a run's watermark waits for the next second. */
const nextSecond = () => new Promise((resolve) => setTimeout(resolve, 1100 - (Date.now() % 1000)));

async function reconcile(
  applicationId: string,
  mode: 'FULL' | 'INCREMENTAL' = 'FULL',
  trigger: TRunTrigger = 'MANUAL',
) {
  const { runId } = await startReconciliation(t.prisma, t.queue, { applicationId, mode, trigger });
  const outcome = await runReconciliation(t.prisma, runId, {
    queue: t.queue,
    connectorFor: (app) => connectors.get(app),
  });
  const run = await t.prisma.reconciliationRun.findUniqueOrThrow({ where: { id: runId } });
  expect(outcome, run.error ?? '').toEqual({ status: 'SUCCEEDED' });
  return run;
}
const openFindings = (applicationId: string) =>
  t.prisma.reconciliationFinding.findMany({
    where: { applicationId, status: { not: 'RESOLVED' } },
    orderBy: { factKey: 'asc' },
  });

describe('reconciling an LDAP application against the real slapd', () => {
  let app: { id: string };
  let finance: { id: string; externalId: string };
  let admins: { id: string; externalId: string };
  const people: Record<string, { id: string; dn: string }> = {};

  beforeAll(async () => {
    app = await createApplication(t.prisma, {
      config: dir.config,
      secrets: dir.secrets,
      secretKey: TEST_SECRET_KEY,
    });
    finance = await createEntitlement(t.prisma, app.id, {
      externalId: await ensureGroup(dir.admin, dir.baseDn, 'finance', 'Finance'),
    });
    admins = await createEntitlement(t.prisma, app.id, {
      externalId: await ensureGroup(dir.admin, dir.baseDn, 'admins', 'Admins'),
    });
    for (const username of ['alice', 'bob', 'carol']) {
      const identity = await createIdentity(t.prisma, { username });
      await createGrant(t.prisma, { identityId: identity.id, entitlementId: finance.id });
      people[username] = { id: identity.id, dn: `uid=${username},ou=people,${dir.baseDn}` };
    }
    const ops = await t.prisma.$transaction((tx) =>
      planAccess(
        tx,
        Object.values(people).map((p) => p.id),
        { reason: 'TEST', actor: systemActor('SEED') },
        { queue: t.queue },
      ),
    );
    await waitForOperations(
      t.prisma,
      ops.map((o) => o.id),
    );
  });

  it('finds nothing where the target holds what the portal provisioned', async () => {
    const run = await reconcile(app.id);
    expect([run.accountsRead, run.membershipsRead, run.findingsOpened]).toEqual([3, 3, 0]);
    expect(await openFindings(app.id)).toEqual([]);
    const observed = await t.prisma.observedAccount.findMany({ where: { applicationId: app.id } });
    const periods = await t.prisma.observedMembership.findMany({
      where: { observedAccountId: { in: observed.map((o) => o.id) } },
    });
    const held = (id: string) => periods.filter((p) => p.observedAccountId === id).length;
    expect(observed.map((o) => [o.username, o.accountId !== null, held(o.id)]).sort()).toEqual([
      ['alice', true, 1],
      ['bob', true, 1],
      ['carol', true, 1],
    ]);
  });

  it('finds a membership added behind the portal’s back, an orphan and a leaver’s enabled account', async () => {
    await ldap(async (c) => {
      await c.modify(admins.externalId, [
        new Change({
          operation: 'add',
          modification: new Attribute({ type: 'member', values: [people.alice!.dn] }),
        }),
      ]);
      await c.add(`uid=mallory,ou=people,${dir.baseDn}`, person('mallory', dir.baseDn));
    });
    await t.prisma.identity.update({
      where: { id: people.carol!.id },
      data: { status: 'TERMINATED', terminatedAt: new Date() },
    });

    const run = await reconcile(app.id);
    const findings = await openFindings(app.id);
    const mallory = await t.prisma.observedAccount.findFirstOrThrow({
      where: { applicationId: app.id, username: 'mallory' },
    });
    const aliceObserved = await t.prisma.observedAccount.findFirstOrThrow({
      where: { applicationId: app.id, username: 'alice' },
    });
    const carolObserved = await t.prisma.observedAccount.findFirstOrThrow({
      where: { applicationId: app.id, username: 'carol' },
    });
    expect(findings.map((f) => [f.kind, f.identityId, f.entitlementId, f.status].join(' ')).sort()).toEqual(
      [
        ['ORPHAN_ACCOUNT', null, null, 'OPEN'],
        ['LEAVER_ACCOUNT_ENABLED', people.carol!.id, null, 'OPEN'],
        // carol no longer should hold finance: the target still has her in it
        ['UNMANAGED_ENTITLEMENT', people.carol!.id, finance.id, 'OPEN'],
        ['UNMANAGED_ENTITLEMENT', people.alice!.id, admins.id, 'OPEN'],
      ]
        .map((f) => f.join(' '))
        .sort(),
    );
    expect(findings.map((f) => f.factKey).sort()).toEqual(
      [
        `ORPHAN_ACCOUNT:${mallory.stableId}`,
        `LEAVER_ACCOUNT_ENABLED:${carolObserved.stableId}`,
        `UNMANAGED_ENTITLEMENT:${carolObserved.stableId}:${finance.id}`,
        `UNMANAGED_ENTITLEMENT:${aliceObserved.stableId}:${admins.id}`,
      ].sort(),
    );
    expect(run.findingsOpened).toBe(4);
    expect(run.stats).toMatchObject({
      byKind: { ORPHAN_ACCOUNT: 1, LEAVER_ACCOUNT_ENABLED: 1, UNMANAGED_ENTITLEMENT: 2 },
    });
    const events = await t.prisma.auditEvent.findMany({
      where: {
        action: { in: ['reconciliation.run_started', 'reconciliation.run_finished'] },
        entityId: app.id,
      },
      orderBy: { id: 'asc' },
    });
    expect(events.at(-1)?.after).toMatchObject({
      status: 'SUCCEEDED',
      opened: 4,
      byKind: { UNMANAGED_ENTITLEMENT: 2 },
    });
  });

  it('updates a finding seen again, and resolves it once the membership is gone (closing the period, not deleting it)', async () => {
    const before = await t.prisma.reconciliationFinding.findFirstOrThrow({
      where: { applicationId: app.id, kind: 'UNMANAGED_ENTITLEMENT', entitlementId: admins.id },
    });
    const again = await reconcile(app.id);
    const seenAgain = await t.prisma.reconciliationFinding.findMany({
      where: { applicationId: app.id, kind: 'UNMANAGED_ENTITLEMENT', entitlementId: admins.id },
    });
    expect(seenAgain.map((f) => [f.id, f.status, f.runId, f.lastRunId])).toEqual([
      [before.id, 'OPEN', before.runId, again.id],
    ]);
    expect(again.findingsOpened).toBe(0);

    await ldap((c) =>
      c.modify(admins.externalId, [
        new Change({
          operation: 'delete',
          modification: new Attribute({ type: 'member', values: [people.alice!.dn] }),
        }),
      ]),
    );
    const after = await reconcile(app.id);
    const resolved = await t.prisma.reconciliationFinding.findUniqueOrThrow({ where: { id: before.id } });
    expect([resolved.status, resolved.resolution, resolved.resolvedAt !== null]).toEqual([
      'RESOLVED',
      RESOLVED_NOT_FOUND,
      true,
    ]);
    expect(after.findingsClosed).toBe(1);
    const periods = await t.prisma.observedMembership.findMany({ where: { entitlementId: admins.id } });
    expect(periods.map((p) => p.endedAt !== null)).toEqual([true]);
  });

  it('keeps a renamed entry (new DN, same entryUUID) as the same account, not an orphan plus a missing one', async () => {
    const before = await t.prisma.observedAccount.findFirstOrThrow({
      where: { applicationId: app.id, username: 'bob' },
    });
    const newDn = `uid=robert,ou=people,${dir.baseDn}`;
    await ldap(async (c) => {
      await c.modifyDN(people.bob!.dn, 'uid=robert');
      // What the refint overlay does: the group follows the rename.
      await c.modify(finance.externalId, [
        new Change({
          operation: 'delete',
          modification: new Attribute({ type: 'member', values: [people.bob!.dn] }),
        }),
        new Change({ operation: 'add', modification: new Attribute({ type: 'member', values: [newDn] }) }),
      ]);
    });
    const run = await reconcile(app.id);
    const after = await t.prisma.observedAccount.findMany({
      where: { applicationId: app.id, stableId: before.stableId },
    });
    expect(after.map((o) => [o.id, o.nativeId, o.accountId, o.goneAt])).toEqual([
      [before.id, newDn, before.accountId, null],
    ]);
    // The planned account follows, so the next write addresses the entry where it is now.
    expect((await t.prisma.account.findUniqueOrThrow({ where: { id: before.accountId! } })).nativeId).toBe(
      newDn,
    );
    expect(run.findingsOpened).toBe(0);
    const kinds = (await openFindings(app.id)).map((f) => f.kind);
    expect(kinds).not.toContain('MISSING_ACCOUNT');
    expect(kinds.filter((k) => k === 'ORPHAN_ACCOUNT')).toHaveLength(1); // mallory alone
    const periods = await t.prisma.observedMembership.findMany({ where: { observedAccountId: before.id } });
    expect(periods.map((p) => p.endedAt)).toEqual([null]);
  });

  it('looks for an entry the streamed read missed (moved while it ran) by its entryUUID before calling it gone', async () => {
    const carol = await t.prisma.observedAccount.findFirstOrThrow({
      where: { applicationId: app.id, username: 'carol' },
    });
    const { runId } = await startReconciliation(t.prisma, t.queue, {
      applicationId: app.id,
      mode: 'FULL',
      trigger: 'MANUAL',
    });
    // The paged search does not hand carol over, as one can miss an entry renamed while it runs.
    const missing = (real: TConnector): TConnector =>
      Object.assign(Object.create(real) as TConnector, {
        streamAccounts: (options: TListOptions, each: (batch: TTargetAccount[]) => Promise<void>) =>
          real.streamAccounts!(options, (batch) => each(batch.filter((a) => a.stableId !== carol.stableId))),
      });
    const outcome = await runReconciliation(t.prisma, runId, {
      queue: t.queue,
      connectorFor: (a) => missing(connectors.get(a)),
    });
    expect(outcome).toEqual({ status: 'SUCCEEDED' });
    const after = await t.prisma.observedAccount.findUniqueOrThrow({ where: { id: carol.id } });
    const open = await t.prisma.observedMembership.count({
      where: { observedAccountId: carol.id, endedAt: null },
    });
    expect([after.goneAt, open]).toEqual([null, 1]);
    expect((await openFindings(app.id)).map((f) => f.kind)).not.toContain('MISSING_ACCOUNT');
  });

  it('keeps one row for a new entry a full read hands over twice (as a paged search may when the entry moves during it)', async () => {
    const frankDn = `uid=frank,ou=people,${dir.baseDn}`;
    await ldap((c) => c.add(frankDn, person('frank', dir.baseDn)));
    const { runId } = await startReconciliation(t.prisma, t.queue, {
      applicationId: app.id,
      mode: 'FULL',
      trigger: 'MANUAL',
    });
    // Every batch twice: frank is new the first time (written by COPY), and must not be again.
    const twice = (real: TConnector): TConnector =>
      Object.assign(Object.create(real) as TConnector, {
        streamAccounts: (options: TListOptions, each: (batch: TTargetAccount[]) => Promise<void>) =>
          real.streamAccounts!(options, async (batch) => {
            await each(batch);
            await each(batch.map((a) => ({ ...a })));
          }),
      });
    const outcome = await runReconciliation(t.prisma, runId, {
      queue: t.queue,
      connectorFor: (a) => twice(connectors.get(a)),
    });
    const run = await t.prisma.reconciliationRun.findUniqueOrThrow({ where: { id: runId } });
    expect(outcome, run.error ?? '').toEqual({ status: 'SUCCEEDED' });
    expect(
      await t.prisma.observedAccount.count({
        where: { applicationId: app.id, username: 'frank', goneAt: null },
      }),
    ).toBe(1);

    // frank leaves again, and the next run settles it (the tests below start from a settled state).
    await ldap((c) => c.del(frankDn));
    expect((await reconcile(app.id)).stats).toMatchObject({ accountsGone: 1 });
  });

  it('writes nothing for what did not change, and a run that fails half-way converges on the next (nothing lost, nothing doubled)', async () => {
    const openPeriods = async () =>
      (
        await t.prisma.observedMembership.findMany({
          where: {
            observedAccountId: {
              in: (await t.prisma.observedAccount.findMany({ where: { applicationId: app.id } })).map(
                (o) => o.id,
              ),
            },
            endedAt: null,
          },
          select: { observedAccountId: true, entitlementId: true },
        })
      )
        .map((m) => `${m.observedAccountId}:${m.entitlementId}`)
        .sort();
    const before = await reconcile(app.id);
    const settled = await openPeriods();
    expect((await reconcile(app.id)).stats).toMatchObject({ written: { accounts: 0, memberships: 0 } });

    // erin joins the directory in two groups; the run reading her dies after the first membership.
    const ops = await createEntitlement(t.prisma, app.id, {
      externalId: await ensureGroup(dir.admin, dir.baseDn, 'ops', 'Ops'),
    });
    const oncall = await createEntitlement(t.prisma, app.id, {
      externalId: await ensureGroup(dir.admin, dir.baseDn, 'oncall', 'On call'),
    });
    const erinDn = `uid=erin,ou=people,${dir.baseDn}`;
    const memberChange = (operation: 'add' | 'delete') => (c: Client) =>
      Promise.all(
        [ops, oncall].map((g) =>
          c.modify(g.externalId, [
            new Change({ operation, modification: new Attribute({ type: 'member', values: [erinDn] }) }),
          ]),
        ),
      );
    await ldap(async (c) => {
      await c.add(erinDn, person('erin', dir.baseDn));
      await memberChange('add')(c);
    });
    const { runId } = await startReconciliation(t.prisma, t.queue, {
      applicationId: app.id,
      mode: 'FULL',
      trigger: 'MANUAL',
    });
    const dying = (real: TConnector): TConnector =>
      Object.assign(Object.create(real) as TConnector, {
        streamGrants: (options: TListOptions, each: (batch: TTargetGrant[]) => Promise<void>) =>
          real.streamGrants!(options, async (batch) => {
            await each(
              batch.filter(
                (g) => !(g.accountNativeId === erinDn && g.entitlementExternalId === oncall.externalId),
              ),
            );
            throw new Error('the worker died');
          }),
      });
    expect(
      await runReconciliation(t.prisma, runId, {
        queue: t.queue,
        connectorFor: (a) => dying(connectors.get(a)),
      }),
    ).toMatchObject({ status: 'FAILED' });
    const erin = await t.prisma.observedAccount.findFirstOrThrow({
      where: { applicationId: app.id, username: 'erin' },
    });
    expect((await openPeriods()).filter((k) => k.startsWith(erin.id))).toEqual([`${erin.id}:${ops.id}`]);

    const next = await reconcile(app.id);
    expect(next.stats).toMatchObject({ written: { accounts: 0, memberships: 1 } });
    expect(await openPeriods()).toEqual(
      [...settled, `${erin.id}:${ops.id}`, `${erin.id}:${oncall.id}`].sort(),
    );
    expect(
      await t.prisma.observedAccount.count({
        where: { applicationId: app.id, goneAt: { gte: before.startedAt! } },
      }),
    ).toBe(0);

    // erin leaves again: gone, her periods ended, her findings resolved.
    await ldap(async (c) => {
      await memberChange('delete')(c);
      await c.del(erinDn);
    });
    const last = await reconcile(app.id);
    expect([
      last.stats,
      (await t.prisma.observedAccount.findUniqueOrThrow({ where: { id: erin.id } })).goneAt,
    ]).toMatchObject([{ accountsGone: 1, membershipsEnded: 2 }, expect.any(Date)]);
    expect(await openPeriods()).toEqual(settled);
  });

  it('an incremental run reads only what changed since the last run, and finds the new fact', async () => {
    // The last run's watermark is the latest change it saw; a marker change makes that "now", then
    // the changes below fall in a later second than anything the last full run read.
    await nextSecond();
    const marker = await ensureGroup(dir.admin, dir.baseDn, `marker-${Date.now()}`, 'marks the watermark');
    const full = await reconcile(app.id);
    // The watermark is the marker's second when the run began within it, else the next second (a
    // loaded machine may take longer than the second's rest to start the run): the marker is read
    // again only in the first case.
    let markedAt = '';
    await ldap(async (c) => {
      const { searchEntries } = await c.search(marker, { scope: 'base', attributes: ['modifyTimestamp'] });
      markedAt = generalizedTimeToIso(String(searchEntries[0]!.modifyTimestamp))!;
    });
    const markerReadAgain = full.watermark === markedAt;
    await nextSecond();
    await ldap(async (c) => {
      await c.modify(admins.externalId, [
        new Change({
          operation: 'add',
          modification: new Attribute({ type: 'member', values: [people.alice!.dn] }),
        }),
      ]);
      await c.modify(`uid=mallory,ou=people,${dir.baseDn}`, [
        new Change({
          operation: 'replace',
          modification: new Attribute({ type: 'description', values: ['changed'] }),
        }),
      ]);
    });
    const run = await reconcile(app.id, 'INCREMENTAL');
    expect(run.stats).toMatchObject({ readAs: 'CHANGED' });
    // mallory is the one account changed; admins is the one group changed (alice its one member),
    // and the marker group (no members) when it changed in the previous watermark's second.
    expect([run.accountsRead, run.membershipsRead]).toEqual([1, 1]);
    expect(run.entitlementsRead).toBe(markerReadAgain ? 2 : 1);
    const rogue = await t.prisma.reconciliationFinding.findMany({
      where: {
        applicationId: app.id,
        kind: 'UNMANAGED_ENTITLEMENT',
        entitlementId: admins.id,
        status: 'OPEN',
      },
    });
    expect(rogue.map((f) => [f.identityId, f.runId])).toEqual([[people.alice!.id, run.id]]);
    // What the incremental run did not read stays as the full run left it.
    expect((await openFindings(app.id)).map((f) => f.kind).sort()).toEqual([
      'LEAVER_ACCOUNT_ENABLED',
      'ORPHAN_ACCOUNT',
      'UNMANAGED_ENTITLEMENT',
      'UNMANAGED_ENTITLEMENT',
    ]);
  });

  it('does not report what the portal is changing itself (a commitment or an operation in flight)', async () => {
    await worker?.stop({ graceful: false });
    worker = null;
    // bob gives finance up: the plan commits REMOVING and queues the revoke, which no worker applies yet.
    await t.prisma.grant.updateMany({
      where: { identityId: people.bob!.id },
      data: { status: 'REVOKED', revokedAt: new Date() },
    });
    // alice is granted admins, which the target already holds (added by hand): ADDING, in flight.
    await createGrant(t.prisma, { identityId: people.alice!.id, entitlementId: admins.id });
    const ops = await t.prisma.$transaction((tx) =>
      planAccess(
        tx,
        [people.bob!.id, people.alice!.id],
        { reason: 'TEST', actor: systemActor('SEED') },
        { queue: t.queue },
      ),
    );
    expect(ops.map((o) => o.kind).sort()).toEqual([
      'ADD_ENTITLEMENT',
      'DISABLE_ACCOUNT',
      'REMOVE_ENTITLEMENT',
    ]);
    // And alice's finance membership vanishes from the target while a retry of it is pending.
    await ldap((c) =>
      c.modify(finance.externalId, [
        new Change({
          operation: 'delete',
          modification: new Attribute({ type: 'member', values: [people.alice!.dn] }),
        }),
      ]),
    );
    const aliceAccount = await t.prisma.account.findFirstOrThrow({
      where: { applicationId: app.id, identityId: people.alice!.id },
    });
    await t.prisma.provisioningOperation.create({
      data: {
        applicationId: app.id,
        accountId: aliceAccount.id,
        identityId: people.alice!.id,
        entitlementId: finance.id,
        kind: 'ADD_ENTITLEMENT',
        reason: 'TEST',
        status: 'RETRYING',
      },
    });

    await reconcile(app.id);
    const findings = await openFindings(app.id);
    const about = (id: string) =>
      findings.filter((f) => f.identityId === id).map((f) => `${f.kind}:${f.entitlementId ?? ''}`);
    expect(about(people.bob!.id)).toEqual([]);
    expect(about(people.alice!.id)).toEqual([]);
    // The membership alice had by hand is what she should hold now: no longer a fact to revert.
    const rogue = await t.prisma.reconciliationFinding.findFirstOrThrow({
      where: {
        applicationId: app.id,
        kind: 'UNMANAGED_ENTITLEMENT',
        entitlementId: admins.id,
        identityId: people.alice!.id,
      },
      orderBy: { createdAt: 'desc' },
    });
    expect(rogue.status).toBe('RESOLVED');
  });

  it('hands the diff the observed state a full read leaves, as the database holds it', async () => {
    // A new account in a group (written by this read), the rest as the last run left them (not written).
    const zedDn = `uid=zed,ou=people,${dir.baseDn}`;
    await ldap(async (c) => {
      await c.add(zedDn, person('zed', dir.baseDn, { mail: 'zed@acme.test' }));
      await c.modify(finance.externalId, [
        new Change({ operation: 'add', modification: new Attribute({ type: 'member', values: [zedDn] }) }),
      ]);
    });
    const application = await t.prisma.application.findUniqueOrThrow({ where: { id: app.id } });
    const entitlements = await t.prisma.entitlement.findMany({
      where: { applicationId: app.id },
      select: { id: true, externalId: true },
    });
    const read = await readTargetIntoObserved(t.prisma, {
      run: { id: crypto.randomUUID(), applicationId: app.id },
      connector: connectors.get(application),
      scope: { kind: 'FULL' },
      now: new Date(),
      keep: new Map(Object.keys(applicationMapping(application)).map((n) => [n.toLowerCase(), n])),
      link: plannedAccountLinker(t.prisma, app.id, { whole: true }),
      entitlementIdOf: (externalId) =>
        entitlements.find((e) => e.externalId.toLowerCase() === externalId.toLowerCase())?.id,
      progress: async () => {},
    });
    expect(read.written.accounts).toBe(1);
    const stored = await loadReconciliationStates(t.prisma, app.id, { kind: 'ALL' });
    const sorted = (rows: TObservedRow[]) =>
      rows
        .map((o) => ({ ...o, memberships: [...o.memberships].sort() }))
        .sort((a, b) => a.id.localeCompare(b.id));
    expect(sorted(read.observed!)).toEqual(sorted(stored.observed));
    expect(read.observed!.find((o) => o.username === 'zed')?.memberships).toEqual([finance.id]);
  });
});

describe('onboarding an existing LDAP application', () => {
  it('correlates its accounts to people by username or mail and reports their memberships, not orphans', async () => {
    const existing = await createTestDirectory();
    const app = await createApplication(t.prisma, {
      config: existing.config,
      secrets: existing.secrets,
      secretKey: TEST_SECRET_KEY,
    });
    const erin = await createIdentity(t.prisma, { username: 'erin' });
    const frank = await createIdentity(t.prisma, { username: 'frank', email: 'frank.jones@acme.test' });
    const members = [
      `uid=erin,ou=people,${existing.baseDn}`,
      `uid=fjones,ou=people,${existing.baseDn}`,
      `uid=ghost,ou=people,${existing.baseDn}`,
    ];
    const c = new Client({ url: existing.admin.url });
    await c.bind(existing.admin.bindDn, existing.admin.bindPassword);
    await c.add(members[0]!, person('erin', existing.baseDn));
    await c.add(members[1]!, person('fjones', existing.baseDn, { mail: 'Frank.Jones@acme.test' }));
    await c.add(members[2]!, person('ghost', existing.baseDn));
    await c.unbind();
    const sales = await createEntitlement(t.prisma, app.id, {
      externalId: await ensureGroup(existing.admin, existing.baseDn, 'sales', 'Sales', members),
    });

    const run = await reconcile(app.id, 'FULL', 'ONBOARDING');
    expect(run.stats).toMatchObject({ discovered: 2 });
    const accounts = await t.prisma.account.findMany({
      where: { applicationId: app.id },
      orderBy: { username: 'asc' },
    });
    expect(accounts.map((a) => [a.username, a.identityId, a.origin, a.nativeId])).toEqual([
      ['erin', erin.id, 'DISCOVERED', members[0]],
      ['fjones', frank.id, 'DISCOVERED', members[1]],
    ]);
    const findings = await openFindings(app.id);
    expect(findings.map((f) => [f.kind, f.identityId, f.entitlementId]).sort()).toEqual(
      [
        ['ORPHAN_ACCOUNT', null, null],
        ['UNMANAGED_ENTITLEMENT', erin.id, sales.id],
        ['UNMANAGED_ENTITLEMENT', frank.id, sales.id],
      ].sort(),
    );
  });
});

describe('a run reacts to what it finds, as the application’s settings say', () => {
  it('reverts a rogue membership through the worker under a REVERT policy, and holds a run the mass-change guard stops', async () => {
    worker ??= await startWorker({
      databaseUrl: t.url,
      secretKey: TEST_SECRET_KEY,
      log: () => {},
      only: ['provisioning.apply'],
    });
    const app = await createApplication(t.prisma, {
      config: dir.config,
      secrets: dir.secrets,
      secretKey: TEST_SECRET_KEY,
    });
    const base = await createEntitlement(t.prisma, app.id, {
      externalId: await ensureGroup(dir.admin, dir.baseDn, 'react-base', 'React base'),
    });
    const payroll = await createEntitlement(t.prisma, app.id, {
      externalId: await ensureGroup(dir.admin, dir.baseDn, 'react-payroll', 'React payroll'),
    });
    const dave = await createIdentity(t.prisma, { username: 'dave' });
    await createGrant(t.prisma, { identityId: dave.id, entitlementId: base.id });
    const ops = await t.prisma.$transaction((tx) =>
      planAccess(tx, [dave.id], { reason: 'TEST', actor: systemActor('SEED') }, { queue: t.queue }),
    );
    await waitForOperations(
      t.prisma,
      ops.map((o) => o.id),
    );
    const daveDn = `uid=dave,ou=people,${dir.baseDn}`;
    const membersOf = async (groupDn: string) => {
      let members: string[] = [];
      await ldap(async (c) => {
        const { searchEntries } = await c.search(groupDn, { scope: 'base', attributes: ['member'] });
        const m = searchEntries[0]?.member ?? [];
        members = (Array.isArray(m) ? m : [m]).map(String).map((v) => v.toLowerCase());
      });
      return members;
    };
    const addBehindTheBack = () =>
      ldap((c) =>
        c.modify(payroll.externalId, [
          new Change({ operation: 'add', modification: new Attribute({ type: 'member', values: [daveDn] }) }),
        ]),
      );

    await t.prisma.application.update({
      where: { id: app.id },
      data: {
        reconciliation: { reactions: { UNMANAGED_ENTITLEMENT: 'REVERT' }, massChangeGuardPercent: 100 },
      },
    });
    await addBehindTheBack();
    expect(await membersOf(payroll.externalId)).toContain(daveDn.toLowerCase());
    const run = await reconcile(app.id);
    expect(run.stats).toMatchObject({ reactions: { reverted: 1, held: false } });
    const finding = await t.prisma.reconciliationFinding.findFirstOrThrow({
      where: { applicationId: app.id, kind: 'UNMANAGED_ENTITLEMENT', entitlementId: payroll.id },
    });
    expect(finding).toMatchObject({ status: 'IN_PROGRESS', decision: 'REVERT', identityId: dave.id });
    await waitForOperations(t.prisma, [finding.operationId!]);
    expect(await membersOf(payroll.externalId)).not.toContain(daveDn.toLowerCase());
    expect(await membersOf(base.externalId)).toContain(daveDn.toLowerCase());
    await reconcile(app.id);
    expect(
      await t.prisma.reconciliationFinding.findUniqueOrThrow({ where: { id: finding.id } }),
    ).toMatchObject({ status: 'RESOLVED' });

    // The same change again, with a guard that allows none: the run stops for a person to confirm.
    await t.prisma.application.update({
      where: { id: app.id },
      data: { reconciliation: { reactions: { UNMANAGED_ENTITLEMENT: 'REVERT' }, massChangeGuardPercent: 0 } },
    });
    await addBehindTheBack();
    const { runId } = await startReconciliation(t.prisma, t.queue, {
      applicationId: app.id,
      mode: 'FULL',
      trigger: 'MANUAL',
    });
    await runReconciliation(t.prisma, runId, { queue: t.queue, connectorFor: (a) => connectors.get(a) });
    const held = await t.prisma.reconciliationRun.findUniqueOrThrow({ where: { id: runId } });
    expect(held).toMatchObject({
      status: 'HELD',
      heldReason: expect.stringMatching(/would revert 1 membership/),
    });
    expect(
      await t.prisma.reconciliationFinding.findFirstOrThrow({
        where: { applicationId: app.id, kind: 'UNMANAGED_ENTITLEMENT', status: { not: 'RESOLVED' } },
      }),
    ).toMatchObject({ status: 'OPEN', operationId: null });
    expect(await membersOf(payroll.externalId)).toContain(daveDn.toLowerCase());
  });
});
