import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TUserActor } from '@/server/auth/actor.ts';
import { PERSON_HISTORY_ACTIONS } from '@/server/modules/audit/index.ts';
import { createApplication, createEntitlement, createIdentity } from '@/server/seed/factories.ts';
import { createTestContext, type TTestContext } from '@/server/testing/test-context.ts';

/*
 * Asking the manager (issue 11): an owner asks the manager of a finding's person, the manager reads
 * that one finding and answers, and nobody else gets in. Through the tRPC procedures, as the browser.
 */
let t: TTestContext;
type TWho = 'admin' | 'owner' | 'manager' | 'otherManager' | 'employee';
const as = {} as Record<TWho, TUserActor>;
const ids: Record<string, string> = {};

const api = (who: TWho) => t.caller(as[who]);
const codeOf = (work: Promise<unknown>) =>
  work.then(
    () => 'OK',
    (e: { code?: string }) => e.code,
  );

beforeAll(async () => {
  t = await createTestContext();
  const person = (username: string, displayName: string, o: Parameters<typeof createIdentity>[1] = {}) =>
    createIdentity(t.prisma, { username, displayName, ...o });
  as.admin = await t.actor((await person('ida', 'Ida Admin', { portalRoles: ['IDENTITY_ADMIN'] })).id);
  as.owner = await t.actor((await person('olga', 'Olga Owner')).id);
  const mona = await person('mona', 'Mona Manager');
  as.manager = await t.actor(mona.id);
  const max = await person('max', 'Max Manager');
  as.otherManager = await t.actor(max.id);
  as.employee = await t.actor((await person('emil', 'Emil Employee', { managerId: mona.id })).id);
  const pat = await person('pat', 'Pat Person', { managerId: mona.id });
  await person('sam', 'Sam Someone', { managerId: max.id });
  const loner = await person('lone', 'Lone Wolf');
  ids.pat = pat.id;
  ids.mona = mona.id;

  const ledger = await createApplication(t.prisma, { name: 'Ledger' });
  const payments = await createEntitlement(t.prisma, ledger.id, {
    name: 'Payments',
    ownerId: as.owner.identityId,
  });
  const run = await t.prisma.reconciliationRun.create({
    data: {
      applicationId: ledger.id,
      mode: 'FULL',
      trigger: 'MANUAL',
      status: 'SUCCEEDED',
      startedAt: new Date(),
    },
  });
  const finding = (
    key: string,
    identityId: string | null,
    kind: 'UNMANAGED_ENTITLEMENT' | 'ORPHAN_ACCOUNT' = 'UNMANAGED_ENTITLEMENT',
  ) =>
    t.prisma.reconciliationFinding.create({
      data: {
        runId: run.id,
        applicationId: ledger.id,
        kind,
        factKey: key,
        identityId,
        entitlementId: kind === 'ORPHAN_ACCOUNT' ? null : payments.id,
        details: { username: key },
      },
    });
  ids.finding = (await finding('pat-payments', pat.id)).id;
  ids.orphan = (await finding('orphan', null, 'ORPHAN_ACCOUNT')).id;
  ids.loner = (await finding('lone-payments', loner.id)).id;
});
afterAll(() => t?.close());

