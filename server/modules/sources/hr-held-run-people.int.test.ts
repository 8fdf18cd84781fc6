import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createIdentity } from '@/server/seed/factories.ts';
import { sourceRunDeps, uploadAndRun } from '@/server/testing/hr-uploads.ts';
import { createTestContext, type TTestContext } from '@/server/testing/test-context.ts';
import { decideHeldRun } from './decide-held-run.ts';
import { LEAVING_LIMIT } from './validate-source.ts';

// A held run names whom it would deprovision and why (decision 020), and a discarded one who discarded it.
let t: TTestContext;
let dir: string;
let ivy: Awaited<ReturnType<TTestContext['actor']>>;
const HEADER = 'emp_no,first_name,last_name,dept,end,status';
const config = {
  columns: {
    employeeNumber: 'emp_no',
    firstName: 'first_name',
    lastName: 'last_name',
    department: 'dept',
    endDate: 'end',
    status: 'status',
  },
  dateFormat: 'DD/MM/YYYY',
  required: ['employeeNumber', 'firstName', 'lastName'],
};

beforeAll(async () => {
  t = await createTestContext();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gatehouse-held-'));
  ivy = await t.actor(
    (await createIdentity(t.prisma, { portalRoles: ['IDENTITY_ADMIN'], employeeNumber: null })).id,
  );
});
afterAll(async () => {
  await t?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const deps = () => sourceRunDeps(t, dir);
async function createSource(key: string, extra: Record<string, unknown>) {
  return (
    await t.prisma.identitySource.create({
      data: { key, name: key, kind: 'HR_CSV', precedence: 10, config: { ...config, ...extra } },
    })
  ).id;
}
const upload = (sourceId: string, rows: string[]) =>
  uploadAndRun(t, dir, ivy, sourceId, [HEADER, ...rows].join('\n'));
const setThreshold = (sourceId: string, massChangeThreshold: number, extra: Record<string, unknown>) =>
  t.prisma.identitySource.update({
    where: { id: sourceId },
    data: { config: { ...config, ...extra, massChangeThreshold } },
  });

describe('a held HR run', () => {
  it('names whom it would deprovision and why, to those who may read the run, and who discarded it', async () => {
    const sourceId = await createSource('hr-snapshot', { snapshot: true, massChangeThreshold: 1 });
    const row = (n: number, dept: string, end = '', status = 'Active') =>
      `P${n},Per${n},Son,${dept},${end},${status}`;
    expect(
      (
        await upload(sourceId, [
          row(1, 'Sales'),
          row(2, 'Finance'),
          row(3, 'Legal'),
          row(4, 'Legal'),
          row(5, 'Sales'),
        ])
      ).status,
    ).toBe('SUCCEEDED');
    await setThreshold(sourceId, 0.1, { snapshot: true });
    // P1 is terminated in the file, P2's end date has passed, P3 and P4 are no longer listed.
    const { runId, status } = await upload(sourceId, [
      row(1, 'Sales', '', 'Terminated'),
      row(2, 'Finance', '01/01/2020'),
      row(5, 'Sales'),
    ]);
    expect(status).toBe('HELD');
    const byNumber = new Map(
      (await t.prisma.identity.findMany({ where: { employeeNumber: { startsWith: 'P' } } })).map((p) => [
        p.employeeNumber,
        p,
      ]),
    );
    const run = await (await t.callerFor(ivy.identityId)).sources.getRun({ runId });
    expect(run.stats.deprovisions).toBe(4);
    expect(
      run.leaving.map((p) => ({ id: p.id, name: p.displayName, dept: p.department, reason: p.reason })),
    ).toEqual(
      (
        [
          ['P1', 'Sales', 'TERMINATED'],
          ['P2', 'Finance', 'END_DATE'],
          ['P3', 'Legal', 'UNLISTED'],
          ['P4', 'Legal', 'UNLISTED'],
        ] as const
      ).map(([n, dept, reason]) => ({
        id: byNumber.get(n)!.id,
        name: byNumber.get(n)!.displayName,
        dept,
        reason,
      })),
    );
    // Only those who may read the run (admin.sources.manage) see whom it names.
    const staff = await createIdentity(t.prisma, { employeeNumber: null });
    await expect((await t.callerFor(staff.id)).sources.getRun({ runId })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });

    const discardedAt = new Date('2026-12-07T04:30:00Z');
    await decideHeldRun(t.prisma, ivy, { runId, decision: 'DISCARD' }, { ...deps(), now: discardedAt });
    const discarded = await (await t.callerFor(ivy.identityId)).sources.getRun({ runId });
    expect(discarded).toMatchObject({
      status: 'DISCARDED',
      finishedAt: discardedAt,
      discardedBy: { id: ivy.identityId },
      confirmedBy: null,
    });
  });

  it(`names the first ${LEAVING_LIMIT} and counts them all`, async () => {
    const sourceId = await createSource('hr-bulk', { massChangeThreshold: 1 });
    const numbers = Array.from({ length: LEAVING_LIMIT + 3 }, (_, i) => `B${String(i).padStart(4, '0')}`);
    const rows = (status: string) => numbers.map((n) => `${n},Bulk,${n},Ops,,${status}`);
    expect((await upload(sourceId, rows('Active'))).status).toBe('SUCCEEDED');
    await setThreshold(sourceId, 0.1, {});
    const { runId, status } = await upload(sourceId, rows('Terminated'));
    expect(status).toBe('HELD');
    const stored = await t.prisma.sourceRun.findUniqueOrThrow({ where: { id: runId } });
    expect(stored.stats).toMatchObject({ deprovisions: LEAVING_LIMIT + 3 });
    expect((stored.stats as { leaving: unknown[] }).leaving).toHaveLength(LEAVING_LIMIT);
    const run = await (await t.callerFor(ivy.identityId)).sources.getRun({ runId });
    expect(run.leaving).toHaveLength(LEAVING_LIMIT);
    expect(new Set(run.leaving.map((p) => p.reason))).toEqual(new Set(['TERMINATED']));
    // The audit trail records the hold and its count, not the names again (the run keeps them).
    const held = await t.prisma.auditEvent.findFirstOrThrow({
      where: { action: 'source.run_held', entityId: runId },
    });
    const after = held.after as { stats: Record<string, unknown> };
    expect(after.stats).toMatchObject({ deprovisions: LEAVING_LIMIT + 3 });
    expect(after.stats).not.toHaveProperty('leaving');
  });
});
