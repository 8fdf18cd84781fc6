import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decideApprovalStep, handOnStepsOfIdleApprovers } from '@/server/modules/approvals/index.ts';
import { saveEntitlement } from '@/server/modules/catalog/index.ts';
import { editPerson, ingestSourceRecords } from '@/server/modules/lifecycle/index.ts';
import { ENTERPRISE_SCHEMA, USER_SCHEMA } from '@/server/modules/scim-server/index.ts';
import { addTeamMember, removeTeamMember } from '@/server/modules/teams/index.ts';
import {
  createApplication,
  createApprovalPolicy,
  createEntitlement,
  createIdentity,
  createTeam,
} from '@/server/seed/factories.ts';
import { scimCaller, startScimServer } from '@/server/testing/start-scim-server.ts';
import { createTestContext, type TTestContext } from '@/server/testing/test-context.ts';
import { submitAccessRequests } from './submit-access-requests.ts';

/*
 * A pending approval step follows the fact it was drawn from (docs/decisions/112, "Pending steps
 * follow their approvers"): a manager changed by HR, SCIM or the identity team, an owner changed by a
 * save, a team's members changed. Decided steps and decided stages stay as they were.
 */
let t: TTestContext;
let hr: string;
let seq = 0;
beforeAll(async () => {
  t = await createTestContext();
  hr = (
    await t.prisma.identitySource.create({
      data: { key: 'hr-follow', name: 'HR', kind: 'HR_CSV', precedence: 10 },
    })
  ).id;
});
afterAll(async () => {
  await t?.close();
});

const person = (firstName: string, o: { managerId?: string; admin?: boolean } = {}) =>
  createIdentity(t.prisma, {
    firstName,
    managerId: o.managerId,
    employeeNumber: `F-${++seq}`,
    ...(o.admin ? { portalRoles: ['IDENTITY_ADMIN' as const] } : {}),
  });

/** Alice and her manager Mark; Nina, the manager she moves to; an identity admin; an application. */
async function world() {
  const mark = await person('Mark');
  const nina = await person('Nina');
  const alice = await person('Alice', { managerId: mark.id });
  const ivy = await person('Ivy', { admin: true });
  const app = await createApplication(t.prisma, {
    config: { url: 'ldap://127.0.0.1:1', bindDn: 'cn=x', baseDn: 'dc=x' },
  });
  return { mark, nina, alice, ivy, app };
}
type TWorld = Awaited<ReturnType<typeof world>>;

async function itemWith(
  w: TWorld,
  stages: Parameters<typeof createApprovalPolicy>[1]['stages'],
  ownerId?: string,
) {
  const policy = await createApprovalPolicy(t.prisma, { name: 'Ledger', stages });
  const item = await createEntitlement(t.prisma, w.app.id, { name: 'Ledger', ownerId });
  await t.prisma.entitlement.update({ where: { id: item.id }, data: { approvalPolicyId: policy.id } });
  return item;
}
const MANAGER_STAGE = [{ name: 'Manager approval', approvers: [{ type: 'MANAGER' }], mode: 'ANY' }];

const submit = async (requesterId: string, entitlementId: string) =>
  (
    await submitAccessRequests(
      t.prisma,
      await t.actor(requesterId),
      { items: [{ kind: 'ENTITLEMENT', id: entitlementId }], justification: 'Month-end close' },
      { queue: t.queue },
    )
  ).requests[0]!.id;

const pendingApprovers = async (requestId: string) =>
  (
    await t.prisma.approvalStep.findMany({
      where: { requestId, status: 'PENDING' },
      select: { approverId: true },
      orderBy: { approverId: 'asc' },
    })
  ).map((s) => s.approverId);

const reassignedEvents = (requestId: string) =>
  t.prisma.auditEvent.findMany({
    where: { action: 'approval.reassigned', metadata: { path: ['requestId'], equals: requestId } },
    select: { metadata: true },
  });

const asked = (recipientId: string) =>
  t.prisma.notification.count({ where: { recipientId, kind: 'approval.assigned' } });

const hrSays = (employeeNumber: string, record: Record<string, unknown>) =>
  ingestSourceRecords(
    t.prisma,
    { id: hr, origin: 'HR_CSV' },
    [{ externalId: employeeNumber, employeeNumber, ...record }],
    { queue: t.queue },
  );

