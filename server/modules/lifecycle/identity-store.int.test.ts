import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BULK_INSERT_STATEMENT_ROWS } from '@/server/db/bulk-insert.ts';
import { createTestContext, type TTestContext } from '@/server/testing/test-context.ts';
import { createIdentityRows, type TIdentityRow } from './identity-store.ts';

let t: TTestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(async () => {
  await t?.close();
});

const row = (tag: string, n: number, managerId: string | null = null): TIdentityRow => ({
  id: crypto.randomUUID(),
  employeeNumber: `${tag}-${n}`,
  username: `${tag}${n}`,
  email: `${tag}${n}@store.test`,
  firstName: 'Row',
  lastName: String(n),
  displayName: `Row ${n}`,
  department: 'Engineering',
  title: null,
  location: null,
  costCenter: null,
  employmentType: 'EMPLOYEE',
  status: 'ACTIVE',
  startDate: new Date('2026-01-05T00:00:00Z'),
  endDate: null,
  managerId,
  attributes: {},
  terminatedAt: null,
});

describe('createIdentityRows', () => {
  it('links reports to a manager created in the same statement, whichever comes first', async () => {
    const manager = row('same', 0);
    const rows = [row('same', 1, manager.id), manager, row('same', 2, manager.id)];
    await createIdentityRows(t.prisma, rows, 'TEST', new Date());
    const stored = await t.prisma.identity.findMany({
      where: { employeeNumber: { startsWith: 'same-' } },
      select: { employeeNumber: true, managerId: true },
    });
    expect(Object.fromEntries(stored.map((s) => [s.employeeNumber, s.managerId]))).toEqual({
      'same-0': null,
      'same-1': manager.id,
      'same-2': manager.id,
    });
  });

  it('links a report to a manager created in a later statement of the same call', async () => {
    const manager = row('many', 0);
    const reports = Array.from({ length: BULK_INSERT_STATEMENT_ROWS }, (_, i) =>
      row('many', i + 1, manager.id),
    );
    // The manager is the last row: it lands in the second INSERT, after its first report's.
    await createIdentityRows(t.prisma, [...reports, manager], 'TEST', new Date());
    expect(await t.prisma.identity.count({ where: { managerId: manager.id } })).toBe(
      BULK_INSERT_STATEMENT_ROWS,
    );
  });
});
