import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TUserActor } from '@/server/auth/actor.ts';
import { handleReportExport } from '@/server/exports/handle-report-export.ts';
import { REPORT_EXPORTS } from '@/server/exports/report-exports.ts';
import type { TExpiringKey, TLeaverKey } from '@/server/modules/reports/index.ts';
import {
  createApplication,
  createEntitlement,
  createGrant,
  createIdentity,
  createRole,
} from '@/server/seed/factories.ts';
import { serveFetchHandler, type TServedHandler } from '@/server/testing/serve-fetch-handler.ts';
import { createTestContext, type TTestContext } from '@/server/testing/test-context.ts';

let t: TTestContext;
let auditor: TUserActor;
let employee: TUserActor;
let asAuditor: TServedHandler;
let asEmployee: TServedHandler;
const ids: Record<string, string> = {};

const serveAs = (actor: TUserActor) =>
  serveFetchHandler((request) =>
    handleReportExport(request, { db: t.prisma, exports: REPORT_EXPORTS, actor: async () => actor }),
  );
const DAY = 86_400_000;

beforeAll(async () => {
  t = await createTestContext();
  auditor = await t.actor(
    (await createIdentity(t.prisma, { username: 'audrey', portalRoles: ['AUDITOR'] })).id,
  );
  employee = await t.actor((await createIdentity(t.prisma, { username: 'emma' })).id);
  const app = await createApplication(t.prisma, { name: 'Ledger' });
  const high = await createEntitlement(t.prisma, app.id, { name: 'Payments', risk: 'HIGH' });
  const low = await createEntitlement(t.prisma, app.id, { name: '=cmd|calc', risk: 'LOW' });
  const role = await createRole(t.prisma, { name: 'Clerk', entitlementIds: [high.id, low.id] });
  Object.assign(ids, { app: app.id, high: high.id, low: low.id, role: role.id });
  // Five holders, more than one page of two; one leaver; grants that end within the month.
  for (const [i, name] of ['Ann', 'Bo, Lee', 'Cy', 'Di', 'Ed'].entries()) {
    const p = await createIdentity(t.prisma, {
      username: `p${i}`,
      displayName: name,
      department: 'Finance',
      status: i === 4 ? 'TERMINATED' : 'ACTIVE',
    });
    ids[`p${i}`] = p.id;
    await createGrant(
      t.prisma,
      i % 2
        ? { identityId: p.id, roleId: role.id, source: 'ADMIN' }
        : {
            identityId: p.id,
            entitlementId: low.id,
            source: 'ADMIN',
            endsAt: new Date(Date.now() + (i + 1) * DAY),
          },
    );
  }
});
afterAll(async () => {
  await Promise.all([asAuditor?.close(), asEmployee?.close()]);
  await t?.close();
});

/** Every page of an infinite report, through tRPC, two rows at a time. */
async function pagesOf<R, C>(
  call: (cursor: C | null) => Promise<{ rows: R[]; nextCursor: C | null }>,
): Promise<R[]> {
  const rows: R[] = [];
  let cursor: C | null = null;
  do {
    const page = await call(cursor);
    rows.push(...page.rows);
    cursor = page.nextCursor;
  } while (cursor);
  return rows;
}

async function csv(path: string) {
  asAuditor ??= await serveAs(auditor);
  const res = await fetch(`${asAuditor.url}${path}`);
  expect(res.status, await res.clone().text()).toBe(200);
  return parse(await res.text(), { columns: true }) as Array<Record<string, string>>;
}