describe('a manager change moves the pending manager step', () => {
  it('through an HR source run: the new manager is asked, the old one no longer sees it', async () => {
    const w = await world();
    const item = await itemWith(w, MANAGER_STAGE);
    const requestId = await submit(w.alice.id, item.id);
    const [step] = await t.prisma.approvalStep.findMany({ where: { requestId } });
    expect(step!.approverId).toBe(w.mark.id);

    await hrSays(w.alice.employeeNumber!, { managerIdentityId: w.nina.id });

    expect(await pendingApprovers(requestId)).toEqual([w.nina.id]);
    // The same step, its approver changed: the seat, its id and its history stay.
    expect((await t.prisma.approvalStep.findUniqueOrThrow({ where: { id: step!.id } })).approverId).toBe(
      w.nina.id,
    );
    expect((await reassignedEvents(requestId)).map((e) => e.metadata)).toEqual([
      expect.objectContaining({ cause: 'MANAGER', reassignments: [{ from: w.mark.id, to: w.nina.id }] }),
    ]);
    expect(await asked(w.nina.id)).toBe(1);
    expect(await t.prisma.approvalStep.count({ where: { approverId: w.mark.id, status: 'PENDING' } })).toBe(
      0,
    );
  });

  it('through SCIM: a User replaced with another manager', async () => {
    const w = await world();
    const server = await startScimServer(t.prisma, t.queue, await t.actor(w.ivy.id));
    try {
      const scim = scimCaller(server.baseUrl, server.token);
      const user = (userName: string, managerId: string | null) => ({
        schemas: [USER_SCHEMA, ENTERPRISE_SCHEMA],
        userName,
        name: { givenName: userName, familyName: 'Scim' },
        active: true,
        emails: [{ type: 'work', value: `${userName}@scim.test`, primary: true }],
        [ENTERPRISE_SCHEMA]: managerId ? { manager: { value: managerId } } : {},
      });
      const mark = (await scim('POST', '/Users', user(`mark${seq}`, null))).body.id as string;
      const nina = (await scim('POST', '/Users', user(`nina${seq}`, null))).body.id as string;
      const created = await scim('POST', '/Users', user(`alice${seq}`, mark));
      expect(created.status).toBe(201);
      const alice = created.body.id as string;
      const item = await itemWith(w, MANAGER_STAGE);
      const requestId = await submit(alice, item.id);
      expect(await pendingApprovers(requestId)).toEqual([mark]);

      const replaced = await scim('PUT', `/Users/${alice}`, user(`alice${seq}`, nina));
      expect(replaced.status).toBe(200);

      expect(await pendingApprovers(requestId)).toEqual([nina]);
      expect(await reassignedEvents(requestId)).toHaveLength(1);
    } finally {
      await server.close();
    }
  });

  it("through the identity team's edit of the person", async () => {
    const w = await world();
    const item = await itemWith(w, MANAGER_STAGE);
    const requestId = await submit(w.alice.id, item.id);

    await editPerson(
      t.prisma,
      await t.actor(w.ivy.id),
      { identityId: w.alice.id, changes: { managerId: w.nina.id } },
      { queue: t.queue },
    );

    expect(await pendingApprovers(requestId)).toEqual([w.nina.id]);
  });

  it('keeps the rules: a new manager who made the request is passed over for theirs', async () => {
    const w = await world();
    const boss = await person('Bea');
    // Nina may ask on anyone's behalf (identity admin).
    const nina = await person('Nina', { managerId: boss.id, admin: true });
    const item = await itemWith(w, MANAGER_STAGE);
    // Nina asks for Alice while Mark is still Alice's manager; then Alice moves to Nina.
    const requestId = (
      await submitAccessRequests(
        t.prisma,
        await t.actor(nina.id),
        {
          items: [{ kind: 'ENTITLEMENT', id: item.id }],
          beneficiaryId: w.alice.id,
          justification: 'Month-end close',
        },
        { queue: t.queue },
      )
    ).requests[0]!.id;
    expect(await pendingApprovers(requestId)).toEqual([w.mark.id]);

    await hrSays(w.alice.employeeNumber!, { managerIdentityId: nina.id });

    const steps = await t.prisma.approvalStep.findMany({ where: { requestId, status: 'PENDING' } });
    expect(steps.map((s) => [s.approverId, s.reason])).toEqual([[boss.id, 'SELF_REROUTE']]);
  });

  it('leaves decided steps and decided stages alone', async () => {
    const w = await world();
    const owner = await person('Olga');
    const item = await itemWith(
      w,
      [...MANAGER_STAGE, { name: 'Owner approval', approvers: [{ type: 'ENTITLEMENT_OWNER' }], mode: 'ANY' }],
      owner.id,
    );
    const requestId = await submit(w.alice.id, item.id);
    const [managerStep] = await t.prisma.approvalStep.findMany({
      where: { requestId, approverId: w.mark.id },
    });
    await decideApprovalStep(
      t.prisma,
      await t.actor(w.mark.id),
      { stepId: managerStep!.id, decision: 'APPROVE' },
      { queue: t.queue },
    );

    await hrSays(w.alice.employeeNumber!, { managerIdentityId: w.nina.id });

    expect(await t.prisma.approvalStep.findUniqueOrThrow({ where: { id: managerStep!.id } })).toMatchObject({
      approverId: w.mark.id,
      status: 'APPROVED',
    });
    expect(await pendingApprovers(requestId)).toEqual([owner.id]);
    expect(await t.prisma.approvalStep.count({ where: { requestId, approverId: w.nina.id } })).toBe(0);
    expect(await reassignedEvents(requestId)).toHaveLength(0);
  });
  it('does not ask the new manager for a seat the old one already approved (ALL stage)', async () => {
    const w = await world();
    const owner = await person('Olga');
    const item = await itemWith(
      w,
      [
        {
          name: 'Both approve',
          approvers: [{ type: 'MANAGER' }, { type: 'ENTITLEMENT_OWNER' }],
          mode: 'ALL',
        },
      ],
      owner.id,
    );
    const requestId = await submit(w.alice.id, item.id);
    const [managerStep] = await t.prisma.approvalStep.findMany({
      where: { requestId, approverId: w.mark.id },
    });
    await decideApprovalStep(
      t.prisma,
      await t.actor(w.mark.id),
      { stepId: managerStep!.id, decision: 'APPROVE' },
      { queue: t.queue },
    );

    await hrSays(w.alice.employeeNumber!, { managerIdentityId: w.nina.id });

    expect(await pendingApprovers(requestId)).toEqual([owner.id]);
    expect(await t.prisma.approvalStep.count({ where: { requestId, approverId: w.nina.id } })).toBe(0);
  });
});

