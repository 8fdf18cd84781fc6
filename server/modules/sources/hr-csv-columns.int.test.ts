import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createIdentity } from '@/server/seed/factories.ts';
import { uploadAndRun } from '@/server/testing/hr-uploads.ts';
import { createTestContext, type TTestContext } from '@/server/testing/test-context.ts';
import { getSource, getSourceRun } from './list-sources.ts';

let t: TTestContext;
let dir: string;
let sourceId: string;
let ivy: Awaited<ReturnType<TTestContext['actor']>>;
const config = {
  columns: {
    employeeNumber: 'emp_no',
    firstName: 'first_name',
    lastName: 'last_name',
    email: 'work_email',
    department: 'dept',
    title: 'job_title',
  },
  dateFormat: 'DD/MM/YYYY',
  required: ['employeeNumber', 'firstName', 'lastName', 'department'],
  massChangeThreshold: 1,
};

beforeAll(async () => {
  t = await createTestContext();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gatehouse-hr-columns-'));
  sourceId = (
    await t.prisma.identitySource.create({
      data: { key: 'hr-columns', name: 'HR columns', kind: 'HR_CSV', precedence: 10, config },
    })
  ).id;
  ivy = await t.actor(
    (await createIdentity(t.prisma, { portalRoles: ['IDENTITY_ADMIN'], employeeNumber: null })).id,
  );
});
afterAll(async () => {
  await t?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function upload(csv: string) {
  const { runId, status } = await uploadAndRun(t, dir, ivy, sourceId, csv);
  return { status, run: await getSourceRun(t.prisma, ivy, { runId }) };
}

describe('an HR source says which columns it reads', () => {
  it('lists the required columns first, and its template is a file it accepts', async () => {
    const source = await getSource(t.prisma, { sourceId });
    expect(source.expectedColumns.filter((c) => c.required).map((c) => c.column)).toEqual([
      'emp_no',
      'first_name',
      'last_name',
      'dept',
    ]);
    expect(source.expectedColumns.find((c) => c.column === 'job_title')).toMatchObject({
      required: false,
      fields: ['title'],
    });
    expect(source.template.split('\n')[0]).toMatch(/^emp_no,first_name,last_name,dept,/);
    expect(source.template).toContain('05/01/2026'); // the example start date, in the source's date format

    const { status, run } = await upload(source.template);
    expect(status).toBe('SUCCEEDED');
    expect(run.people.joiners).toEqual([
      expect.objectContaining({ displayName: 'Jane Doe', department: 'Finance' }),
    ]);
    expect(run.people.movers).toEqual([]);
  });

  it('rejects a file for exactly the required columns it lacks, and notes the ones it does not read', async () => {
    const before = await t.prisma.identity.count();
    const { status, run } = await upload('emp_no,first_name,work_email,shoe_size\nK1,Kai,kai@acme.test,44\n');
    expect(status).toBe('REJECTED');
    expect(run.stats).toMatchObject({ missingColumns: ['last_name', 'dept'], unknownColumns: ['shoe_size'] });
    expect(run.report.filter((e) => e.fatal)).toEqual([
      {
        row: 1,
        field: 'lastName',
        code: 'MISSING_COLUMN',
        message: 'the file has no column “last_name” (lastName), which this source requires',
        fatal: true,
      },
      {
        row: 1,
        field: 'department',
        code: 'MISSING_COLUMN',
        message: 'the file has no column “dept” (department), which this source requires',
        fatal: true,
      },
    ]);
    expect(run.report).toContainEqual({
      row: 1,
      field: null,
      code: 'UNKNOWN_COLUMN',
      message: '“shoe_size” is not a column this source reads: ignored',
      fatal: false,
    });
    // An optional column the mapping names but the file lacks leaves its field alone; it rejects nothing.
    expect(run.report).toContainEqual(
      expect.objectContaining({ field: 'title', code: 'MISSING_COLUMN', fatal: false }),
    );
    expect(await t.prisma.identity.count()).toBe(before);
  });

  it('lists who moved and who left, by person', async () => {
    const header = 'emp_no,first_name,last_name,dept,status';
    expect(
      (await upload(`${header}\nM1,Mo,Reyes,Finance,Active\nM2,Lu,Park,Finance,Active\n`)).run.people.joiners
        .map((p) => p.displayName)
        .sort(),
    ).toEqual(['Lu Park', 'Mo Reyes']);
    const { run } = await upload(`${header}\nM1,Mo,Reyes,Sales,Active\nM2,Lu,Park,Finance,Terminated\n`);
    expect(run.people.movers.map((p) => p.displayName)).toEqual(['Mo Reyes']);
    expect(run.people.leavers.map((p) => p.displayName)).toEqual(['Lu Park']);
    expect(run.stats).toMatchObject({ movers: 1, leavers: 1 });
  });
});