describe('the reports router and its exports', () => {
  it('refuses an employee every report procedure and every export', async () => {
    const api = t.caller(employee);
    const calls = [
      () => api.reports.whoHas({ entitlement: ids.high }),
      () => api.reports.personAccess({ person: ids.p0! }),
      () => api.reports.grantEvidence({ id: ids.p0! }),
      () => api.reports.privileged({}),
      () => api.reports.leavers({}),
      () => api.reports.expiring({}),
      () => api.reports.dormant({}),
      () => api.reports.lookup({ kind: 'entitlement', query: 'pay' }),
    ];
    for (const call of calls) await expect(call()).rejects.toMatchObject({ code: 'FORBIDDEN' });
    asEmployee = await serveAs(employee);
    for (const name of Object.keys(REPORT_EXPORTS)) {
      const res = await fetch(`${asEmployee.url}/api/reports/${name}/export?person=${ids.p0}`);
      expect(res.status, name).toBe(403);
    }
    expect(Object.keys(REPORT_EXPORTS).sort()).toEqual([
      'access-review',
      'audit-log',
      'dormant',
      'expiring',
      'findings',
      'leavers',
      'person-access',
      'privileged',
      'requests',
      'sod-violations',
      'who-has',
    ]);
  });

  it('exports exactly the rows its page shows, across pages, for every report', async () => {
    const api = t.caller(auditor);
    const whoHas = await pagesOf((cursor: string | null) =>
      api.reports.whoHas({ application: ids.app, cursor, limit: 2 }),
    );
    const whoHasCsv = await csv(`/api/reports/who-has/export?application=${ids.app}&department=`);
    expect(whoHas).toHaveLength(7);
    expect(whoHasCsv.map((r) => [r.Person, r.Entitlement, r['Grant IDs']])).toEqual(
      whoHas.map((r) => [
        r.displayName,
        r.entitlementName === '=cmd|calc' ? "'=cmd|calc" : r.entitlementName,
        r.why.map((w) => w.grantId).join('; '),
      ]),
    );
    expect(whoHasCsv[0]).toMatchObject({
      Person: 'Ann',
      Sources: 'Granted by the identity team',
      'In target': 'no',
    });

    const person = await pagesOf((cursor: string | null) =>
      api.reports.personAccess({ person: ids.p1!, cursor, limit: 1 }),
    );
    expect(
      (await csv(`/api/reports/person-access/export?person=${ids.p1}`)).map((r) => [r.Entitlement, r.Roles]),
    ).toEqual(person.map((r) => [r.entitlementName.replace(/^=/, "'="), 'Clerk']));

    // A cursor is the list's own: who-has's on a person's page, or a garbled one, is the caller's mistake.
    const firstWhoHas = await api.reports.whoHas({ application: ids.app, limit: 2 });
    for (const cursor of [firstWhoHas.nextCursor, 'garbled'])
      await expect(api.reports.personAccess({ person: ids.p1!, cursor })).rejects.toMatchObject({
        code: 'BAD_REQUEST',
      });
    const firstPerson = await api.reports.personAccess({ person: ids.p1!, limit: 1 });
    await expect(api.reports.whoHas({ cursor: firstPerson.nextCursor })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });

    const privileged = await pagesOf((cursor: string | null) => api.reports.privileged({ cursor, limit: 2 }));
    expect(privileged.map((r) => r.displayName)).toEqual(['Bo, Lee', 'Di']);
    expect(
      (await csv('/api/reports/privileged/export')).map((r) => [r.Person, r.Entitlement, r.Risk]),
    ).toEqual(privileged.map((r) => [r.displayName, 'Payments', 'HIGH']));

    const leavers = await pagesOf((cursor: TLeaverKey | null) => api.reports.leavers({ cursor, limit: 1 }));
    expect(leavers.map((r) => r.displayName)).toEqual(['Ed']);
    expect(
      (await csv('/api/reports/leavers/export')).map((r) => [r.Person, r['Active grants'], r.Grants]),
    ).toEqual([['Ed', '1', "'=cmd|calc (Ledger): Granted by the identity team"]]);

    const expiring = await pagesOf((cursor: TExpiringKey | null) =>
      api.reports.expiring({ days: 10, cursor, limit: 1 }),
    );
    expect(expiring.map((r) => r.displayName)).toEqual(['Ann', 'Cy', 'Ed']);
    expect(
      (await csv('/api/reports/expiring/export?days=10')).map((r) => [
        r.Person,
        r['Grant ID'],
        r['Days left'],
      ]),
    ).toEqual(expiring.map((r) => [r.displayName, r.grantId, String(r.daysLeft)]));
  });

  it('answers bad filters with a clear error and no rows', async () => {
    const api = t.caller(auditor);
    const tomorrow = new Date(Date.now() + DAY).toISOString().slice(0, 10);
    await expect(api.reports.whoHas({ asOf: tomorrow })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(api.reports.whoHas({ asOf: '2026-02-30' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(
      api.reports.whoHas({ entitlement: '00000000-0000-4000-8000-000000000000' }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(api.reports.grantEvidence({ id: 'not-an-id' })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
    await expect(api.reports.dormant({ days: 0 })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    asAuditor ??= await serveAs(auditor);
    for (const query of [
      `who-has/export?asOf=${tomorrow}`,
      'who-has/export?entitlement=nope',
      'person-access/export',
      'expiring/export?days=0',
      'expiring/export?days=many',
      'dormant/export?days=0',
      'dormant/export?usage=sometimes',
    ]) {
      const res = await fetch(`${asAuditor.url}/api/reports/${query}`);
      expect(res.status, query).toBe(400);
      expect(((await res.json()) as { error: string }).error).toMatch(/^The filter \w+ is not valid/);
    }
    expect(await api.reports.lookup({ kind: 'entitlement', query: 'pay' })).toEqual([
      { id: ids.high, label: 'Payments', detail: 'Ledger · high risk' },
    ]);
    // People the factories name carry a random suffix ("Test Person mxajuq302ped09"), which may hold
    // "ed" too: the people this file named are the ones asserted.
    const found = (await api.reports.lookup({ kind: 'person', query: 'ed' })).map((p) => [p.label, p.detail]);
    expect(found.filter(([label]) => !label!.startsWith('Test Person '))).toEqual([
      ['Ed', 'Engineer · Finance · left'],
    ]);
  });
});