describe('asking the manager of a finding’s person', () => {
  it('notifies the manager once, in the app and by email, with a link to the finding; asking again is the same ask', async () => {
    const first = await api('owner').reconciliation.askManager({ findingId: ids.finding! });
    expect(first).toMatchObject({ managerName: 'Mona Manager', alreadyAsked: false });
    const again = await api('admin').reconciliation.askManager({ findingId: ids.finding! });
    expect(again).toEqual({ ...first, alreadyAsked: true });

    const notes = await t.prisma.notification.findMany({
      where: { recipientId: ids.mona!, kind: 'reconciliation.manager_asked' },
    });
    expect(notes.map((n) => [n.title, n.link])).toEqual([
      ['Is Pat Person’s access to Payments in Ledger expected?', `/reconciliation/findings/${ids.finding}`],
    ]);
    const emailed = await t.prisma.$queryRaw<
      Array<{ to: string }>
    >`SELECT data->>'to' AS "to" FROM pgboss.job WHERE name = 'notifications.email' AND data->>'subject' LIKE 'Is Pat Person%'`;
    expect(emailed).toHaveLength(1);
    expect(await t.prisma.findingManagerAsk.count({ where: { findingId: ids.finding! } })).toBe(1);
  });

  it('lets the asked manager read that finding, and nothing else of the queue', async () => {
    const f = await api('manager').reconciliation.getFinding({ findingId: ids.finding! });
    expect(f.viewer).toEqual({ asManager: true, mayDecide: false, mayAskManager: false, mayAnswer: true });
    expect(f.managerAsk).toMatchObject({ managerName: 'Mona Manager', answer: null });
    expect(await codeOf(api('manager').reconciliation.listFindings({ status: 'ALL' }))).toBe('FORBIDDEN');
    // A finding about someone else the manager was not asked about stays unknown to them.
    expect(await codeOf(api('manager').reconciliation.getFinding({ findingId: ids.loner! }))).toBe(
      'NOT_FOUND',
    );
  });

  it('refuses another manager and an employee, to read or to answer; and refuses the manager a decision', async () => {
    expect(await codeOf(api('otherManager').reconciliation.getFinding({ findingId: ids.finding! }))).toBe(
      'NOT_FOUND',
    );
    expect(
      await codeOf(
        api('otherManager').reconciliation.answerManagerAsk({ findingId: ids.finding!, answer: 'EXPECTED' }),
      ),
    ).toBe('FORBIDDEN');
    expect(
      await codeOf(
        api('employee').reconciliation.answerManagerAsk({ findingId: ids.finding!, answer: 'EXPECTED' }),
      ),
    ).toBe('FORBIDDEN');
    expect(await codeOf(api('employee').reconciliation.askManager({ findingId: ids.finding! }))).toBe(
      'FORBIDDEN',
    );
    const decided = await api('manager').reconciliation.decide({
      findingIds: [ids.finding!],
      decision: 'REVERT',
    });
    expect(decided).toMatchObject({ decided: 0, refused: [{ findingId: ids.finding }] });
    expect(
      await t.prisma.findingManagerAsk.findFirst({
        where: { findingId: ids.finding! },
        select: { answer: true },
      }),
    ).toEqual({ answer: null });
  });

  it('records the manager’s answer on the finding and in the queue, audits both for the person’s history, and tells the asker', async () => {
    expect(
      await api('manager').reconciliation.answerManagerAsk({
        findingId: ids.finding!,
        answer: 'NOT_EXPECTED',
        comment: '  Pat moved to Sales in May  ',
      }),
    ).toMatchObject({ answer: 'NOT_EXPECTED' });
    const f = await api('owner').reconciliation.getFinding({ findingId: ids.finding! });
    expect(f.managerAsk).toMatchObject({
      managerName: 'Mona Manager',
      answer: 'NOT_EXPECTED',
      comment: 'Pat moved to Sales in May',
    });
    const queue = await api('owner').reconciliation.listFindings({ status: 'ALL' });
    expect(queue.rows.find((r) => r.id === ids.finding)?.managerAsk?.answer).toBe('NOT_EXPECTED');

    const events = await t.prisma.auditEvent.findMany({
      where: { entityId: ids.finding!, action: { startsWith: 'reconciliation.manager_' } },
      orderBy: { occurredAt: 'asc' },
    });
    expect(events.map((e) => [e.action, e.subjectId, e.actorId])).toEqual([
      ['reconciliation.manager_asked', ids.pat, as.owner.identityId],
      ['reconciliation.manager_answered', ids.pat, ids.mona],
    ]);
    expect(PERSON_HISTORY_ACTIONS).toEqual(
      expect.arrayContaining(['reconciliation.manager_asked', 'reconciliation.manager_answered']),
    );
    const told = await t.prisma.notification.findMany({
      where: { recipientId: as.owner.identityId, kind: 'reconciliation.manager_answered' },
    });
    expect(told.map((n) => n.body)).toEqual(['“not expected: remove it”: Pat moved to Sales in May']);

    // Answered: nothing waits, so a second answer is refused; a new ask may be made.
    expect(
      await codeOf(
        api('manager').reconciliation.answerManagerAsk({ findingId: ids.finding!, answer: 'EXPECTED' }),
      ),
    ).toBe('CONFLICT');
    expect(
      (await api('owner').reconciliation.getFinding({ findingId: ids.finding! })).viewer.mayAskManager,
    ).toBe(true);
  });

  it('cannot ask about an orphan account or a person with no manager', async () => {
    expect(await codeOf(api('admin').reconciliation.askManager({ findingId: ids.orphan! }))).toBe('CONFLICT');
    expect(await codeOf(api('admin').reconciliation.askManager({ findingId: ids.loner! }))).toBe('CONFLICT');
    expect(
      await t.prisma.findingManagerAsk.count({ where: { findingId: { in: [ids.orphan!, ids.loner!] } } }),
    ).toBe(0);
  });
});