describe('a reorg: a leaving manager whose reports move to another', () => {
  /** Gus manages Lena, who manages Alice; Alice asks, so Lena's step is pending; Nina is the new manager. */
  async function reorg() {
    const w = await world();
    const gus = await person('Gus');
    const lena = await person('Lena', { managerId: gus.id });
    await t.prisma.identity.update({ where: { id: w.alice.id }, data: { managerId: lena.id } });
    const item = await itemWith(w, MANAGER_STAGE);
    const requestId = await submit(w.alice.id, item.id);
    expect(await pendingApprovers(requestId)).toEqual([lena.id]);
    return { ...w, gus, lena, requestId };
  }
  const record = (employeeNumber: string, fields: Record<string, unknown>) => ({
    externalId: employeeNumber,
    employeeNumber,
    ...fields,
  });

  it('in one HR batch: the step goes to the new manager, never up the old chain', async () => {
    const r = await reorg();

    await ingestSourceRecords(
      t.prisma,
      { id: hr, origin: 'HR_CSV' },
      [
        record(r.lena.employeeNumber!, { status: 'TERMINATED' }),
        record(r.alice.employeeNumber!, { managerIdentityId: r.nina.id }),
      ],
      { queue: t.queue },
    );

    expect(await pendingApprovers(r.requestId)).toEqual([r.nina.id]);
    expect(
      await t.prisma.approvalStep.count({ where: { requestId: r.requestId, approverId: r.gus.id } }),
    ).toBe(0);
    const [step] = await t.prisma.approvalStep.findMany({ where: { requestId: r.requestId } });
    expect(step!.escalatedAt).toBeNull();
  });

  it('in two runs: the escalation up the old chain is cancelled, its escalatedAt cleared', async () => {
    const r = await reorg();
    await hrSays(r.lena.employeeNumber!, { status: 'TERMINATED' });
    expect(await pendingApprovers(r.requestId)).toEqual([r.lena.id, r.gus.id].sort());

    await hrSays(r.alice.employeeNumber!, { managerIdentityId: r.nina.id });

    expect(await pendingApprovers(r.requestId)).toEqual([r.nina.id]);
    const steps = await t.prisma.approvalStep.findMany({
      where: { requestId: r.requestId },
      orderBy: { createdAt: 'asc' },
    });
    expect(steps.map((x) => [x.approverId, x.status, x.escalatedAt])).toEqual([
      [r.nina.id, 'PENDING', null],
      [r.gus.id, 'CANCELLED', null],
    ]);
    expect((await reassignedEvents(r.requestId)).map((e) => e.metadata)).toEqual([
      expect.objectContaining({
        reassignments: [
          { from: r.lena.id, to: r.nina.id },
          { from: r.gus.id, to: null },
        ],
      }),
    ]);
  });
});

