import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ingestSourceRecords } from '@/server/modules/lifecycle/index.ts';
import { createApplication, createEntitlement, createIdentity } from '@/server/seed/factories.ts';
import { sourceRunDeps, uploadAndRun } from '@/server/testing/hr-uploads.ts';
import { createTestContext, type TTestContext } from '@/server/testing/test-context.ts';
import { decideHeldRun } from './decide-held-run.ts';
import { runSource } from './run-source.ts';
import { startSourceRun } from './start-source-run.ts';
import { watchSourceFolders } from './watch-source-folders.ts';

let t: TTestContext;
let dir: string;
let sourceId: string;
let ivy: Awaited<ReturnType<TTestContext['actor']>>;
const HEADER = 'emp_no,first_name,last_name,work_email,dept,job_title,start,manager,status';
const config = {
  columns: {
    employeeNumber: 'emp_no',
    firstName: 'first_name',
    lastName: 'last_name',
    email: 'work_email',
    department: 'dept',
    title: 'job_title',
    startDate: 'start',
    managerEmployeeNumber: 'manager',
    status: 'status',
  },
  dateFormat: 'DD/MM/YYYY',
  required: ['employeeNumber', 'firstName', 'lastName', 'department'],
};

beforeAll(async () => {
  t = await createTestContext();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gatehouse-hr-'));
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
});
afterAll(async () => {
  await t?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/**
 * Changes the source's config for one test; afterEach puts the file's config back, so a test that
 * fails half-way does not leave the rest of the file running with its config.
 */
let configChanged = false;
async function changeConfig(change: Record<string, unknown>) {
  configChanged = true;
  await t.prisma.identitySource.update({
    where: { id: sourceId },
    data: { config: { ...config, ...change } },
  });
}
afterEach(async () => {
  if (!configChanged) return;
  configChanged = false;
  await t.prisma.identitySource.update({ where: { id: sourceId }, data: { config } });
});

const deps = () => sourceRunDeps(t, dir);
/** Uploads rows as a file and runs the run to its end, as the worker would. */
async function upload(rows: string[], name = 'hr.csv', extra: { changedInMemoryLimit?: number } = {}) {
  const csv = [HEADER, ...rows].join('\n');
  const { runId, status } = await uploadAndRun(t, dir, ivy, sourceId, csv, { name, ...extra });
  return { runId, status, run: await t.prisma.sourceRun.findUniqueOrThrow({ where: { id: runId } }) };
}
const person = (employeeNumber: string) =>
  t.prisma.identity.findUniqueOrThrow({ where: { employeeNumber }, include: { manager: true } });

describe('an HR CSV source', () => {
  it('applies a good file, with managers listed after their reports', async () => {
    const { status, run } = await upload([
      'H1,Ana,Silva,ana@acme.test,Finance,Analyst,05/01/2026,H2,Active',
      'H2,"Bea, Jr.",Costa,bea@acme.test,Finance,Manager,01/06/2020,,Active',
      'H3,Caio,Lima,caio@acme.test,Sales,Rep,01/02/2021,H2,Active',
      'H4,Dora,Reis,dora@acme.test,Sales,Rep,01/02/2021,H2,Active',
      'H5,Edu,Melo,edu@acme.test,Sales,Rep,01/02/2021,H2,Active',
      'H6,Fia,Nunes,fia@acme.test,Sales,Rep,01/02/2021,H2,Active',
    ]);
    expect(status).toBe('SUCCEEDED');
    expect(run.stats).toMatchObject({ rows: 6, created: 6, joiners: 6, fatal: 0 });
    expect(await person('H1')).toMatchObject({
      firstName: 'Ana',
      department: 'Finance',
      startDate: new Date('2026-01-05T00:00:00Z'),
      manager: { employeeNumber: 'H2' },
    });
    expect((await person('H2')).firstName).toBe('Bea, Jr.');
    expect(
      await t.prisma.grant.count({ where: { identity: { employeeNumber: 'H1' }, status: 'ACTIVE' } }),
    ).toBe(1);
    expect(
      await t.prisma.provisioningOperation.count({ where: { causeRef: `source-run:${run.id}` } }),
    ).toBeGreaterThan(0);
  });

  it('rejects a file with fatal errors, reports every row, and applies nothing', async () => {
    const before = await t.prisma.identity.count();
    const { status, run } = await upload([
      'H7,Gil,,gil@acme.test,Finance,Analyst,05/01/2026,,Active',
      'H8,Hugo,Ramos,hugo@acme.test,Finance,Analyst,31/02/2026,,Active',
      'H9,Iara,Dias,iara@acme.test,Finance,Analyst,05/01/2026,ZZ9,Active',
      'H9,Joao,Dias,joao@acme.test,Finance,Analyst,05/01/2026,,Active',
      'H1,Ana,Silva,ana@acme.test,Finance,Senior Analyst,05/01/2026,H2,Active',
    ]);
    expect(status).toBe('REJECTED');
    expect(run.report).toEqual([
      {
        row: 2,
        field: 'lastName',
        code: 'MISSING_REQUIRED',
        message: expect.stringContaining('lastName is required'),
        fatal: true,
      },
      {
        row: 3,
        field: 'startDate',
        code: 'BAD_DATE',
        message: expect.stringContaining('“31/02/2026” is not a date'),
        fatal: true,
      },
      {
        row: 4,
        field: 'managerEmployeeNumber',
        code: 'UNKNOWN_MANAGER',
        message: 'manager ZZ9 is neither in the file nor in Gatehouse',
        fatal: false,
      },
      { row: 5, field: 'externalId', code: 'DUPLICATE_ID', message: expect.any(String), fatal: true },
      {
        row: 5,
        field: 'employeeNumber',
        code: 'DUPLICATE_EMPLOYEE_NUMBER',
        message: 'employee number H9 is also on row 4',
        fatal: true,
      },
    ]);
    expect(await t.prisma.identity.count()).toBe(before);
    expect((await person('H1')).title).toBe('Analyst');
  });

  it('rejects a file without a mapped column, and one that is not CSV', async () => {
    const file = path.join(dir, 'bad.csv');
    fs.writeFileSync(file, 'emp_no,first_name\nH1,Ana\n');
    const { runId } = await startSourceRun(
      t.prisma,
      ivy,
      { sourceId, trigger: 'UPLOAD', file: { path: file, name: 'bad.csv' } },
      deps(),
    );
    expect(await runSource(t.prisma, runId, deps())).toBe('REJECTED');
    const run = await t.prisma.sourceRun.findUniqueOrThrow({ where: { id: runId } });
    expect(run.report).toContainEqual(
      expect.objectContaining({ code: 'MISSING_COLUMN', field: 'lastName', fatal: true }),
    );

    const broken = await upload(['H1,"Ana,Silva']);
    expect(broken.status).toBe('REJECTED');
    expect(broken.run.report).toMatchObject([{ code: 'SYNTAX', fatal: true }]);
  });

  it('holds a sync that would deprovision more than 10% until the identity team confirms it', async () => {
    const { status, run } = await upload([
      'H3,Caio,Lima,caio@acme.test,Sales,Rep,01/02/2021,H2,Terminated',
      'H4,Dora,Reis,dora@acme.test,Sales,Rep,01/02/2021,H2,Terminated',
    ]);
    expect(status).toBe('HELD');
    expect(run.heldReason).toMatch(/would deprovision 2 of \d+ people/);
    expect((await person('H3')).status).toBe('ACTIVE');

    await decideHeldRun(t.prisma, ivy, { runId: run.id, decision: 'CONFIRM' }, deps());
    expect(await runSource(t.prisma, run.id, deps())).toBe('SUCCEEDED');
    expect(await t.prisma.sourceRun.findUniqueOrThrow({ where: { id: run.id } })).toMatchObject({
      confirmedById: ivy.identityId,
      stats: { leavers: 2, confirmedDeprovisions: 2 },
    });
    expect((await person('H3')).status).toBe('TERMINATED');

    const again = await upload([
      'H5,Edu,Melo,edu@acme.test,Sales,Rep,01/02/2021,H2,Terminated',
      'H6,Fia,Nunes,fia@acme.test,Sales,Rep,01/02/2021,H2,Terminated',
    ]);
    expect(again.status).toBe('HELD');
    await decideHeldRun(t.prisma, ivy, { runId: again.runId, decision: 'DISCARD' }, deps());
    expect(await t.prisma.sourceRun.findUniqueOrThrow({ where: { id: again.runId } })).toMatchObject({
      status: 'DISCARDED',
    });
    expect((await person('H5')).status).toBe('ACTIVE');
    await expect(
      decideHeldRun(t.prisma, ivy, { runId: again.runId, decision: 'CONFIRM' }, deps()),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('picks up files dropped in its folder and moves them aside afterwards', async () => {
    const inbox = path.join(dir, 'inbox');
    fs.mkdirSync(inbox);
    await t.prisma.identitySource.update({
      where: { id: sourceId },
      data: { config: { ...config, folder: inbox } },
    });
    const file = path.join(inbox, 'daily.csv');
    fs.writeFileSync(
      file,
      [HEADER, 'H1,Ana,Silva,ana@acme.test,Sales,Analyst,05/01/2026,H2,Active'].join('\n'),
    );
    const old = new Date(Date.now() - 60_000);
    fs.utimesSync(file, old, old);
    fs.writeFileSync(path.join(inbox, 'notes.txt'), 'ignored');
    const [runId] = await watchSourceFolders(t.prisma, { queue: t.queue, files: { dir } });
    expect(fs.existsSync(file)).toBe(false);
    expect(await watchSourceFolders(t.prisma, { queue: t.queue, files: { dir } })).toEqual([]);
    expect(await runSource(t.prisma, runId!, deps())).toBe('SUCCEEDED');
    expect(await t.prisma.sourceRun.findUniqueOrThrow({ where: { id: runId! } })).toMatchObject({
      trigger: 'FOLDER',
      fileName: 'daily.csv',
      stats: { movers: 1 },
    });
    expect(fs.readdirSync(path.join(inbox, 'processed'))).toEqual([expect.stringMatching(/-daily\.csv$/)]);
    expect(
      await t.prisma.grant.count({ where: { identity: { employeeNumber: 'H1' }, status: 'ACTIVE' } }),
    ).toBe(0);
  });

  it('a snapshot source retires the people it no longer lists', async () => {
    await t.prisma.identitySource.update({
      where: { id: sourceId },
      data: { config: { ...config, snapshot: true, massChangeThreshold: 1 } },
    });
    const { status, run } = await upload([
      'H1,Ana,Silva,ana@acme.test,Sales,Analyst,05/01/2026,H2,Active',
      'H2,"Bea, Jr.",Costa,bea@acme.test,Finance,Manager,01/06/2020,,Active',
      'H5,Edu,Melo,edu@acme.test,Sales,Rep,01/02/2021,H2,Active',
    ]);
    expect(status).toBe('SUCCEEDED');
    expect(run.stats).toMatchObject({ deprovisions: 1, leavers: 1 });
    expect((await person('H6')).status).toBe('TERMINATED');
  });

  it('skips an unchanged person whose manager is not in yet, and sets the manager when they appear', async () => {
    const rows = [
      'W1,Wes,Alves,wes@acme.test,Sales,Rep,01/02/2021,WX,Active',
      'W2,Wil,Alves,wil@acme.test,Sales,Rep,01/02/2021,WY,Active',
      'W3,Wyn,Alves,wyn@acme.test,Sales,Rep,01/02/2021,WZ,Active',
    ];
    const written = async (employeeNumber: string) =>
      (
        await t.prisma.sourceRecord.findFirstOrThrow({
          where: { sourceId, identity: { employeeNumber } },
          select: { updatedAt: true },
        })
      ).updatedAt;
    expect((await upload(rows)).run.stats).toMatchObject({ created: 3 });
    const first = await written('W1');

    // Nobody is WX, WY or WZ: the same file again changes nothing, and writes nothing.
    expect((await upload(rows)).run.stats).toMatchObject({ rows: 3, unchanged: 3, updated: 0 });
    expect(await written('W1')).toEqual(first);
    expect((await person('W1')).manager).toBeNull();

    // WX in a later file: W1, unchanged, gets them.
    expect((await upload([...rows, 'WX,Xan,Alves,xan@acme.test,Sales,Lead,01/02/2021,,Active'])).status).toBe(
      'SUCCEEDED',
    );
    expect((await person('W1')).manager?.employeeNumber).toBe('WX');
    // WY through another source: W2 gets them, at the latest on the next run.
    const other = await t.prisma.identitySource.create({
      data: { key: 'hr-other', name: 'Contractors', kind: 'HR_CSV', precedence: 20 },
    });
    await ingestSourceRecords(
      t.prisma,
      { id: other.id, origin: 'HR_CSV' },
      [{ externalId: 'WY', employeeNumber: 'WY', firstName: 'Yara', lastName: 'Alves' }],
      { queue: t.queue },
    );
    await upload(rows);
    expect((await person('W2')).manager?.employeeNumber).toBe('WY');
    // WZ arrives in a way that reaches no one waiting for them (as when the process applying a run
    // died between WZ's batch and the pass that sets the managers listed after their reports): the
    // next run still sees W3 waiting, and applies W3 now that WZ is found.
    await createIdentity(t.prisma, { employeeNumber: 'WZ' });
    await upload([...rows, 'WX,Xan,Alves,xan@acme.test,Sales,Lead,01/02/2021,,Active']);
    expect((await person('W3')).manager?.employeeNumber).toBe('WZ');
  });

  it('applies only the rows that changed since the last sync, whether it keeps them in memory or reads the file again', async () => {
    const rows = (title: string) => [
      'R1,Rui,Alves,rui@acme.test,Sales,Lead,01/02/2021,,Active',
      'R2,Rita,Alves,rita@acme.test,Sales,Rep,01/02/2021,R1,Active',
      'R3,Ravi,Alves,ravi@acme.test,Sales,Rep,01/02/2021,R1,Active',
      `R4,Rosa,Alves,rosa@acme.test,Sales,${title},01/02/2021,R1,Active`,
    ];
    expect((await upload(rows('Rep'))).run.stats).toMatchObject({ created: 4 });
    const kept = await upload(rows('Senior Rep'));
    expect(kept.status).toBe('SUCCEEDED');
    expect(kept.run.stats).toMatchObject({ rows: 4, updated: 1, unchanged: 3, created: 0 });
    expect((await person('R4')).title).toBe('Senior Rep');
    const reread = await upload(rows('Principal Rep'), 'hr.csv', { changedInMemoryLimit: 0 });
    expect(reread.run.stats).toMatchObject({ rows: 4, updated: 1, unchanged: 3, created: 0 });
    expect((await person('R4')).title).toBe('Principal Rep');
    expect((await person('R3')).manager?.employeeNumber).toBe('R1');
  });

  it('a held run that changes an identity admin’s own record is decided by another identity admin', async () => {
    const ada = await createIdentity(t.prisma, {
      portalRoles: ['IDENTITY_ADMIN'],
      employeeNumber: 'HA1',
      email: 'ada@acme.test',
    });
    // Any deprovision holds (the share is the safeguard's business, not this test's).
    await changeConfig({ massChangeThreshold: 0 });
    const { status, run } = await upload(['HA1,Ada,Admin,ada@acme.test,Sales,Admin,01/02/2021,,Terminated']);
    expect(status).toBe('HELD');
    expect(run.touchedDeciderIds).toEqual([ada.id]);

    // Ada's page offers her no confirm and says who decides; the server refuses her, audited once.
    const adas = await t.callerFor(ada.id);
    expect(await adas.sources.getRun({ runId: run.id })).toMatchObject({
      canDecide: false,
      cannotDecideReason: 'This run changes your own record: another identity admin decides it.',
    });
    // Either way: a discard would keep her own leave from happening.
    for (const decision of ['CONFIRM', 'DISCARD'] as const) {
      const refused = await adas.sources.decideRun({ runId: run.id, decision }).catch((e: unknown) => e);
      expect(refused).toMatchObject({
        code: 'FORBIDDEN',
        cause: {
          code: 'SELF_APPROVAL',
          message: 'You cannot decide a run that changes your own record: another identity admin decides it',
        },
      });
    }
    expect(
      await t.prisma.auditEvent.count({
        where: { actorId: ada.id, action: 'access.refused', entityId: 'sources.decideRun' },
      }),
    ).toBe(2);
    expect((await t.prisma.sourceRun.findUniqueOrThrow({ where: { id: run.id } })).status).toBe('HELD');

    // Ivy, whose record the run leaves alone, confirms it.
    const ivys = await t.callerFor(ivy.identityId);
    expect(await ivys.sources.getRun({ runId: run.id })).toMatchObject({
      canDecide: true,
      cannotDecideReason: null,
    });
    await ivys.sources.decideRun({ runId: run.id, decision: 'CONFIRM' });
    expect(await runSource(t.prisma, run.id, deps())).toBe('SUCCEEDED');
    expect((await person('HA1')).status).toBe('TERMINATED');
  });

  /** Confirms a held run as `who`, then runs it as the worker would. */
  async function confirmAndRun(runId: string, who: string) {
    await decideHeldRun(t.prisma, await t.actor(who), { runId, decision: 'CONFIRM' }, deps());
    return runSource(t.prisma, runId, deps());
  }
  const heldAgain = {
    status: 'HELD',
    confirmedById: null,
    finishedAt: null,
    heldReason:
      'This sync changes the own record of the person who confirmed it: another identity admin decides it. Nothing was applied.',
  };

  it('a confirmed run that reaches its confirmer’s own record (made a decider after the hold) is held again', async () => {
    const bea = await createIdentity(t.prisma, { employeeNumber: 'HB1', email: 'bea.late@acme.test' });
    await changeConfig({ massChangeThreshold: 0 });
    const { status, run } = await upload([
      'HB1,Bea,Late,bea.late@acme.test,Sales,Admin,01/02/2021,,Terminated',
    ]);
    expect(status).toBe('HELD');
    expect(run.touchedDeciderIds).toEqual([]);

    // Made an identity admin after the hold, Bea is not in touchedDeciderIds: the re-run checks her.
    await t.prisma.identityPortalRole.create({ data: { identityId: bea.id, role: 'IDENTITY_ADMIN' } });
    expect(await confirmAndRun(run.id, bea.id)).toBe('HELD');
    expect(await t.prisma.sourceRun.findUniqueOrThrow({ where: { id: run.id } })).toMatchObject({
      ...heldAgain,
      touchedDeciderIds: [bea.id],
    });
    expect((await person('HB1')).status).toBe('ACTIVE');
    expect(
      await t.prisma.auditEvent.findFirst({
        where: { entityId: run.id, action: 'source.run_held' },
        orderBy: { occurredAt: 'desc' },
      }),
    ).toMatchObject({ after: { status: 'HELD', heldReason: heldAgain.heldReason } });
    // She cannot confirm it a second time; Ivy can, and it applies.
    await expect(
      decideHeldRun(t.prisma, await t.actor(bea.id), { runId: run.id, decision: 'CONFIRM' }, deps()),
    ).rejects.toMatchObject({ code: 'SELF_APPROVAL' });
    expect(await confirmAndRun(run.id, ivy.identityId)).toBe('SUCCEEDED');
    expect((await person('HB1')).status).toBe('TERMINATED');
  });

  it('a confirmed run that now deprovisions more than was confirmed is held again, with nobody named as its confirmer', async () => {
    await createIdentity(t.prisma, { employeeNumber: 'HD1', email: 'dina@acme.test' });
    const elio = await createIdentity(t.prisma, {
      employeeNumber: 'HD2',
      email: 'elio@acme.test',
      status: 'TERMINATED',
    });
    await changeConfig({ massChangeThreshold: 0 });
    const { status, run } = await upload([
      'HD1,Dina,Lopes,dina@acme.test,Sales,Rep,01/02/2021,,Terminated',
      'HD2,Elio,Lopes,elio@acme.test,Sales,Rep,01/02/2021,,Terminated',
    ]);
    expect(status).toBe('HELD');
    expect(run.stats).toMatchObject({ deprovisions: 1 });

    // Ivy confirms one deprovision; Elio comes back (rehired) before the run applies: it would now be two.
    await decideHeldRun(t.prisma, ivy, { runId: run.id, decision: 'CONFIRM' }, deps());
    await t.prisma.identity.update({ where: { id: elio.id }, data: { status: 'ACTIVE' } });
    expect(await runSource(t.prisma, run.id, deps())).toBe('HELD');
    expect(await t.prisma.sourceRun.findUniqueOrThrow({ where: { id: run.id } })).toMatchObject({
      status: 'HELD',
      confirmedById: null,
      finishedAt: null,
      heldReason: expect.stringMatching(/^This sync would deprovision 2 of \d+ people/),
    });
    // The run's page says nothing of a confirmation: the run held now is not the one Ivy confirmed.
    expect(await (await t.callerFor(ivy.identityId)).sources.getRun({ runId: run.id })).toMatchObject({
      status: 'HELD',
      confirmedBy: null,
      canDecide: true,
    });
    expect((await person('HD1')).status).toBe('ACTIVE');
    await decideHeldRun(t.prisma, ivy, { runId: run.id, decision: 'DISCARD' }, deps());
  });

  it('a confirmer terminated before the run applies is still its confirmer: a run that reaches their record is held again', async () => {
    const gil = await createIdentity(t.prisma, { employeeNumber: 'HG1', email: 'gil@acme.test' });
    await changeConfig({ massChangeThreshold: 0 });
    const { status, run } = await upload(['HG1,Gil,Late,gil@acme.test,Sales,Admin,01/02/2021,,Terminated']);
    expect(status).toBe('HELD');
    expect(run.touchedDeciderIds).toEqual([]);

    // Made an identity admin after the hold, Gil confirms; then he leaves (another way) before it runs.
    await t.prisma.identityPortalRole.create({ data: { identityId: gil.id, role: 'IDENTITY_ADMIN' } });
    await decideHeldRun(t.prisma, await t.actor(gil.id), { runId: run.id, decision: 'CONFIRM' }, deps());
    await t.prisma.identity.update({ where: { id: gil.id }, data: { status: 'TERMINATED' } });
    expect(await runSource(t.prisma, run.id, deps())).toBe('HELD');
    expect(await t.prisma.sourceRun.findUniqueOrThrow({ where: { id: run.id } })).toMatchObject({
      ...heldAgain,
      touchedDeciderIds: [gil.id],
    });
    expect(await (await t.callerFor(ivy.identityId)).sources.getRun({ runId: run.id })).toMatchObject({
      status: 'HELD',
      confirmedBy: null,
    });
    await decideHeldRun(t.prisma, ivy, { runId: run.id, decision: 'DISCARD' }, deps());
  });

  it('a run held before touchedDeciderIds existed, confirmed by a person it touches, is held again', async () => {
    const cleo = await createIdentity(t.prisma, {
      portalRoles: ['IDENTITY_ADMIN'],
      employeeNumber: 'HC1',
      email: 'cleo.old@acme.test',
    });
    await changeConfig({ massChangeThreshold: 0 });
    const { status, run } = await upload([
      'HC1,Cleo,Old,cleo.old@acme.test,Sales,Admin,01/02/2021,,Terminated',
    ]);
    expect(status).toBe('HELD');
    // As the migration left runs held before it.
    await t.prisma.$executeRaw`UPDATE "SourceRun" SET "touchedDeciderIds" = NULL WHERE id = ${run.id}::uuid`;

    expect(await confirmAndRun(run.id, cleo.id)).toBe('HELD');
    expect(await t.prisma.sourceRun.findUniqueOrThrow({ where: { id: run.id } })).toMatchObject({
      ...heldAgain,
      touchedDeciderIds: [cleo.id],
    });
    expect((await person('HC1')).status).toBe('ACTIVE');
  });
});
