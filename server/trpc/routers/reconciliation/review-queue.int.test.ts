import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FindingKind, FindingStatus } from '@/prisma/generated/enums.ts';
import type { TUserActor } from '@/server/auth/actor.ts';
import { factKey } from '@/server/modules/reconciliation/index.ts';
import {
  createApplication,
  createEntitlement,
  createGrant,
  createIdentity,
  createRole,
  createSodRule,
} from '@/server/seed/factories.ts';
import { createTestContext, type TTestContext } from '@/server/testing/test-context.ts';
import { handleReportExport } from '@/server/exports/handle-report-export.ts';
import { REPORT_EXPORTS } from '@/server/exports/report-exports.ts';
import { parse } from 'csv-parse/sync';

/*
 * The review queue's read side against data whose answers are known: who sees which finding, the
 * context each carries (person, manager, leaver, account, other holders, SoD), filters and pages,
 * counts, runs with their counters, and the settings form's save.
 */
let t: TTestContext;
const as: Record<'admin' | 'auditor' | 'owner' | 'appOwner' | 'employee', TUserActor> = {} as never;
const ids: Record<string, string> = {};
const DAY = 86_400_000;
const now = Date.now();

const api = (who: keyof typeof as) => t.caller(as[who]);

async function finding(o: {
  runId: string;
  applicationId: string;
  kind: FindingKind;
  key: string;
  status?: FindingStatus;
  daysAgo: number;
  identityId?: string;
  entitlementId?: string;
  observedAccountId?: string;
  details?: object;
}) {
  const seen = new Date(now - o.daysAgo * DAY);
  const f = await t.prisma.reconciliationFinding.create({
    data: {
      runId: o.runId,
      applicationId: o.applicationId,
      kind: o.kind,
      factKey: o.key,
      status: o.status ?? 'OPEN',
      identityId: o.identityId ?? null,
      entitlementId: o.entitlementId ?? null,
      observedAccountId: o.observedAccountId ?? null,
      nativeId: (o.details as { nativeId?: string } | undefined)?.nativeId ?? null,
      details: o.details ?? {},
      firstSeenAt: seen,
      lastSeenAt: new Date(now - DAY / 2),
    },
  });
  return f.id;
}