describe("an owner's or a team's change moves the pending steps drawn from it", () => {
  it("an entitlement's new owner takes over its owner step", async () => {
    const w = await world();
    const item = await itemWith(
      w,
      [{ name: 'Owner approval', approvers: [{ type: 'ENTITLEMENT_OWNER' }], mode: 'ANY' }],
      w.mark.id,
    );
    const requestId = await submit(w.alice.id, item.id);
    expect(await pendingApprovers(requestId)).toEqual([w.mark.id]);
    const row = await t.prisma.entitlement.findUniqueOrThrow({ where: { id: item.id } });

    await saveEntitlement(
      t.prisma,
      await t.actor(w.ivy.id),
      {
        id: row.id,
        applicationId: row.applicationId,
        externalId: row.externalId,
        name: row.name,
        description: row.description,
        kind: row.kind,
        ownerId: w.nina.id,
        risk: row.risk,
        requestable: row.requestable,
        singleValued: row.singleValued,
        maxDurationDays: row.maxDurationDays,
      },
      { secretKey: t.secretKey(), queue: t.queue },
    );

    expect(await pendingApprovers(requestId)).toEqual([w.nina.id]);
    expect((await reassignedEvents(requestId)).map((e) => e.metadata)).toEqual([
      expect.objectContaining({ cause: 'OWNER', reassignments: [{ from: w.mark.id, to: w.nina.id }] }),
    ]);
  });

  it("a team's new member is asked and a member who left no longer is", async () => {
    const w = await world();
    const pat = await person('Pat');
    const team = await createTeam(t.prisma, { memberIds: [w.mark.id, pat.id] });
    const item = await itemWith(w, [
      { name: 'Finance review', approvers: [{ type: 'TEAM', teamKey: team.key }], mode: 'ANY' },
    ]);
    const requestId = await submit(w.alice.id, item.id);
    expect(await pendingApprovers(requestId)).toEqual([w.mark.id, pat.id].sort());
    const admin = await t.actor(w.ivy.id);

    await addTeamMember(t.prisma, admin, { teamId: team.id, identityId: w.nina.id }, { queue: t.queue });
    expect(await pendingApprovers(requestId)).toEqual([w.mark.id, w.nina.id, pat.id].sort());
    expect(await asked(w.nina.id)).toBe(1);

    await removeTeamMember(t.prisma, admin, { teamId: team.id, identityId: w.mark.id }, { queue: t.queue });
    expect(await pendingApprovers(requestId)).toEqual([w.nina.id, pat.id].sort());
    // Closed, not deleted: the step Mark was asked in stays, cancelled.
    expect(
      await t.prisma.approvalStep.findFirstOrThrow({ where: { requestId, approverId: w.mark.id } }),
    ).toMatchObject({ status: 'CANCELLED' });
  });
});

