import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createApplication, createEntitlement, createIdentity } from '@/server/seed/factories.ts';
import { uploadAndRun } from '@/server/testing/hr-uploads.ts';
import { createTestContext, type TTestContext } from '@/server/testing/test-context.ts';

let t: TTestContext;
let dir: string;
let sourceId: string;
let ivy: Awaited<ReturnType<TTestContext['actor']>>;
const HEADER = 'emp_no,first_name,last_name,work_email,dept,job_title,manager';
// Batches of 50, one at a time: which rows commit before a failure is then known exactly.
const config = {
  columns: {
    employeeNumber: 'emp_no',
    firstName: 'first_name',
    lastName: 'last_name',
    email: 'work_email',
    department: 'dept',
    title: 'job_title',
    managerEmployeeNumber: 'manager',
  },
  required: ['employeeNumber', 'firstName', 'lastName'],
  batchSize: 50,
  parallelBatches: 1,
};

beforeAll(async () => {
  t = await createTestContext();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gatehouse-hr-failures-'));
  sourceId = (
    await t.prisma.identitySource.create({
      data: { key: 'hr-csv', name: 'HR CSV', kind: 'HR_CSV', precedence: 10, config },
    })
  ).id;
  // Every Finance joiner gets an account and an entitlement: two provisioning operations each.
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
});
afterAll(async () => {
  await t?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function upload(text: string, extra: { changedInMemoryLimit?: number } = {}) {
  const { runId, status } = await uploadAndRun(t, dir, ivy, sourceId, text, extra);
  return { status, run: await t.prisma.sourceRun.findUniqueOrThrow({ where: { id: runId } }) };
}
/** 120 people, `prefix`001 to `prefix`120; the first five report to `prefix`100, further down the file. */
const people = (prefix: string) =>
  Array.from({ length: 120 }, (_, i) => {
    const n = `${prefix}${String(i + 1).padStart(3, '0')}`;
    return `${n},First${i + 1},Last${i + 1},${n.toLowerCase()}@acme.test,Finance,Analyst for the quarterly reporting cycle,${i < 5 ? `${prefix}100` : ''}`;
  });
const identitiesOf = (prefix: string) =>
  t.prisma.identity.findMany({
    where: { employeeNumber: { startsWith: prefix } },
    select: { id: true, employeeNumber: true, manager: { select: { employeeNumber: true } } },
  });
/** Per person: how many rows of `table` are about them (grouped by `column`). */
async function perPerson(
  table: 'ProvisioningOperation' | 'AuditEvent',
  column: 'identityId' | 'subjectId',
  ids: string[],
) {
  const rows = await t.prisma.$queryRawUnsafe<Array<{ id: string; n: bigint }>>(
    `SELECT "${column}"::text AS id, count(*) AS n FROM "${table}" WHERE "${column}" = ANY($1::uuid[]) GROUP BY 1`,
    ids,
  );
  return new Set(ids.map((id) => Number(rows.find((r) => r.id === id)?.n ?? 0)));
}

describe('an HR run that cannot apply everything', () => {
  it('rejects a file with a NUL character in row 100, past the 4 KB the upload inspects, and applies nothing', async () => {
    const rows = people('N');
    rows[98] = rows[98]!.replace('Last99', 'La\u0000st99');
    const text = [HEADER, ...rows].join('\n');
    expect(Buffer.byteLength(text.slice(0, text.indexOf('\u0000')))).toBeGreaterThan(4096);
    const { status, run } = await upload(text);
    expect(status).toBe('REJECTED');
    expect(run.stats).toMatchObject({ rows: 120, fatal: 1 });
    expect(run.report).toEqual([
      {
        row: 100,
        field: 'lastName',
        code: 'BAD_VALUE',
        message: 'lastName contains the control character U+0000',
        fatal: true,
      },
    ]);
    expect(await identitiesOf('N')).toEqual([]);
    expect(await t.prisma.provisioningOperation.count()).toBe(0);
  });

  it('a run the database refuses from its first batch is FAILED, applies nothing, and shows the admin no database internals', async () => {
    // The owner arranges the refusal: the portal's role creates no functions or triggers.
    await t.ownerPrisma.$executeRawUnsafe(`CREATE FUNCTION refuse_all() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'relation "secret_table" refused % (internal detail)', NEW."employeeNumber"; END $$`);
    await t.ownerPrisma.$executeRawUnsafe(
      `CREATE TRIGGER refuse_all BEFORE INSERT ON "Identity" FOR EACH ROW EXECUTE FUNCTION refuse_all()`,
    );
    const logged = vi.mocked(console.error).mockImplementation(() => {});
    try {
      const { status, run } = await upload([HEADER, ...people('F')].join('\n'));
      expect(status).toBe('FAILED');
      expect(run.stats).toMatchObject({
        rows: 120,
        created: 0,
        notApplied: 120,
        error: expect.stringMatching(
          /^An internal error stopped the run .*Nothing was applied; 120 not applied/,
        ),
      });
      expect(JSON.stringify(run)).not.toMatch(/secret_table|internal detail/);
      const audit = await t.prisma.auditEvent.findFirstOrThrow({
        where: { action: 'source.run_finished', entityId: run.id },
      });
      expect(JSON.stringify(audit.after)).not.toMatch(/secret_table/);
      expect(logged).toHaveBeenCalledWith(
        expect.stringContaining(`[source-run ${run.id}]`),
        expect.objectContaining({ message: expect.stringContaining('secret_table') }),
      );
      expect(await identitiesOf('F')).toEqual([]);
    } finally {
      await t.ownerPrisma.$executeRawUnsafe(`DROP TRIGGER refuse_all ON "Identity"`);
    }
  });

  it.each([
    ['keeping the changed rows from the first pass', 'P', {}],
    ['reading the file again', 'Q', { changedInMemoryLimit: 0 }],
  ])(
    'a failure while applying (%s) leaves the run PARTIAL with exact counts, and the same file again converges',
    async (_mode, prefix, extra) => {
      const refused = `${prefix}075`;
      // The owner arranges the refusal: the portal's role creates no functions or triggers.
      await t.ownerPrisma
        .$executeRawUnsafe(`CREATE FUNCTION refuse_${prefix}() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW."employeeNumber" = '${refused}' THEN RAISE EXCEPTION 'test trigger refuses %', NEW."employeeNumber"; END IF; RETURN NEW; END $$`);
      await t.ownerPrisma.$executeRawUnsafe(
        `CREATE TRIGGER refuse_${prefix} BEFORE INSERT ON "Identity" FOR EACH ROW EXECUTE FUNCTION refuse_${prefix}()`,
      );
      const text = [HEADER, ...people(prefix)].join('\n');
      const logged = vi.mocked(console.error).mockImplementation(() => {});

      const first = await upload(text, extra);
      expect(first.status).toBe('PARTIAL');
      expect(first.run.stats).toMatchObject({
        rows: 120,
        created: 50,
        updated: 0,
        unchanged: 0,
        joiners: 50,
        notApplied: 70,
      });
      const notApplied = (first.run.report as Array<{ code: string; message: string }>).filter(
        (e) => e.code === 'NOT_APPLIED',
      );
      expect(notApplied.map((e) => e.message.split(' ')[0]).sort()).toEqual(
        people(prefix)
          .slice(50)
          .map((r) => r.split(',')[0]),
      );
      expect((first.run.stats as { error: string }).error).toMatch(
        /^An internal error stopped the run .*50 created, 0 updated, 0 unchanged; 70 not applied/,
      );
      expect(JSON.stringify(first.run)).not.toContain('test trigger refuses');
      expect(logged).toHaveBeenCalledWith(
        expect.stringContaining('[source-run'),
        expect.objectContaining({ message: expect.stringContaining(`test trigger refuses ${refused}`) }),
      );
      const applied = await identitiesOf(prefix);
      expect(applied.map((i) => i.employeeNumber).sort()).toEqual(
        people(prefix)
          .slice(0, 50)
          .map((r) => r.split(',')[0]),
      );
      expect(
        await t.prisma.provisioningOperation.count({
          where: { identityId: { in: applied.map((i) => i.id) } },
        }),
      ).toBe(100);
      logged.mockClear();

      await t.ownerPrisma.$executeRawUnsafe(`DROP TRIGGER refuse_${prefix} ON "Identity"`);
      const again = await upload(text, extra);
      expect(again.status).toBe('SUCCEEDED');
      // Those applied before are unchanged; the five still waiting for their manager are applied again, and get them.
      expect(again.run.stats).toMatchObject({
        rows: 120,
        created: 70,
        updated: 0,
        unchanged: 50,
        joiners: 70,
      });
      expect(again.run.stats).not.toHaveProperty('notApplied');
      const everyone = await identitiesOf(prefix);
      expect(everyone).toHaveLength(120);
      expect(
        everyone
          .filter((i) => i.manager?.employeeNumber === `${prefix}100`)
          .map((i) => i.employeeNumber)
          .sort(),
      ).toEqual([1, 2, 3, 4, 5].map((n) => `${prefix}00${n}`));
      const ids = everyone.map((i) => i.id);
      // Nobody was applied twice: every person has as many operations (2) and audit events as every other.
      expect(await perPerson('ProvisioningOperation', 'identityId', ids)).toEqual(new Set([2]));
      expect(
        (
          await perPerson(
            'AuditEvent',
            'subjectId',
            ids.filter((_, i) => !everyone[i]!.manager),
          )
        ).size,
      ).toBe(1);
      expect(logged).not.toHaveBeenCalled();
    },
  );
});
