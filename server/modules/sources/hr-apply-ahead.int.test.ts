import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseSecretKey } from '@/server/lib/secret-box.ts';
import { createApplication, createEntitlement, createIdentity } from '@/server/seed/factories.ts';
import { createTestContext, type TTestContext } from '@/server/testing/test-context.ts';
import { TEST_SECRET_KEY } from '@/server/testing/test-ldap.ts';
import { runSource, type TSourceRunDeps } from './run-source.ts';
import { startSourceRun } from './start-source-run.ts';

// Changed rows are applied while validation still reads (apply-ahead.ts, docs/decisions/102). These
// tests hold that a lane's work is never seen unless the whole file passes: a fatal row or the
// mass-change guard further down rolls it back. A sequence (not transactional) counts the identity
// writes the lanes made, so each test also shows the lanes did write before the run was decided.
let t: TTestContext;
let dir: string;
let sourceId: string;
let ivy: Awaited<ReturnType<TTestContext['actor']>>;
const HEADER = 'emp_no,first_name,last_name,work_email,dept,status';
// Read batches of 50, one lane of 50 rows: the first 50 changed rows are applied ahead.
const config = {
  columns: {
    employeeNumber: 'emp_no',
    firstName: 'first_name',
    lastName: 'last_name',
    email: 'work_email',
    department: 'dept',
    status: 'status',
  },
  required: ['employeeNumber', 'firstName', 'lastName'],
  batchSize: 50,
  parallelBatches: 1,
};

