import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { TUserActor } from '@/server/auth/actor.ts';
import { keysetPages } from '@/server/lib/csv-export.ts';
import { defineReportExport } from '@/server/lib/report-export.ts';
import { createIdentity } from '@/server/seed/factories.ts';
import { serveFetchHandler, type TServedHandler } from '@/server/testing/serve-fetch-handler.ts';
import { createTestContext, type TTestContext } from '@/server/testing/test-context.ts';
import { handleReportExport } from './handle-report-export.ts';

let t: TTestContext;
let asAuditor: TServedHandler;
let asEmployee: TServedHandler;
let asNobody: TServedHandler;

/** A report over the people in the test database, paged by id: the shape every real report has. */
const people = defineReportExport({
  permission: 'reports.read',
  input: z.object({
    department: z.string().max(100).optional(),
    limit: z.coerce.number().int().min(1).max(10).optional(),
  }),
  filename: (i) => `people-${i.department ?? 'all'}`,
  rows: (db, _actor, i) =>
    keysetPages(
      (after: string | null, take) =>
        db.identity.findMany({
          where: { department: i.department, ...(after ? { id: { gt: after } } : {}) },
          orderBy: { id: 'asc' },
          take,
          select: { id: true, username: true, displayName: true },
        }),
      (r) => r.id,
      2,
    ),
  columns: [
    { header: 'Username', value: (r) => r.username },
    { header: 'Name', value: (r) => r.displayName },
  ],
});

const serveAs = (actor: TUserActor | null) =>
  serveFetchHandler((request) =>
    handleReportExport(request, { db: t.prisma, exports: { people }, actor: async () => actor }),
  );

beforeAll(async () => {
  t = await createTestContext();
  const audrey = await createIdentity(t.prisma, { username: 'audrey', portalRoles: ['AUDITOR'] });
  const emma = await createIdentity(t.prisma, { username: 'emma' });
  for (const [i, name] of ['=SUM(A1)', 'Bo, Lee', 'Cy'].entries()) {
    await createIdentity(t.prisma, { username: `f${i}`, displayName: name, department: 'Finance' });
  }
  asAuditor = await serveAs(await t.actor(audrey.id));
  asEmployee = await serveAs(await t.actor(emma.id));
  asNobody = await serveAs(null);
});
afterAll(async () => {
  await Promise.all([asAuditor?.close(), asEmployee?.close(), asNobody?.close()]);
  await t?.close();
});

describe('GET /api/reports/:name/export', () => {
  it('streams every row across pages as a formula-safe CSV download, and audits the export', async () => {
    const res = await fetch(`${asAuditor.url}/api/reports/people/export?department=Finance`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="people-Finance.csv"');
    const lines = (await res.text()).trim().split('\n').sort();
    expect(lines).toEqual(['Username,Name', "f0,'=SUM(A1)", 'f1,"Bo, Lee"', 'f2,Cy'].sort());
    const audit = await t.prisma.auditEvent.findFirstOrThrow({ where: { action: 'report.exported' } });
    expect(audit).toMatchObject({
      entityType: 'Report',
      entityId: 'people',
      metadata: { filters: { department: 'Finance' }, format: 'csv' },
    });
  });

  it.each([
    ['nobody signed in', () => fetch(`${asNobody.url}/api/reports/people/export`), 401],
    ['an employee', () => fetch(`${asEmployee.url}/api/reports/people/export`), 403],
    ['an unknown report', () => fetch(`${asAuditor.url}/api/reports/nothing/export`), 404],
    ['a bad filter', () => fetch(`${asAuditor.url}/api/reports/people/export?limit=zero`), 400],
    ['a NUL in a filter', () => fetch(`${asAuditor.url}/api/reports/people/export?department=%00`), 400],
    [
      'broken Unicode in a filter',
      () => fetch(`${asAuditor.url}/api/reports/people/export?department=%ED%A0%80`),
      400,
    ],
  ])('refuses %s with a clear error and audits nothing', async (_name, call, status) => {
    const before = await t.prisma.auditEvent.count({ where: { action: 'report.exported' } });
    const res = await call();
    expect(res.status).toBe(status);
    expect((await res.json()) as unknown).toMatchObject({ error: expect.any(String) });
    expect(await t.prisma.auditEvent.count({ where: { action: 'report.exported' } })).toBe(before);
  });
});