beforeAll(async () => {
  t = await createTestContext();
  const person = async (username: string, o: Parameters<typeof createIdentity>[1] = {}) =>
    createIdentity(t.prisma, { username, displayName: username[0]!.toUpperCase() + username.slice(1), ...o });
  as.admin = await t.actor((await person('ida', { portalRoles: ['IDENTITY_ADMIN'] })).id);
  as.auditor = await t.actor((await person('audrey', { portalRoles: ['AUDITOR'] })).id);
  const owner = await person('olga');
  const appOwner = await person('otto');
  as.owner = await t.actor(owner.id);
  as.appOwner = await t.actor(appOwner.id);
  as.employee = await t.actor((await person('emil')).id);
  const manager = await person('mona');
  const pat = await person('pat', { department: 'Finance', managerId: manager.id });
  const lea = await person('lea', { status: 'TERMINATED' });

  const ledger = await createApplication(t.prisma, { name: 'Ledger' });
  const crm = await createApplication(t.prisma, { name: 'CRM', ownerId: appOwner.id });
  const payments = await createEntitlement(t.prisma, ledger.id, {
    name: 'Payments',
    ownerId: owner.id,
    risk: 'HIGH',
  });
  const approvals = await createEntitlement(t.prisma, ledger.id, { name: 'Approvals' });
  const sales = await createEntitlement(t.prisma, crm.id, { name: 'Sales' });
  await createSodRule(t.prisma, {
    name: 'Pay or approve',
    sideA: [{ entitlementId: payments.id }],
    sideB: [{ entitlementId: approvals.id }],
  });
  await createGrant(t.prisma, { identityId: pat.id, entitlementId: approvals.id });
  // Other holders of Payments: two directly, one through a role; a revoked grant does not count.
  for (const name of ['bea', 'ann'])
    await createGrant(t.prisma, { identityId: (await person(name)).id, entitlementId: payments.id });
  const role = await createRole(t.prisma, { name: 'Clerk', entitlementIds: [payments.id] });
  await createGrant(t.prisma, { identityId: (await person('cid')).id, roleId: role.id });
  const revoked = await createGrant(t.prisma, {
    identityId: (await person('dan')).id,
    entitlementId: payments.id,
  });
  await t.prisma.grant.update({
    where: { id: revoked.id },
    data: { status: 'REVOKED', revokedAt: new Date() },
  });

  const run = (
    applicationId: string,
    o: { status: 'SUCCEEDED' | 'RUNNING'; startedAt: Date; finishedAt?: Date; accountsRead: number },
  ) =>
    t.prisma.reconciliationRun.create({
      data: {
        applicationId,
        mode: 'FULL',
        trigger: 'MANUAL',
        requestedById: as.admin.identityId,
        membershipsRead: 7,
        ...o,
      },
    });
  const done = await run(ledger.id, {
    status: 'SUCCEEDED',
    startedAt: new Date(now - 5 * DAY),
    finishedAt: new Date(now - 5 * DAY + 90_000),
    accountsRead: 120,
  });
  const running = await run(ledger.id, {
    status: 'RUNNING',
    startedAt: new Date(now - 60_000),
    accountsRead: 40,
  });
  const crmRun = await run(crm.id, {
    status: 'SUCCEEDED',
    startedAt: new Date(now - 4 * DAY),
    finishedAt: new Date(now - 4 * DAY + 1000),
    accountsRead: 3,
  });

  const patAccount = await t.prisma.observedAccount.create({
    data: {
      applicationId: ledger.id,
      stableId: 'uuid-pat',
      nativeId: 'uid=pat,ou=people,dc=acme',
      username: 'pat',
      enabled: true,
    },
  });
  const f = {
    rogue: await finding({
      runId: done.id,
      applicationId: ledger.id,
      kind: 'UNMANAGED_ENTITLEMENT',
      key: factKey('UNMANAGED_ENTITLEMENT', { stableId: 'uuid-pat', entitlementId: payments.id }),
      daysAgo: 3,
      identityId: pat.id,
      entitlementId: payments.id,
      observedAccountId: patAccount.id,
    }),
    leaver: await finding({
      runId: done.id,
      applicationId: ledger.id,
      kind: 'LEAVER_ACCOUNT_ENABLED',
      key: 'LEAVER_ACCOUNT_ENABLED:uuid-lea',
      daysAgo: 2,
      identityId: lea.id,
      details: { username: 'lea', nativeId: 'uid=lea,ou=people,dc=acme', enabled: true },
    }),
    excepted: await finding({
      runId: done.id,
      applicationId: ledger.id,
      kind: 'UNMANAGED_ENTITLEMENT',
      key: 'UNMANAGED_ENTITLEMENT:uuid-lea:x',
      status: 'EXCEPTION',
      daysAgo: 1,
      identityId: lea.id,
      entitlementId: approvals.id,
    }),
    orphan: await finding({
      runId: crmRun.id,
      applicationId: crm.id,
      kind: 'ORPHAN_ACCOUNT',
      key: 'ORPHAN_ACCOUNT:005x',
      status: 'IN_PROGRESS',
      daysAgo: 4,
      details: { username: 'ghost', nativeId: '005x' },
    }),
    drift: await finding({
      runId: done.id,
      applicationId: ledger.id,
      kind: 'ATTRIBUTE_DRIFT',
      key: 'ATTRIBUTE_DRIFT:uuid-pat:mail',
      status: 'RESOLVED',
      daysAgo: 6,
      identityId: pat.id,
      details: { attribute: 'mail', actual: 'p@x', expected: 'pat@acme.test' },
    }),
  };
  Object.assign(ids, f, {
    ledger: ledger.id,
    crm: crm.id,
    payments: payments.id,
    sales: sales.id,
    pat: pat.id,
    lea: lea.id,
    manager: manager.id,
    done: done.id,
    running: running.id,
  });
});
afterAll(async () => t?.close());

const idsOf = (rows: Array<{ id: string }>) => rows.map((r) => r.id);

