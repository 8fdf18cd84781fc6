import type { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handleReportExport } from '@/server/exports/handle-report-export.ts';
import { requestNumber } from '@/server/shared/request-number.ts';
import { createApplication, createEntitlement, createIdentity, createRole } from '@/server/seed/factories.ts';
import { createTestContext, type TTestCaller, type TTestContext } from '@/server/testing/test-context.ts';
import { REPORT_EXPORTS } from '@/server/exports/report-exports.ts';

let t: TTestContext;
const ids: Record<string, string> = {};
let people: Record<string, { id: string }>;

let audrey: TTestCaller;

type TStep = {
  approver: string;
  status: 'PENDING' | 'APPROVED' | 'DENIED';
  decidedBy?: string;
  comment?: string;
};

/** A request row with its chain, written directly: the search reads rows, and these dates must be exact. */
async function request(
  key: string,
  o: {
    id?: string;
    requester: string;
    beneficiary: string;
    entitlementId?: string;
    roleId?: string;
    status: 'PENDING' | 'APPROVED' | 'DENIED' | 'CANCELLED' | 'EXPIRED';
    at: string;
    steps?: TStep[];
  },
) {
  const createdAt = new Date(o.at);
  const decided = o.status !== 'PENDING';
  const r = await t.prisma.accessRequest.create({
    data: {
      ...(o.id ? { id: o.id } : {}),
      batchId: crypto.randomUUID(),
      requesterId: people[o.requester]!.id,
      beneficiaryId: people[o.beneficiary]!.id,
      entitlementId: o.entitlementId ?? null,
      roleId: o.roleId ?? null,
      justification: `Because of ${key}`,
      status: o.status,
      createdAt,
      decidedAt: decided ? new Date(createdAt.getTime() + 3_600_000) : null,
    },
  });
  if (o.steps?.length) {
    const stage = await t.prisma.approvalStage.create({
      data: {
        requestId: r.id,
        position: 0,
        name: 'Manager approval',
        status: decided ? (o.status === 'DENIED' ? 'DENIED' : 'APPROVED') : 'PENDING',
      },
    });
    for (const s of o.steps) {
      const decidedBy = s.status === 'PENDING' ? null : people[s.decidedBy ?? s.approver]!.id;
      await t.prisma.approvalStep.create({
        data: {
          stageId: stage.id,
          requestId: r.id,
          approverId: people[s.approver]!.id,
          reason: 'MANAGER',
          status: s.status,
          decidedById: decidedBy,
          comment: s.comment ?? null,
          decidedAt: decidedBy ? r.decidedAt : null,
        },
      });
    }
  }
  ids[key] = r.id;
  return r;
}

beforeAll(async () => {
  t = await createTestContext();
  const make = async (username: string, displayName: string, extra = {}) =>
    createIdentity(t.prisma, { username, displayName, ...extra });
  people = {
    alice: await make('alice', 'Alice Nguyen'),
    bob: await make('bob', 'Bob Schmidt'),
    carol: await make('carol', 'Carol Jones'),
    mark: await make('mark', 'Mark Oduya'),
    fiona: await make('fiona', 'Fiona Byrne'),
    tom: await make('tom', 'Tom Walsh'),
    audrey: await make('audrey', 'Audrey Laurent', { portalRoles: ['AUDITOR'] }),
    emma: await make('emma', 'Emma Employee'),
  };
  audrey = await t.callerFor(people.audrey!.id);
  const ledger = await createApplication(t.prisma, { name: 'Ledger' });
  const wiki = await createApplication(t.prisma, { name: 'Confluence' });
  const payments = await createEntitlement(t.prisma, ledger.id, { name: 'Payments' });
  const reports = await createEntitlement(t.prisma, ledger.id, { name: 'Reports' });
  const space = await createEntitlement(t.prisma, wiki.id, { name: 'Wiki' });
  const payroll = await createEntitlement(t.prisma, wiki.id, { name: 'Pay_roll notes' });
  const role = await createRole(t.prisma, { name: 'Finance Operations', entitlementIds: [payments.id] });

  // Fiona decided Mark's step standing in for him.
  await request('r1', {
    requester: 'alice',
    beneficiary: 'alice',
    entitlementId: payments.id,
    status: 'APPROVED',
    at: '2026-03-02T10:00:00.000Z',
    steps: [{ approver: 'mark', status: 'APPROVED', decidedBy: 'fiona', comment: 'For the close' }],
  });
  await request('r2', {
    requester: 'alice',
    beneficiary: 'bob',
    entitlementId: reports.id,
    status: 'DENIED',
    at: '2026-03-05T00:00:00.000Z',
    steps: [{ approver: 'mark', status: 'DENIED', comment: 'Not needed' }],
  });
  await request('r3', {
    id: 'abcdef01-0000-4000-8000-000000000003',
    requester: 'bob',
    beneficiary: 'bob',
    roleId: role.id,
    status: 'PENDING',
    at: '2026-03-09T12:00:00.000Z',
    steps: [{ approver: 'tom', status: 'PENDING' }],
  });
  await request('r4', {
    id: 'abcdef02-0000-4000-8000-000000000004',
    requester: 'carol',
    beneficiary: 'carol',
    entitlementId: space.id,
    status: 'CANCELLED',
    at: '2026-03-31T23:59:59.999Z',
  });
  await request('r5', {
    requester: 'carol',
    beneficiary: 'carol',
    entitlementId: space.id,
    status: 'EXPIRED',
    at: '2026-04-01T00:00:00.000Z',
  });
  await request('r6', {
    requester: 'carol',
    beneficiary: 'carol',
    entitlementId: payroll.id,
    status: 'APPROVED',
    at: '2026-02-20T08:00:00.000Z',
    steps: [{ approver: 'mark', status: 'APPROVED', comment: '=HYPERLINK("http://x")' }],
  });
});
afterAll(async () => {
  await t?.close();
});