describe('the sweep behind the leaver', () => {
  it('hands on a step its approver’s leaver run could not see, once', async () => {
    const w = await world();
    const boss = await person('Bea');
    await t.prisma.identity.update({ where: { id: w.mark.id }, data: { managerId: boss.id } });
    const item = await itemWith(w, MANAGER_STAGE);
    const requestId = await submit(w.alice.id, item.id);
    // Mark left in a transaction that could not see the step (written concurrently, committed after
    // the leaver's hand-on read): his status changed, his step was not handed on.
    await t.prisma.identity.update({ where: { id: w.mark.id }, data: { status: 'TERMINATED' } });

    await handOnStepsOfIdleApprovers(t.prisma, { queue: t.queue });

    const steps = await t.prisma.approvalStep.findMany({
      where: { requestId },
      orderBy: { createdAt: 'asc' },
    });
    expect(steps.map((x) => [x.approverId, x.status, x.escalatedAt !== null])).toEqual([
      [w.mark.id, 'PENDING', true],
      [boss.id, 'PENDING', false],
    ]);
    expect(steps[1]!.escalatedFromId).toBe(steps[0]!.id);
    // The next run finds nothing more to hand on.
    expect((await handOnStepsOfIdleApprovers(t.prisma, { queue: t.queue })).escalated).toBe(0);
  });

  it('takes a step that found nobody once: no audit event, no new SLA, no new seat at later runs', async () => {
    const w = await world();
    // Alice has no manager: the identity admins share the stage, so a leaving admin has nobody left.
    const orphan = await person('Orla');
    const item = await itemWith(w, [
      { name: 'Manager approval', approvers: [{ type: 'MANAGER' }], mode: 'ANY', slaHours: 48 },
    ]);
    const requestId = await submit(orphan.id, item.id);
    const stage = await t.prisma.approvalStage.findFirstOrThrow({ where: { requestId } });
    expect(await pendingApprovers(requestId)).toContain(w.ivy.id);
    await t.prisma.identity.update({ where: { id: w.ivy.id }, data: { status: 'TERMINATED' } });
    const escalatedEvents = () =>
      t.prisma.auditEvent.count({ where: { action: 'approval.escalated', entityId: stage.id } });

    const hour = 3_600_000;
    await handOnStepsOfIdleApprovers(t.prisma, { queue: t.queue, now: new Date(Date.now() + hour) });
    // An admin appointed since would be given a seat if the step were taken again.
    const newcomer = await person('Nora', { admin: true });
    await handOnStepsOfIdleApprovers(t.prisma, { queue: t.queue, now: new Date(Date.now() + 2 * hour) });

    expect(await escalatedEvents()).toBe(1);
    // The other admins' SLA runs on: nobody new took a seat.
    expect((await t.prisma.approvalStage.findUniqueOrThrow({ where: { id: stage.id } })).dueAt).toEqual(
      stage.dueAt,
    );
    expect(await t.prisma.approvalStep.count({ where: { requestId, approverId: newcomer.id } })).toBe(0);
    const ivyStep = await t.prisma.approvalStep.findFirstOrThrow({
      where: { requestId, approverId: w.ivy.id },
    });
    expect(ivyStep.escalatedAt).not.toBeNull();
  });

  it('does not take such a step again when the person is edited after it was handed on', async () => {
    const w = await world();
    const orphan = await person('Orla');
    const item = await itemWith(w, [
      { name: 'Manager approval', approvers: [{ type: 'MANAGER' }], mode: 'ANY', slaHours: 48 },
    ]);
    const requestId = await submit(orphan.id, item.id);
    const stage = await t.prisma.approvalStage.findFirstOrThrow({ where: { requestId } });
    await t.prisma.identity.update({ where: { id: w.ivy.id }, data: { status: 'SUSPENDED' } });
    const escalatedEvents = () =>
      t.prisma.auditEvent.count({ where: { action: 'approval.escalated', entityId: stage.id } });
    await handOnStepsOfIdleApprovers(t.prisma, { queue: t.queue });
    // A later edit of the suspended person (HR's title, say) is no new reason to hand the step on:
    // the sweep read "when they stopped acting" from updatedAt, which this edit moves.
    await t.prisma.identity.update({ where: { id: w.ivy.id }, data: { title: 'On leave' } });
    const newcomer = await person('Nora', { admin: true });

    await handOnStepsOfIdleApprovers(t.prisma, { queue: t.queue });

    expect(await escalatedEvents()).toBe(1);
    expect(await t.prisma.approvalStep.count({ where: { requestId, approverId: newcomer.id } })).toBe(0);
  });
});
