import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createApplication,
  createApprovalPolicy,
  createEntitlement,
  createIdentity,
  createRole,
  createTeam,
} from '@/server/seed/factories.ts';
import { SLACK_SETTINGS_KEY } from '@/server/modules/approvals/index.ts';
import { createCountingContext, type TCountingContext } from '@/server/testing/count-statements.ts';
import { submitAccessRequests } from './submit-access-requests.ts';

let t: TCountingContext;
beforeAll(async () => {
  t = await createCountingContext();
});
afterAll(async () => {
  await t?.close();
});

/**
 * What one submission of one entitlement costs in statements (issue 14, "fewer round trips"): 4 reads
 * before the transaction: SoD's two, side by side with the beneficiary, the item and the pending
 * requests as one statement, followed by the chain's (policy, teams, people named, identity admins,
 * mitigators, management chains and auto-approval rules), which needs the item; then BEGIN; the
 * hold's locks in one statement (the item's advisory lock and row, the people, the risk default's
 * lock and the policies), then one statement that reads again all that is compared with the plan:
 * the item, the SoD rules its check weighed and the approvers' facts (holdPlannedItems: a change
 * committed since the plan is planned again, docs/decisions/112, 115, 116); one statement that
 * writes the request, its audit event, its stages, its steps and the first approvers' notifications
 * (data-modifying CTEs) and reads the approvers' reach (who cannot act, their stand-ins, their
 * addresses and the Slack setting); the email jobs and COMMIT (4, however many stages, steps and teams).
 * It was 32 (21 in the transaction) before the request's row came from its INSERT alone, the chain
 * was written in bulk and the first stage opened as it is written; then 21 (12 in the transaction,
 * and a team cost two more reads) before the chain's reads and the approvers' reads became one each
 * (docs/decisions/091); then 15 (9 in the transaction) before the request, its audit event, its chain
 * and the approvers' reach went out as one statement (docs/decisions/101); then 11 (5 in the
 * transaction) before the hold; 13 (7 in the transaction) before the hold took the policies; 14 (8 in
 * the transaction) before it read the approvers' facts again; 15 (9 in the transaction) before it read
 * the SoD rules again; 16 (10 in the transaction) before the hold's locks went into one statement and
 * its re-reads into another (decision 116); 13 (7 in the transaction) before the plan's beneficiary,
 * item and pending-request reads became one statement (decision 116); 11 (7 in the transaction) before
 * the notifications went out in the request's statement (decision 116). A change that adds a round trip
 * to every submission has to change this number.
 */
const SUBMISSION_STATEMENTS = 10;
const IN_TRANSACTION = 6;
/** The hold's share of them: its locks, then its re-reads (holdPlannedItems, decision 116). */
const HOLD_STATEMENTS = 2;

/** BEGIN to COMMIT. */
const inTransaction = (texts: string[]) => texts.length - texts.findIndex((x) => x.trim() === 'BEGIN');

async function submit(requesterId: string, entitlementId: string) {
  const actor = await t.actor(requesterId);
  return t.counter.count((db) =>
    submitAccessRequests(
      db,
      actor,
      { items: [{ kind: 'ENTITLEMENT', id: entitlementId }], justification: 'Month-end close' },
      { queue: t.queue, now: new Date('2026-03-02T09:00:00Z') },
    ),
  );
}