const keysOf = (rows: Array<{ id: string }>) =>
  rows.map((r) => Object.entries(ids).find(([, id]) => id === r.id)?.[0] ?? r.id);
const search = async (filters: Record<string, string>) =>
  keysOf((await audrey.requestReports.listRequests(filters)).items);
const refused = async (p: Promise<unknown>) =>
  (
    (await p.then(
      () => null,
      (e: unknown) => e,
    )) as TRPCError | null
  )?.code;

describe('all requests, for auditors', () => {
  it.each([
    ['no filter: everything, newest first', {}, ['r5', 'r4', 'r3', 'r2', 'r1', 'r6']],
    ['requester (a name or username)', { requester: 'ALICE' }, ['r2', 'r1']],
    ['beneficiary', { beneficiary: 'schmidt' }, ['r3', 'r2']],
    ['an entitlement', { item: 'payments' }, ['r1']],
    ['an application', { item: 'ledger' }, ['r2', 'r1']],
    ['a role', { item: 'finance op' }, ['r3']],
    ['a name holding a LIKE wildcard, taken literally', { item: '_' }, ['r6']],
    ['status', { status: 'DENIED' }, ['r2']],
    ['an approver who was assigned a step', { approver: 'tom' }, ['r3']],
    ['an approver who decided a step for someone else', { approver: 'fiona' }, ['r1']],
    ['the approver they stood in for', { approver: 'Mark Oduya' }, ['r2', 'r1', 'r6']],
    [
      'submitted from a day to a day, both included (UTC)',
      { from: '2026-03-05', to: '2026-03-31' },
      ['r4', 'r3', 'r2'],
    ],
    ['filters together', { requester: 'alice', status: 'APPROVED' }, ['r1']],
    [
      'empty filters are no filters',
      { requester: '', status: '', from: '' },
      ['r5', 'r4', 'r3', 'r2', 'r1', 'r6'],
    ],
  ])('%s', async (_name, filters, expected) => {
    expect(await search(filters)).toEqual(expected);
  });

  it('looks a request up by its number, a shorter prefix, or its id', async () => {
    const r3 = ids.r3!;
    expect(requestNumber(r3)).toBe('REQ-ABCDEF01');
    expect(await search({ number: 'REQ-ABCDEF01' })).toEqual(['r3']);
    expect(await search({ number: 'req-abcdef01' })).toEqual(['r3']);
    expect(await search({ number: ' #ABCDEF ' })).toEqual(['r4', 'r3']);
    expect(await search({ number: r3 })).toEqual(['r3']);
    expect(await search({ number: requestNumber(ids.r1!) })).toEqual(['r1']);
    const row = (await audrey.requestReports.listRequests({ number: 'REQ-ABCDEF01' })).items[0]!;
    expect(row).toMatchObject({
      number: 'REQ-ABCDEF01',
      status: 'PENDING',
      pendingWith: ['Tom Walsh'],
      item: { kind: 'ROLE', name: 'Finance Operations', applicationName: null },
    });
  });

  it('shows each decision with who decided, for whom, when and the comment', async () => {
    const [r1] = (await audrey.requestReports.listRequests({ number: requestNumber(ids.r1!) })).items;
    expect(r1!.decisions).toEqual([
      {
        stage: 'Manager approval',
        decision: 'APPROVED',
        decidedBy: 'Fiona Byrne',
        onBehalfOf: 'Mark Oduya',
        decidedAt: new Date('2026-03-02T11:00:00.000Z'),
        comment: 'For the close',
      },
    ]);
  });

  it('refuses a bad number, a bad date, a reversed range and a forged cursor, saying which', async () => {
    expect(await refused(audrey.requestReports.listRequests({ number: 'REQ-XYZ' }))).toBe('BAD_REQUEST');
    expect(await refused(audrey.requestReports.listRequests({ from: '2026-02-30' }))).toBe('BAD_REQUEST');
    expect(await refused(audrey.requestReports.listRequests({ to: '2026-13-01' }))).toBe('BAD_REQUEST');
    expect(await refused(audrey.requestReports.listRequests({ from: '2026-03-05', to: '2026-03-01' }))).toBe(
      'BAD_REQUEST',
    );
    expect(await refused(audrey.requestReports.listRequests({ cursor: 'not-a-cursor' }))).toBe('BAD_REQUEST');
    expect(await refused(audrey.requestReports.listRequests({ requester: 'x'.repeat(101) }))).toBe(
      'BAD_REQUEST',
    );
  });

  it('pages through requests sharing one submission time without skipping or repeating any', async () => {
    const app = await createApplication(t.prisma, { name: 'Paging' });
    const ent = await createEntitlement(t.prisma, app.id, { name: 'Paged group' });
    const same = '2026-05-01T09:00:00.000Z';
    for (let i = 0; i < 23; i++)
      await request(`p${i}`, {
        requester: 'alice',
        beneficiary: 'alice',
        entitlementId: ent.id,
        status: 'APPROVED',
        at: i % 3 === 0 ? `2026-05-0${2 + (i % 5)}T09:00:00.000Z` : same,
      });
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    let total: number | null = null;
    do {
      const page = await audrey.requestReports.listRequests({ item: 'paged', limit: 5, cursor });
      if (pages === 0) total = page.total;
      else expect(page.total).toBeNull();
      seen.push(...page.items.map((r) => r.id));
      cursor = page.nextCursor ?? undefined;
      pages++;
    } while (cursor);
    expect(total).toBe(23);
    expect(new Set(seen).size).toBe(23);
    expect(pages).toBe(5);
    const all = await t.prisma.accessRequest.findMany({
      where: { entitlementId: ent.id },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      select: { id: true },
    });
    expect(seen).toEqual(all.map((r) => r.id));
  });

  it('exports exactly what the page lists, formula-safe, with the same filters', async () => {
    const actor = await t.actor(people.audrey!.id);
    const res = await handleReportExport(
      new Request('http://portal/api/reports/requests/export?approver=mark&to=2026-03-31'),
      { db: t.prisma, exports: REPORT_EXPORTS, actor: async () => actor },
    );
    expect(res.status).toBe(200);
    const lines = (await res.text()).trim().split('\n');
    expect(lines[0]).toBe(
      'Number,Request id,Submitted,Status,Kind,Requester,Requester username,Beneficiary,Beneficiary username,Item,Item type,Application,Justification,Requested end,Approved end,Decided,Decided by,Decisions,Auto-approval rule,Waiting for,Grant id',
    );
    expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual([
      requestNumber(ids.r2!),
      requestNumber(ids.r1!),
      requestNumber(ids.r6!),
    ]);
    expect(lines[2]).toContain(
      'Fiona Byrne,Manager approval: approved by Fiona Byrne for Mark Oduya at 2026-03-02T11:00:00.000Z “For the close”',
    );
    expect(lines[3]).toContain(`“=HYPERLINK(""http://x"")”`);
    const bad = await handleReportExport(
      new Request('http://portal/api/reports/requests/export?number=nope'),
      { db: t.prisma, exports: REPORT_EXPORTS, actor: async () => actor },
    );
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({
      error: expect.stringMatching(/^The filter number is not valid: is not a request number/),
    });
  });

  it('refuses an employee every report procedure and export', async () => {
    const emma = await t.callerFor(people.emma!.id);
    const range = { from: '2026-01-01', to: '2026-03-31' };
    for (const call of [
      () => emma.requestReports.listRequests({}),
      () => emma.requestReports.getEvidence({ id: ids.r1! }),
      () => emma.requestReports.listSodViolations({}),
      () => emma.requestReports.sodChoices(),
      () => emma.requestReports.requestsPerWeek(range),
      () => emma.requestReports.timeToApprove(range),
      () => emma.requestReports.accessGrowth({ ...range, by: 'week' }),
      () => emma.requestReports.openSodViolations({ ...range, by: 'month' }),
    ]) {
      expect(await refused(call())).toBe('FORBIDDEN');
    }
    const actor = await t.actor(people.emma!.id);
    for (const name of ['requests', 'sod-violations']) {
      const res = await handleReportExport(new Request(`http://portal/api/reports/${name}/export`), {
        db: t.prisma,
        exports: REPORT_EXPORTS,
        actor: async () => actor,
      });
      expect(res.status).toBe(403);
    }
  });
});
