import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Attribute, Change, Client } from 'ldapts';
import { systemActor } from '@/server/auth/actor.ts';
import { parseSecretKey } from '@/server/lib/secret-box.ts';
import { ConnectorCache, planAccess } from '@/server/modules/provisioning/index.ts';
import { runReconciliation, startReconciliation } from '@/server/modules/reconciliation/index.ts';
import {
  createApplication,
  createEntitlement,
  createGrant,
  createIdentity,
  createRole,
} from '@/server/seed/factories.ts';
import { ensureGroup } from '@/server/seed/directory-setup.ts';
import { createTestContext, type TTestContext } from '@/server/testing/test-context.ts';
import { createTestDirectory, TEST_SECRET_KEY, type TTestDirectory } from '@/server/testing/test-ldap.ts';
import { waitForOperations } from '@/server/testing/wait-for.ts';
import { startWorker, type TWorker } from '@/jobs/start-worker.ts';
import { reportCsv } from '@/server/lib/report-export.ts';
import { listDormant } from './dormant-report.ts';
import { REPORT_EXPORTS } from '@/server/exports/report-exports.ts';

/*
 * Dormant access against a real slapd: the lastbind overlay writes authTimestamp when a person
 * binds, a full reconciliation reads it as the account's last use, and the report counts days from
 * it. "Now" is moved forward in the report's deps (authTimestamp cannot be backdated).
 */
let t: TTestContext;
let dir: TTestDirectory;
let worker: TWorker | null;
const connectors = new ConnectorCache(parseSecretKey(TEST_SECRET_KEY));
const DAY = 86_400_000;

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

async function reconcile(applicationId: string) {
  const { runId } = await startReconciliation(t.prisma, t.queue, {
    applicationId,
    mode: 'FULL',
    trigger: 'MANUAL',
  });
  expect(
    await runReconciliation(t.prisma, runId, { queue: t.queue, connectorFor: (app) => connectors.get(app) }),
  ).toEqual({ status: 'SUCCEEDED' });
}

/** Signs in to the directory as the person would: a simple bind with their own password. */
async function signIn(dn: string) {
  const admin = new Client({ url: dir.admin.url });
  await admin.bind(dir.admin.bindDn, dir.admin.bindPassword);
  await admin.modify(
    dn,
    new Change({
      operation: 'replace',
      modification: new Attribute({ type: 'userPassword', values: ['correct horse'] }),
    }),
  );
  await admin.unbind();
  const user = new Client({ url: dir.admin.url });
  await user.bind(dn, 'correct horse');
  await user.unbind();
}

