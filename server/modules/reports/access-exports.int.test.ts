import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handleReportExport } from '@/server/exports/handle-report-export.ts';
import {
  createApplication,
  createEntitlement,
  createGrant,
  createIdentity,
  createRole,
} from '@/server/seed/factories.ts';
import { requestNumber } from '@/server/shared/request-number.ts';
import { createTestContext, type TTestContext } from '@/server/testing/test-context.ts';
import { parse } from 'csv-parse/sync';
import { listAccessRows, type TAccessRow, type TAccessScope } from './access-as-of.ts';
import { accessCsv } from './access-csv.ts';
import { REPORT_EXPORTS } from '@/server/exports/report-exports.ts';

let t: TTestContext;
let ids: Record<
  'ledger' | 'wiki' | 'payments' | 'reports' | 'pages' | 'clerk' | 'ana' | 'ben' | 'cy' | 'dee' | 'request',
  string
>;
const at = new Date(Date.UTC(2026, 5, 30, 12));
const since = new Date(Date.UTC(2026, 0, 15, 9));

beforeAll(async () => {
  t = await createTestContext();
  const ledger = await createApplication(t.prisma, { name: 'Ledger' });
  const wiki = await createApplication(t.prisma, { name: 'Wiki' });
  const payments = await createEntitlement(t.prisma, ledger.id, { name: 'Payments', risk: 'HIGH' });
  const reports = await createEntitlement(t.prisma, ledger.id, { name: 'Reports' });
  const pages = await createEntitlement(t.prisma, wiki.id, { name: 'Pages' });
  const clerk = await createRole(t.prisma, {
    name: 'Ledger clerk',
    entitlementIds: [payments.id, reports.id],
  });
  await t.prisma.roleEntitlementPeriod.updateMany({
    where: { roleId: clerk.id },
    data: { startedAt: since },
  });
  const ana = await createIdentity(t.prisma, {
    username: 'ana',
    displayName: 'Ana Alves',
    department: 'Finance',
  });
  const ben = await createIdentity(t.prisma, {
    username: 'ben',
    displayName: 'Ben Brook',
    department: 'Finance',
  });
  const cy = await createIdentity(t.prisma, { username: 'cy', displayName: 'Cy Cole', department: 'Sales' });
  const dee = await createIdentity(t.prisma, {
    username: 'dee',
    displayName: 'Dee Dunn',
    department: 'Sales',
  });
  // Ana's access to Pages was requested with a justification a spreadsheet would run, and approved by Ben.
  const request = await t.prisma.accessRequest.create({
    data: {
      batchId: ana.id,
      requesterId: ana.id,
      beneficiaryId: ana.id,
      entitlementId: pages.id,
      justification: '=HYPERLINK("http://x","docs")',
      status: 'APPROVED',
      decidedAt: since,
    },
  });
  const stage = await t.prisma.approvalStage.create({
    data: { requestId: request.id, position: 0, name: 'Manager', status: 'APPROVED', decidedAt: since },
  });
  await t.prisma.approvalStep.create({
    data: {
      stageId: stage.id,
      requestId: request.id,
      approverId: ben.id,
      reason: 'MANAGER',
      status: 'APPROVED',
      decidedById: ben.id,
      decidedAt: since,
    },
  });
  await createGrant(t.prisma, {
    identityId: ana.id,
    entitlementId: pages.id,
    source: 'REQUEST',
    sourceRef: request.id,
    startsAt: since,
  });
  await createGrant(t.prisma, {
    identityId: ana.id,
    entitlementId: reports.id,
    source: 'ADMIN',
    startsAt: since,
    endsAt: new Date(Date.UTC(2026, 11, 31)),
  });
  await createGrant(t.prisma, { identityId: ben.id, roleId: clerk.id, source: 'ADMIN', startsAt: since });
  await createGrant(t.prisma, {
    identityId: cy.id,
    entitlementId: pages.id,
    source: 'ADMIN',
    startsAt: since,
  });
  // Dee holds Pages in the target with no grant.
  const account = await t.prisma.account.create({
    data: { applicationId: wiki.id, identityId: dee.id, username: 'dee' },
  });
  await t.prisma.accountEntitlementPeriod.create({
    data: { accountId: account.id, entitlementId: pages.id, startedAt: since, confirmedAt: since },
  });
  ids = {
    ledger: ledger.id,
    wiki: wiki.id,
    payments: payments.id,
    reports: reports.id,
    pages: pages.id,
    clerk: clerk.id,
    ana: ana.id,
    ben: ben.id,
    cy: cy.id,
    dee: dee.id,
    request: request.id,
  };
});
afterAll(async () => {
  await t?.close();
});

const key = (r: TAccessRow) =>
  `${r.username}:${r.entitlementName}:${r.inTarget}:${r.reasons.map((x) => x.grantId).join(',')}`;