describe('submitting a request in round trips', () => {
  it('writes a chain of three stages and eight approvers in the statements of one stage of one approver', async () => {
    const app = await createApplication(t.prisma, { name: 'Ledger' });
    const manager = await createIdentity(t.prisma, { firstName: 'Mona', lastName: 'Lead' });
    const alice = await createIdentity(t.prisma, { firstName: 'Alice', managerId: manager.id });
    const simple = await createEntitlement(t.prisma, app.id, { name: 'Ledger read' });
    const small = await submit(alice.id, simple.id);

    const reviewers = [];
    for (let i = 0; i < 4; i += 1)
      reviewers.push(await createIdentity(t.prisma, { firstName: `Rev${i}`, lastName: 'Board' }));
    const team = await createTeam(t.prisma, { name: 'Ledger board', memberIds: reviewers.map((r) => r.id) });
    const owners = [];
    for (let i = 0; i < 3; i += 1)
      owners.push(await createIdentity(t.prisma, { firstName: `Own${i}`, lastName: 'Ledger' }));
    const policy = await createApprovalPolicy(t.prisma, {
      stages: [
        { name: 'Manager', approvers: [{ type: 'MANAGER' }], mode: 'ANY', slaHours: 24, reminderHours: 8 },
        { name: 'Board', approvers: [{ type: 'TEAM', teamKey: team.key }], mode: 'QUORUM', quorum: 2 },
        {
          name: 'Owners',
          approvers: [{ type: 'PEOPLE', identityIds: owners.map((o) => o.id) }],
          mode: 'ALL',
        },
      ],
    });
    const guarded = await createEntitlement(t.prisma, app.id, { name: 'Ledger write' });
    await t.prisma.entitlement.update({ where: { id: guarded.id }, data: { approvalPolicyId: policy.id } });
    const large = await submit(alice.id, guarded.id);

    expect(small.result.requests).toMatchObject([{ status: 'PENDING' }]);
    expect(large.result.requests).toMatchObject([{ status: 'PENDING' }]);
    // The team a policy names is read with the rest of the chain; the writes are the same.
    expect([small.statements, large.statements]).toEqual([SUBMISSION_STATEMENTS, SUBMISSION_STATEMENTS]);
    expect(inTransaction(large.texts)).toBe(IN_TRANSACTION);
    expect(inTransaction(small.texts)).toBe(IN_TRANSACTION);

    // Written as the general path (createApprovalChain, then advanceRequest) would leave it: the first
    // stage current with its clock running, the others waiting, every approver's step open.
    const stages = await t.prisma.approvalStage.findMany({
      where: { requestId: large.result.requests[0]!.id },
      orderBy: { position: 'asc' },
      select: {
        name: true,
        status: true,
        mode: true,
        quorum: true,
        dueAt: true,
        remindAt: true,
        steps: true,
      },
    });
    const asked = new Date('2026-03-02T09:00:00Z').getTime();
    expect(stages.map((s) => [s.name, s.status, s.mode, s.quorum, s.steps.length])).toEqual([
      ['Manager', 'PENDING', 'ANY', 1, 1],
      ['Board', 'WAITING', 'QUORUM', 2, 4],
      ['Owners', 'WAITING', 'ALL', 3, 3],
    ]);
    expect(stages[0]!.dueAt?.getTime()).toBe(asked + 24 * 3_600_000);
    expect(stages[0]!.remindAt?.getTime()).toBe(asked + 8 * 3_600_000);
    expect(stages[1]!.dueAt).toBeNull();
    expect(stages.flatMap((s) => s.steps.map((p) => p.status))).toEqual(Array(8).fill('PENDING'));
    expect(stages[0]!.steps.map((p) => [p.approverId, p.reason])).toEqual([[manager.id, 'MANAGER']]);
    // Only the current stage's approver is asked, once per request.
    const told = await t.prisma.notification.findMany({
      where: { kind: 'approval.assigned' },
      select: { recipientId: true },
    });
    expect(told.map((n) => n.recipientId)).toEqual([manager.id, manager.id]);
  });

  it('holds a role beside an entitlement in the two statements of one entitlement’s hold (decision 116)', async () => {
    // The hold locks a role's row with the entitlements' in its first statement and reads both kinds
    // of item again in its second: two statements, as for one entitlement (seven before: the roles'
    // lock and each kind's re-read were statements of their own).
    const app = await createApplication(t.prisma, { name: 'Payroll' });
    const manager = await createIdentity(t.prisma, { firstName: 'Rita', lastName: 'Lead' });
    const bob = await createIdentity(t.prisma, { firstName: 'Bob', managerId: manager.id });
    const bundled = await createEntitlement(t.prisma, app.id, { name: 'Payroll read' });
    const role = await createRole(t.prisma, { entitlementIds: [bundled.id], name: 'Payroll clerk' });
    const single = await createEntitlement(t.prisma, app.id, { name: 'Payroll export' });
    const actor = await t.actor(bob.id);
    const both = await t.counter.count((db) =>
      submitAccessRequests(
        db,
        actor,
        {
          items: [
            { kind: 'ROLE', id: role.id },
            { kind: 'ENTITLEMENT', id: single.id },
          ],
          justification: 'Payroll run',
        },
        { queue: t.queue, now: new Date('2026-03-02T09:00:00Z') },
      ),
    );
    expect(both.result.requests).toMatchObject([{ status: 'PENDING' }, { status: 'PENDING' }]);
    // Between BEGIN and the first write (each request's write is its own three statements).
    const texts = both.texts.map((x) => x.trim());
    expect(texts.indexOf(texts.find((x) => x.startsWith('WITH write_0'))!) - texts.indexOf('BEGIN') - 1).toBe(
      HOLD_STATEMENTS,
    );
  });

  it('refused for another person, starts no read about them', async () => {
    const app = await createApplication(t.prisma, { name: 'Treasury' });
    const item = await createEntitlement(t.prisma, app.id, { name: 'Treasury read' });
    const carol = await createIdentity(t.prisma, { firstName: 'Carol', lastName: 'Peer' });
    const dave = await createIdentity(t.prisma, { firstName: 'Dave', lastName: 'Peer' });
    const actor = await t.actor(carol.id);
    const { result, texts } = await t.counter.count((db) =>
      submitAccessRequests(
        db,
        actor,
        { items: [{ kind: 'ENTITLEMENT', id: item.id }], beneficiaryId: dave.id, justification: 'For Dave' },
        { queue: t.queue },
      ).then(
        () => null,
        (error: unknown) => error,
      ),
    );
    expect(result).toMatchObject({ code: 'FORBIDDEN' });
    // Their grants, the SoD rules, their pending requests and the approval chain are not read.
    expect(
      texts.filter((text) => /"(Grant|SodRule|SodRuleItem|AccessRequest|ApprovalPolicy)"/.test(text)),
    ).toEqual([]);
  });

  it('sees the Slack setting as it is when it submits, whoever changed it, without a read of its own', async () => {
    const app = await createApplication(t.prisma, { name: 'Payroll' });
    const manager = await createIdentity(t.prisma, { firstName: 'Sam', lastName: 'Lead' });
    const bob = await createIdentity(t.prisma, { firstName: 'Bob', managerId: manager.id });
    const items = [];
    for (const name of ['Payroll read', 'Payroll write', 'Payroll admin'])
      items.push(await createEntitlement(t.prisma, app.id, { name }));
    // Another client (another process, as far as the submission's client can tell) turns Slack on and off.
    const turnSlack = (enabled: boolean) =>
      t.prisma.systemSetting.upsert({
        where: { key: SLACK_SETTINGS_KEY },
        create: { key: SLACK_SETTINGS_KEY, value: { enabled } },
        update: { value: { enabled } },
      });
    const slackAsks = async (requestId: string) =>
      (
        await t.prisma.$queryRaw<Array<{ n: bigint }>>`
          SELECT count(*) AS n FROM pgboss.job j JOIN "ApprovalStep" s ON s.id = (j.data->>'stepId')::uuid
           WHERE j.name = 'slack.post' AND s."requestId" = ${requestId}::uuid`
      )[0]!.n;

    await turnSlack(true);
    const on = await submit(bob.id, items[0]!.id);
    await turnSlack(false);
    const off = await submit(bob.id, items[1]!.id);
    await turnSlack(true);
    const onAgain = await submit(bob.id, items[2]!.id);

    expect([on, off, onAgain].map((x) => x.result.requests[0]!.status)).toEqual([
      'PENDING',
      'PENDING',
      'PENDING',
    ]);
    const asks = await Promise.all([on, off, onAgain].map((x) => slackAsks(x.result.requests[0]!.id)));
    expect(asks).toEqual([1n, 0n, 1n]);
    // Off, the submission costs what it costs; on, only the Slack work itself (the step, the job) is added.
    expect(off.statements).toBe(SUBMISSION_STATEMENTS);
    expect([on.statements, onAgain.statements]).toEqual([
      SUBMISSION_STATEMENTS + 2,
      SUBMISSION_STATEMENTS + 2,
    ]);
    expect(on.texts.filter((x) => x.includes('"SystemSetting"')).length).toBe(1);
  });
});