describe('dormant access', () => {
  let app: { id: string; name: string };
  let manual: { id: string };
  const people: Record<string, { id: string; dn: string }> = {};

  beforeAll(async () => {
    app = await createApplication(t.prisma, {
      config: dir.config,
      secrets: dir.secrets,
      secretKey: TEST_SECRET_KEY,
    });
    const finance = await createEntitlement(t.prisma, app.id, {
      name: 'Finance',
      externalId: await ensureGroup(dir.admin, dir.baseDn, 'finance', 'Finance'),
    });
    const admins = await createEntitlement(t.prisma, app.id, {
      name: 'Admins',
      externalId: await ensureGroup(dir.admin, dir.baseDn, 'admins', 'Admins'),
    });
    const role = await createRole(t.prisma, { entitlementIds: [admins.id], name: 'Controllers' });
    for (const [username, department] of [
      ['dora', 'Finance'],
      ['neville', 'Finance'],
      ['ursula', 'Ops'],
    ] as const) {
      const identity = await createIdentity(t.prisma, { username, department });
      people[username] = { id: identity.id, dn: `uid=${username},ou=people,${dir.baseDn}` };
    }
    await createGrant(t.prisma, {
      identityId: people.dora!.id,
      entitlementId: finance.id,
      source: 'REQUEST',
    });
    await createGrant(t.prisma, { identityId: people.dora!.id, roleId: role.id, source: 'BIRTHRIGHT' });
    await createGrant(t.prisma, { identityId: people.neville!.id, entitlementId: finance.id });
    await createGrant(t.prisma, { identityId: people.ursula!.id, entitlementId: finance.id });
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

    // A target that does not tell: its account was read with no last use.
    manual = await createApplication(t.prisma, { connectorType: 'MANUAL', name: 'Paper ledger' });
    const account = await t.prisma.account.create({
      data: {
        applicationId: manual.id,
        identityId: people.neville!.id,
        username: 'neville',
        nativeId: 'neville',
      },
    });
    await t.prisma.observedAccount.create({
      data: {
        applicationId: manual.id,
        stableId: 'n-1',
        nativeId: 'neville',
        username: 'neville',
        enabled: true,
        accountId: account.id,
        firstSeenAt: new Date(Date.now() - 400 * DAY),
      },
    });
  });

  it('reads authTimestamp, which the lastbind overlay sets on a bind, as the account’s last use', async () => {
    const before = Date.now();
    await signIn(people.dora!.dn);
    await signIn(people.ursula!.dn);
    await reconcile(app.id);
    const observed = await t.prisma.observedAccount.findMany({
      where: { applicationId: app.id },
      select: { username: true, lastUsedAt: true },
    });
    const lastUsed = Object.fromEntries(observed.map((o) => [o.username, o.lastUsedAt]));
    // authTimestamp has whole seconds.
    expect(lastUsed.dora!.getTime()).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000);
    expect(lastUsed.ursula).not.toBeNull();
    expect(lastUsed.neville).toBeNull();
  });

  it('lists nothing while everyone used their access (or is newer than the window)', async () => {
    expect((await listDormant(t.prisma, { days: 90, usage: 'dormant' }, { now: new Date() })).rows).toEqual(
      [],
    );
  });

  it('lists access last used N days ago or earlier, and never-used accounts that old, with the entitlements held through grants', async () => {
    const now = new Date(Date.now() + 100 * DAY);
    const { rows } = await listDormant(t.prisma, { days: 90, usage: 'dormant' }, { now });
    expect(rows.map((r) => [r.username, r.applicationId, r.usage, r.idleDays])).toEqual([
      ['dora', app.id, 'DORMANT', 100],
      ['neville', app.id, 'NEVER_USED', 100],
      ['ursula', app.id, 'DORMANT', 100],
    ]);
    const dora = rows[0]!;
    expect(dora.account).toEqual({ username: 'dora', nativeId: people.dora!.dn });
    expect(dora.entitlements.map((e) => [e.name, e.via])).toEqual([
      ['Admins', [{ source: 'BIRTHRIGHT', role: 'Controllers' }]],
      ['Finance', [{ source: 'REQUEST', role: null }]],
    ]);
    expect(dora.sources).toEqual(['BIRTHRIGHT', 'REQUEST']);

    // The window and the filters narrow it; the paper ledger is never called dormant.
    expect((await listDormant(t.prisma, { days: 120, usage: 'dormant' }, { now })).rows).toEqual([]);
    expect(
      (await listDormant(t.prisma, { days: 90, usage: 'dormant', department: 'Ops' }, { now })).rows.map(
        (r) => r.username,
      ),
    ).toEqual(['ursula']);
    expect(
      (await listDormant(t.prisma, { days: 90, usage: 'dormant', application: manual.id }, { now })).rows,
    ).toEqual([]);
  });

  it('says "unknown" for the accounts of a target that does not tell', async () => {
    const { rows } = await listDormant(t.prisma, { days: 90, usage: 'unknown' }, { now: new Date() });
    expect(rows.map((r) => [r.username, r.applicationId, r.usage, r.lastUsedAt, r.idleDays])).toEqual([
      ['neville', manual.id, 'UNKNOWN', null, null],
    ]);
  });

  it('exports what the page shows, from the query string', async () => {
    const spec = REPORT_EXPORTS.dormant!;
    const input = spec.input.parse({ usage: 'unknown', days: '90', department: '' });
    const text = await new Response(
      reportCsv(spec, t.prisma, await t.actor(people.neville!.id), input),
    ).text();
    const [header, ...lines] = text.trim().split('\n');
    expect(header).toBe(
      'Person,Username,Department,Application,Account,Account ID,Usage,Last used,Known since,Days,Entitlements held,Grant sources',
    );
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(
      'neville,Finance,Paper ledger,neville,neville,unknown (the application does not tell),,',
    );
  });

  it('pages by person and account without losing or repeating a row', async () => {
    const now = new Date(Date.now() + 100 * DAY);
    const first = await listDormant(t.prisma, { days: 90, usage: 'dormant', limit: 2 }, { now });
    const second = await listDormant(
      t.prisma,
      { days: 90, usage: 'dormant', limit: 2, cursor: first.next },
      { now },
    );
    expect([...first.rows, ...second.rows].map((r) => r.username)).toEqual(['dora', 'neville', 'ursula']);
    expect(second.next).toBeNull();
  });
});