beforeAll(async () => {
  t = await createTestContext();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gatehouse-hr-ahead-'));
  sourceId = (
    await t.prisma.identitySource.create({
      data: { key: 'hr-csv', name: 'HR CSV', kind: 'HR_CSV', precedence: 10, config },
    })
  ).id;
  const app = await createApplication(t.prisma, {
    config: { url: 'ldap://127.0.0.1:1', bindDn: 'cn=x', baseDn: 'dc=x' },
  });
  const finance = await createEntitlement(t.prisma, app.id, { name: 'Finance Reporting' });
  await t.prisma.birthrightRule.create({
    data: {
      name: 'Finance',
      condition: { clauses: [{ attribute: 'department', op: 'equals', values: ['Finance'] }] },
      grants: { create: [{ entitlementId: finance.id }] },
    },
  });
  ivy = await t.actor(
    (await createIdentity(t.prisma, { portalRoles: ['IDENTITY_ADMIN'], employeeNumber: null })).id,
  );
  // The owner arranges the counter: the portal's role creates no sequences, functions or triggers.
  await t.ownerPrisma.$executeRawUnsafe(`CREATE SEQUENCE identity_writes`);
  await t.ownerPrisma.$executeRawUnsafe(`GRANT USAGE, SELECT ON SEQUENCE identity_writes TO PUBLIC`);
  await t.ownerPrisma
    .$executeRawUnsafe(`CREATE FUNCTION count_identity_write() RETURNS trigger LANGUAGE plpgsql
    SET search_path = public, pg_temp AS $$ BEGIN PERFORM nextval('identity_writes'); RETURN NEW; END $$`);
  await t.ownerPrisma.$executeRawUnsafe(
    `CREATE TRIGGER count_identity_write BEFORE INSERT OR UPDATE ON "Identity" FOR EACH ROW EXECUTE FUNCTION count_identity_write()`,
  );
});
afterAll(async () => {
  await t?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const deps = () => ({ queue: t.queue, files: { dir }, secretKey: parseSecretKey(TEST_SECRET_KEY) });
async function upload(rows: string[], extra: Partial<TSourceRunDeps> = {}) {
  const file = path.join(dir, `upload-${Math.random()}.csv`);
  fs.writeFileSync(file, [HEADER, ...rows].join('\n'));
  const { runId } = await startSourceRun(
    t.prisma,
    ivy,
    { sourceId, trigger: 'UPLOAD', file: { path: file, name: 'hr.csv' } },
    deps(),
  );
  const status = await runSource(t.prisma, runId, { ...deps(), ...extra });
  return { status, run: await t.prisma.sourceRun.findUniqueOrThrow({ where: { id: runId } }) };
}
const row = (prefix: string, i: number, dept = 'Finance', status = 'Active') => {
  const n = `${prefix}${String(i).padStart(3, '0')}`;
  return `${n},First${i},Last${i},${n.toLowerCase()}@acme.test,${dept},${status}`;
};
const people = (prefix: string, count: number) => Array.from({ length: count }, (_, i) => row(prefix, i + 1));
const writes = async () =>
  Number(
    (
      await t.prisma.$queryRawUnsafe<Array<{ n: bigint }>>(
        `SELECT CASE WHEN is_called THEN last_value ELSE 0 END AS n FROM identity_writes`,
      )
    )[0]!.n,
  );
const identitiesOf = (prefix: string) =>
  t.prisma.identity.findMany({
    where: { employeeNumber: { startsWith: prefix } },
    select: { employeeNumber: true, department: true, status: true },
  });
const operationsOf = (prefix: string) =>
  t.prisma.provisioningOperation.count({ where: { identity: { employeeNumber: { startsWith: prefix } } } });

/** Audit events but the runs' own: what the lanes' people, access and kill switches wrote. */
const history = () =>
  t.prisma.auditEvent.count({ where: { NOT: { action: { startsWith: 'source.run_' } } } });
/** The people of `prefix` loaded, then a file that moves the first `movers` and lets the next `leavers` go. */
async function loadThenChange(
  prefix: string,
  movers: number,
  leavers: number,
  extra: Partial<TSourceRunDeps> = {},
) {
  expect((await upload(people(prefix, 100))).status).toBe('SUCCEEDED');
  const rows = people(prefix, 100).map((r, i) =>
    i < movers
      ? row(prefix, i + 1, 'Sales')
      : i < movers + leavers
        ? row(prefix, i + 1, 'Finance', 'Terminated')
        : r,
  );
  const before = { writes: await writes(), history: await history() };
  return { ...(await upload(rows, extra)), before };
}

describe('rows applied while validation reads on', () => {
  it('are rolled back, with their access and history, when a row further down is fatal', async () => {
    const before = { writes: await writes(), history: await history() };
    const rows = people('R', 120);
    rows[109] = rows[0]!; // R001 again on row 111: a duplicate, fatal.
    const { status, run } = await upload(rows);
    expect(status).toBe('REJECTED');
    expect(run.stats).toMatchObject({ rows: 120, fatal: 3 }); // its id, employee number and email
    // The lane created the first 50 people before the duplicate was read...
    expect((await writes()) - before.writes).toBeGreaterThanOrEqual(50);
    // ...and none of it is left: people, operations, their audit events.
    expect(await identitiesOf('R')).toEqual([]);
    expect(await operationsOf('R')).toBe(0);
    expect(await history()).toBe(before.history);
  });

  it('are rolled back when the mass-change guard holds the run, however late its leavers come', async () => {
    // 50 movers first (applied ahead), then 20 leavers of about 100 people: above the 10% safeguard.
    const { status, run, before } = await loadThenChange('G', 50, 20);
    expect(status).toBe('HELD');
    expect(run.stats).toMatchObject({ rows: 100, deprovisions: 20 });
    expect((await writes()) - before.writes).toBeGreaterThanOrEqual(50);
    const everyone = await identitiesOf('G');
    expect(everyone).toHaveLength(100);
    expect(new Set(everyone.map((i) => `${i.department} ${i.status}`))).toEqual(new Set(['Finance ACTIVE']));
    expect(await history()).toBe(before.history);
  });

  it('commit when the run may apply, and give the same result as applying after validation', async () => {
    const ahead = await loadThenChange('A', 50, 5);
    // A lane that may hold for no time gives its rows back: they are applied after validation, as before.
    const after = await loadThenChange('B', 50, 5, { applyAheadHoldMs: 0 });
    for (const { status, run } of [ahead, after]) {
      expect(status).toBe('SUCCEEDED');
      expect(run.stats).toMatchObject({
        rows: 100,
        created: 0,
        updated: 55,
        unchanged: 45,
        movers: 50,
        leavers: 5,
        joiners: 0,
      });
    }
    const shape = async (prefix: string) =>
      (await identitiesOf(prefix))
        .map((i) => `${i.employeeNumber!.slice(1)} ${i.department} ${i.status}`)
        .sort();
    expect(await shape('A')).toEqual(await shape('B'));
    expect((await shape('A')).filter((s) => s.includes('Sales'))).toHaveLength(50);
    // Each person's operations and history alike, however their row was applied.
    expect(await operationsOf('A')).toBe(await operationsOf('B'));
    const historyOf = async (prefix: string) =>
      t.prisma.auditEvent.count({
        where: {
          subjectId: {
            in: (
              await t.prisma.identity.findMany({
                where: { employeeNumber: { startsWith: prefix } },
                select: { id: true },
              })
            ).map((i) => i.id),
          },
        },
      });
    expect(await historyOf('A')).toBe(await historyOf('B'));
  });
});