describe('access exports', () => {
  it('downloads who has what as the page shows it, each grant with why, formula-safe', async () => {
    const auditor = await t.actor(
      (await createIdentity(t.prisma, { username: 'audrey', portalRoles: ['AUDITOR'] })).id,
    );
    const res = await handleReportExport(
      new Request('http://portal/api/reports/who-has/export?asOf=2026-06-30'),
      { db: t.prisma, exports: REPORT_EXPORTS, actor: async () => auditor },
    );
    expect(res.status).toBe(200);
    const end = '2026-06-30T23:59:59.999Z';
    const started = since.toISOString();
    const grantOf = async (identityId: string, entitlementId: string | null) =>
      (
        await t.prisma.grant.findFirstOrThrow({
          where: { identityId, ...(entitlementId ? { entitlementId } : { roleId: ids.clerk }) },
        })
      ).id;
    expect((await res.text()).split('\n')).toEqual([
      'Person,Username,Department,Person status,Application,Entitlement,Risk,Sources,Roles,Why,Justification,Approvers,Since,Until,In target,Grant IDs,As of',
      `Ana Alves,ana,Finance,ACTIVE,Wiki,Pages,LOW,Request,,"request ${requestNumber(ids.request)}, approved by Ben Brook","'=HYPERLINK(""http://x"",""docs"")",Ben Brook (approved),${started},,no,${await grantOf(ids.ana, ids.pages)},${end}`,
      `Ana Alves,ana,Finance,ACTIVE,Ledger,Reports,LOW,Granted by the identity team,,granted by the identity team,,,${started},2026-12-31T00:00:00.000Z,no,${await grantOf(ids.ana, ids.reports)},${end}`,
      `Ben Brook,ben,Finance,ACTIVE,Ledger,Payments,HIGH,Granted by the identity team,Ledger clerk,"role “Ledger clerk”, granted by the identity team",,,${started},,no,${await grantOf(ids.ben, null)},${end}`,
      `Ben Brook,ben,Finance,ACTIVE,Ledger,Reports,LOW,Granted by the identity team,Ledger clerk,"role “Ledger clerk”, granted by the identity team",,,${started},,no,${await grantOf(ids.ben, null)},${end}`,
      `Cy Cole,cy,Sales,ACTIVE,Wiki,Pages,LOW,Granted by the identity team,,granted by the identity team,,,${started},,no,${await grantOf(ids.cy, ids.pages)},${end}`,
      `Dee Dunn,dee,Sales,ACTIVE,Wiki,Pages,LOW,,,held in the target without a grant,,,,,yes,,${end}`,
      '',
    ]);
  });
  it('write every row of the question once, in the pages’ order, whatever the stretch of people and either way of finding them', async () => {
    // Enough people that a walk crosses stretches.
    for (let i = 1; i <= 12; i++) {
      const person = await createIdentity(t.prisma, {
        username: `eve-${i}`,
        displayName: `Eve ${String(i).padStart(2, '0')}`,
        department: 'Support',
      });
      await createGrant(t.prisma, {
        identityId: person.id,
        entitlementId: i % 3 ? ids.pages : ids.payments,
        source: 'ADMIN',
        startsAt: since,
      });
    }
    const scopes: TAccessScope[] = [
      {},
      { department: 'Sales' },
      { entitlementId: ids.pages },
      { roleId: ids.clerk },
      { applicationId: ids.ledger },
      { risk: 'HIGH' },
      { source: 'ADMIN' },
      { identityId: ids.ana },
    ];
    for (const scope of scopes) {
      const paged: string[] = [];
      let after = null;
      do {
        const page: Awaited<ReturnType<typeof listAccessRows>> = await listAccessRows(t.prisma, {
          ...scope,
          at,
          after,
          limit: 1,
        });
        paged.push(...page.rows.map(key));
        after = page.next;
      } while (after);
      expect(paged.length, JSON.stringify(scope)).toBeGreaterThan(0);
      for (const [peoplePerStatement, denseAt] of [
        [1, 1e9],
        [2, 1e9],
        [1, 1],
        [3, 1],
        [undefined, undefined],
      ] as const) {
        const file = await new Response(
          accessCsv(t.prisma, { ...scope, at }, at, { peoplePerStatement, denseAt }),
        ).text();
        const lines = (parse(file, { columns: true }) as Array<Record<string, string>>).map(
          (r) =>
            `${r.Username}:${r.Entitlement}:${r['In target'] === 'yes'}:${r['Grant IDs']!.split('; ').join(',')}`,
        );
        expect(
          lines,
          `${JSON.stringify(scope)} in stretches of ${peoplePerStatement ?? 'default'} people, dense at ${denseAt ?? 'default'}`,
        ).toEqual(paged);
      }
    }
  });
});