describe('reconciliation review queue', () => {
  it('shows each reviewer the findings in their scope, waiting ones by default, newest first', async () => {
    const all = [ids.leaver, ids.rogue, ids.orphan];
    expect(idsOf((await api('admin').reconciliation.listFindings({})).rows)).toEqual(all);
    expect(idsOf((await api('auditor').reconciliation.listFindings({})).rows)).toEqual(all);
    // The owner of Payments sees the finding about Payments; the owner of CRM every CRM finding.
    expect(idsOf((await api('owner').reconciliation.listFindings({})).rows)).toEqual([ids.rogue]);
    expect(idsOf((await api('appOwner').reconciliation.listFindings({})).rows)).toEqual([ids.orphan]);
    await expect(api('employee').reconciliation.listFindings({})).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    // Who may decide each, as the queue tells the browser: the auditor reads and decides none.
    const decides = async (who: keyof typeof as) =>
      (await api(who).reconciliation.listFindings({})).rows.map((r) => r.mayDecide);
    expect(await decides('admin')).toEqual([true, true, true]);
    expect(await decides('auditor')).toEqual([false, false, false]);
    expect(await decides('owner')).toEqual([true]);
    expect(await decides('appOwner')).toEqual([true]);
    await expect(api('owner').reconciliation.getFinding({ findingId: ids.orphan! })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it('exports the findings as CSV for auditors, with the queue’s filters and order; an owner is refused the file', async () => {
    const exportAs = (actor: TUserActor, query = '') =>
      handleReportExport(new Request(`http://portal/api/reports/findings/export${query}`), {
        db: t.prisma,
        exports: REPORT_EXPORTS,
        actor: async () => actor,
      });
    const res = await exportAs(as.auditor!);
    expect(res.status).toBe(200);
    const rows = parse(await res.text(), { columns: true }) as Array<Record<string, string>>;
    expect(rows.map((r) => r['Finding id'])).toEqual([ids.leaver, ids.rogue, ids.orphan]);
    expect(rows.find((r) => r['Finding id'] === ids.orphan)).toMatchObject({
      Kind: 'ORPHAN_ACCOUNT',
      Status: 'IN_PROGRESS',
    });
    const orphans = parse(await (await exportAs(as.auditor!, '?kind=ORPHAN_ACCOUNT')).text(), {
      columns: true,
    }) as Array<Record<string, string>>;
    expect(orphans.map((r) => r['Finding id'])).toEqual([ids.orphan]);
    expect((await exportAs(as.owner!)).status).toBe(403);
  });

  it('gives each finding its context', async () => {
    const [rogue] = (await api('owner').reconciliation.listFindings({})).rows;
    expect(rogue).toMatchObject({
      kind: 'UNMANAGED_ENTITLEMENT',
      status: 'OPEN',
      application: { id: ids.ledger, name: 'Ledger' },
      entitlement: { id: ids.payments, name: 'Payments', risk: 'HIGH' },
      person: {
        id: ids.pat,
        displayName: 'Pat',
        department: 'Finance',
        status: 'ACTIVE',
        isLeaver: false,
        manager: { id: ids.manager, displayName: 'Mona' },
      },
      account: { username: 'pat', nativeId: 'uid=pat,ou=people,dc=acme', enabled: true },
      holders: { count: 3, names: ['Ann', 'Bea', 'Cid'] },
      decision: { decision: null, decidedBy: null },
    });
    expect(rogue!.firstSeenAt.getTime()).toBe(now - 3 * DAY);
    expect(rogue!.sod?.conflicts.map((c) => [c.ruleName, c.severity])).toEqual([['Pay or approve', 'BLOCK']]);

    const rows = (await api('admin').reconciliation.listFindings({ status: 'ALL' })).rows;
    const leaver = rows.find((r) => r.id === ids.leaver)!;
    expect(leaver).toMatchObject({
      person: { displayName: 'Lea', isLeaver: true, manager: null },
      account: { username: 'lea', nativeId: 'uid=lea,ou=people,dc=acme', enabled: true },
      entitlement: null,
      holders: null,
      sod: null,
    });
    expect(rows.find((r) => r.id === ids.drift)!.drift).toEqual({
      attribute: 'mail',
      actual: 'p@x',
      expected: 'pat@acme.test',
    });
    expect(rows.find((r) => r.id === ids.orphan)!).toMatchObject({
      person: null,
      account: { username: 'ghost', nativeId: '005x' },
    });
  });

  it('filters by application, kind, status, entitlement, person and text, and pages', async () => {
    const admin = api('admin').reconciliation;
    expect(idsOf((await admin.listFindings({ application: ids.crm })).rows)).toEqual([ids.orphan]);
    expect(idsOf((await admin.listFindings({ kind: 'LEAVER_ACCOUNT_ENABLED' })).rows)).toEqual([ids.leaver]);
    expect(idsOf((await admin.listFindings({ status: 'EXCEPTION' })).rows)).toEqual([ids.excepted]);
    expect(idsOf((await admin.listFindings({ status: 'ALL' })).rows)).toEqual([
      ids.excepted,
      ids.leaver,
      ids.rogue,
      ids.orphan,
      ids.drift,
    ]);
    expect(idsOf((await admin.listFindings({ entitlement: ids.payments })).rows)).toEqual([ids.rogue]);
    expect(idsOf((await admin.listFindings({ person: ids.lea, status: 'ALL' })).rows)).toEqual([
      ids.excepted,
      ids.leaver,
    ]);
    expect(idsOf((await admin.listFindings({ text: 'PAT', status: 'ALL' })).rows)).toEqual([
      ids.rogue,
      ids.drift,
    ]);
    expect(idsOf((await admin.listFindings({ text: 'ou=people' })).rows)).toEqual([ids.leaver, ids.rogue]);
    expect((await admin.listFindings({ text: '%' })).rows).toEqual([]);

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Awaited<ReturnType<typeof admin.listFindings>> = await admin.listFindings({
        status: 'ALL',
        cursor,
        limit: 2,
      });
      seen.push(...idsOf(page.rows));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual([ids.excepted, ids.leaver, ids.rogue, ids.orphan, ids.drift]);
    await expect(admin.listFindings({ kind: 'NOPE' as never })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
  });

  it('counts waiting findings by application and kind, in scope', async () => {
    expect(await api('admin').reconciliation.findingCounts()).toEqual({
      mayReview: true,
      total: 3,
      byApplication: [
        { applicationId: ids.crm, name: 'CRM', count: 1 },
        { applicationId: ids.ledger, name: 'Ledger', count: 2 },
      ],
      byKind: [
        { kind: 'LEAVER_ACCOUNT_ENABLED', count: 1 },
        { kind: 'ORPHAN_ACCOUNT', count: 1 },
        { kind: 'UNMANAGED_ENTITLEMENT', count: 1 },
      ],
    });
    expect((await api('owner').reconciliation.findingCounts()).total).toBe(1);
    expect(await api('employee').reconciliation.findingCounts()).toEqual({
      mayReview: false,
      total: 0,
      byApplication: [],
      byKind: [],
    });
    expect((await api('employee').me.get()).reconciliation).toEqual({ mayReview: false, openFindings: 0 });
    expect((await api('owner').me.get()).reconciliation).toEqual({ mayReview: true, openFindings: 1 });
  });

  it('shows a finding with its history', async () => {
    const f = await api('owner').reconciliation.getFinding({ findingId: ids.rogue! });
    expect(f).toMatchObject({
      id: ids.rogue,
      firstRun: { id: ids.done, status: 'SUCCEEDED' },
      lastRun: null,
      person: { displayName: 'Pat' },
    });
  });

  it('lists runs with counters, duration and findings by kind; the identity team and auditors only', async () => {
    const { rows } = await api('auditor').reconciliation.listRuns({ applicationId: ids.ledger });
    expect(rows.map((r) => [r.id, r.status, r.accountsRead, r.membershipsRead])).toEqual([
      [ids.running, 'RUNNING', 40, 7],
      [ids.done, 'SUCCEEDED', 120, 7],
    ]);
    expect(rows[1]).toMatchObject({
      durationMs: 90_000,
      requestedBy: 'Ida',
      application: { name: 'Ledger' },
    });
    expect(rows[1]!.findingsByKind).toEqual([
      { kind: 'ATTRIBUTE_DRIFT', count: 1 },
      { kind: 'LEAVER_ACCOUNT_ENABLED', count: 1 },
      { kind: 'UNMANAGED_ENTITLEMENT', count: 2 },
    ]);
    expect(rows[0]!.durationMs).toBeGreaterThanOrEqual(60_000);
    expect((await api('admin').reconciliation.listRuns({})).rows).toHaveLength(3);
    const page = await api('admin').reconciliation.listRuns({ limit: 1 });
    expect(
      idsOf((await api('admin').reconciliation.listRuns({ limit: 5, cursor: page.nextCursor })).rows),
    ).toHaveLength(2);
    // A cursor is the list's own: another list's, or a garbled one, is the caller's mistake.
    const findings = await api('admin').reconciliation.listFindings({ status: 'ALL', limit: 1 });
    for (const cursor of [findings.nextCursor, 'garbled', page.nextCursor!.slice(0, -3)])
      await expect(api('admin').reconciliation.listRuns({ cursor })).rejects.toMatchObject({
        code: 'BAD_REQUEST',
        message: expect.stringMatching(/^cursor: /),
      });
    await expect(
      api('admin').reconciliation.listFindings({ status: 'ALL', cursor: page.nextCursor }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    expect(await api('admin').reconciliation.getRun({ runId: ids.running! })).toMatchObject({
      status: 'RUNNING',
      accountsRead: 40,
      finishedAt: null,
    });
    await expect(api('owner').reconciliation.listRuns({})).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(api('admin').reconciliation.getRun({ runId: ids.ledger! })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it('saves an application’s settings, audited with before and after; refuses bad ones and non-admins', async () => {
    const admin = api('admin').reconciliation;
    const before = (await admin.getSettings({ applicationId: ids.crm! })).settings;
    expect(before).toMatchObject({
      fullSchedule: null,
      massChangeGuardPercent: 10,
      adoptNeedsOwnerApproval: true,
      reactions: {},
    });
    const settings = {
      ...before,
      fullSchedule: '0 2 * * *',
      reactions: { UNMANAGED_ENTITLEMENT: 'REVERT' as const },
      massChangeGuardPercent: 25,
    };
    await admin.saveSettings({ applicationId: ids.crm!, settings });
    expect((await admin.getSettings({ applicationId: ids.crm! })).settings).toEqual(settings);
    // The queue's schedules follow at once, not at the worker's next start.
    expect((await t.boss.getSchedules('reconciliation.run')).map((s) => [s.key, s.cron])).toContainEqual([
      `${ids.crm}/FULL`,
      '0 2 * * *',
    ]);
    const event = await t.prisma.auditEvent.findFirstOrThrow({
      where: { action: 'application.reconciliation_updated', entityId: ids.crm },
    });
    expect(event).toMatchObject({
      actorId: as.admin.identityId,
      before: { massChangeGuardPercent: 10, fullSchedule: null },
      after: { massChangeGuardPercent: 25, fullSchedule: '0 2 * * *' },
    });

    await expect(
      admin.saveSettings({ applicationId: ids.crm!, settings: { ...settings, massChangeGuardPercent: 101 } }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(
      admin.saveSettings({ applicationId: ids.crm!, settings: { ...settings, fullSchedule: 'daily' } }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(
      api('owner').reconciliation.saveSettings({ applicationId: ids.crm!, settings }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect((await admin.getSettings({ applicationId: ids.crm! })).settings.massChangeGuardPercent).toBe(25);
  });

  it('records an exception on the owner’s finding and refuses one outside their scope', async () => {
    const until = new Date(now + 30 * DAY).toISOString().slice(0, 10);
    const result = await api('owner').reconciliation.decide({
      findingIds: [ids.rogue!, ids.orphan!],
      decision: 'EXCEPTION',
      reason: 'Month-end close',
      exceptionUntil: until,
    });
    expect(result).toEqual({ decided: 1, refused: [{ findingId: ids.orphan, reason: expect.any(String) }] });
    const [rogue] = (await api('owner').reconciliation.listFindings({ status: 'EXCEPTION' })).rows;
    expect(rogue).toMatchObject({
      id: ids.rogue,
      status: 'EXCEPTION',
      decision: { decision: 'EXCEPTION', reason: 'Month-end close', decidedBy: 'Olga' },
    });
    expect(rogue!.decision.exceptionUntil?.toISOString().slice(0, 10)).toBe(until);
  });
});
