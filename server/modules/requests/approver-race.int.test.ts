import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createApplication,
  createApprovalPolicy,
  createEntitlement,
  createGrant,
  createIdentity,
  createTeam,
} from '@/server/seed/factories.ts';
import { createTestContext, type TTestContext } from '@/server/testing/test-context.ts';
import { watchLockWaits, withTwoConnections } from '@/server/testing/two-connections.ts';
import { requestExtension } from './request-extension.ts';

/*
 * A submission racing a change of who approves it (docs/decisions/112, stop 36): the requester's
 * manager, the item's owner or a team's members changed after the plan drew the chain and before the
 * write. The submission waits at its hold (another transaction holds its item), the change commits,
 * and the request must end with the approvers of today, not those the plan read: a manager change
 * moves no pending step, so nothing later would fix it. Set up by lock waits, never by sleeps.
 */
let t: TTestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(async () => {
  await t?.close();
});

/** Alice, her manager Mark and the manager she is moving to, Nina; an admin; an application. */
async function world() {
  const mark = await createIdentity(t.prisma, { firstName: 'Mark' });
  const nina = await createIdentity(t.prisma, { firstName: 'Nina' });
  const alice = await createIdentity(t.prisma, { firstName: 'Alice', managerId: mark.id });
  const ivy = await createIdentity(t.prisma, { firstName: 'Ivy', portalRoles: ['IDENTITY_ADMIN'] });
  const app = await createApplication(t.prisma, {
    config: { url: 'ldap://127.0.0.1:1', bindDn: 'cn=x', baseDn: 'dc=x' },
  });
  return { mark, nina, alice, ivy, app };
}
type TWorld = Awaited<ReturnType<typeof world>>;

/** An entitlement whose attached policy has these stages. */
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

/**
 * Alice submits the item while `holder` has it locked, so the submission, planned, waits at its hold;
 * `change` runs on `holder` (its own statements, then COMMIT or ROLLBACK) while it waits.
 */
async function submitWhileItemLocked(
  w: TWorld,
  itemId: string,
  change: (holder: { query: (sql: string, values?: unknown[]) => Promise<unknown> }) => Promise<void>,
  submit: () => Promise<string> = async () =>
    (
      await (
        await t.callerFor(w.alice.id)
      ).requests.create({ items: [{ kind: 'ENTITLEMENT', id: itemId }], justification: 'Month-end close' })
    ).requests[0]!.id,
) {
  return withTwoConnections(t.url, async (holder, observer) => {
    const { waiting, until } = watchLockWaits(observer);
    await holder.query('BEGIN');
    await holder.query(`SELECT id FROM "Entitlement" WHERE id = $1 FOR UPDATE`, [itemId]);
    const submitting = submit();
    submitting.catch(() => {});
    await until(async () => (await waiting()) >= 1);
    await change(holder);
    return submitting;
  });
}

const approversOf = async (requestId: string) =>
  (
    await t.prisma.approvalStep.findMany({
      where: { requestId },
      orderBy: [{ stage: { position: 'asc' } }, { approverId: 'asc' }],
      select: { approverId: true },
    })
  ).map((s) => s.approverId);

describe('a submission racing a change of its approvers', () => {
  it("is asked of the requester's new manager, moved by the identity team while it waited to write", async () => {
    const w = await world();
    const item = await itemWith(w, [
      { name: 'Manager approval', approvers: [{ type: 'MANAGER' }], mode: 'ANY' },
    ]);
    const ivy = await t.callerFor(w.ivy.id);
    const requestId = await submitWhileItemLocked(w, item.id, async (holder) => {
      await ivy.directory.editPerson({ identityId: w.alice.id, changes: { managerId: w.nina.id } });
      await holder.query('ROLLBACK');
    });
    expect(await approversOf(requestId)).toEqual([w.nina.id]);
  });

  it("asks an extension of the holder's new manager, moved while it waited to write", async () => {
    const w = await world();
    const item = await itemWith(w, [
      { name: 'Manager approval', approvers: [{ type: 'MANAGER' }], mode: 'ANY' },
    ]);
    const grant = await createGrant(t.prisma, {
      identityId: w.alice.id,
      entitlementId: item.id,
      source: 'REQUEST',
      endsAt: new Date(Date.now() + 5 * 86_400_000),
    });
    const requestId = await submitWhileItemLocked(
      w,
      item.id,
      async (holder) => {
        // The move as written, the manager column alone: the identity team's edit goes on to settle
        // Alice's access, her grant of the item included, and so waited for `holder` here.
        await t.prisma.identity.update({ where: { id: w.alice.id }, data: { managerId: w.nina.id } });
        await holder.query('ROLLBACK');
      },
      async () =>
        (
          await requestExtension(
            t.prisma,
            await t.actor(w.alice.id),
            {
              grantId: grant.id,
              requestedEndsAt: new Date(Date.now() + 20 * 86_400_000),
              justification: 'Another month',
            },
            { queue: t.queue },
          )
        ).id,
    );
    expect(await approversOf(requestId)).toEqual([w.nina.id]);
  });

  it("is asked of the item's new owner, changed while it waited to write", async () => {
    const w = await world();
    const item = await itemWith(
      w,
      [{ name: 'Owner approval', approvers: [{ type: 'ENTITLEMENT_OWNER' }], mode: 'ANY' }],
      w.mark.id,
    );
    const requestId = await submitWhileItemLocked(w, item.id, async (holder) => {
      // The owner change is the transaction the hold waits for (a save locks its entitlement first).
      await holder.query(`UPDATE "Entitlement" SET "ownerId" = $2 WHERE id = $1`, [item.id, w.nina.id]);
      await holder.query('COMMIT');
    });
    expect(await approversOf(requestId)).toEqual([w.nina.id]);
  });

  it("is asked of a team's members of today, changed while it waited to write", async () => {
    const w = await world();
    const team = await createTeam(t.prisma, { memberIds: [w.mark.id] });
    const item = await itemWith(w, [
      { name: 'Finance review', approvers: [{ type: 'TEAM', teamKey: team.key }], mode: 'ANY' },
    ]);
    const requestId = await submitWhileItemLocked(w, item.id, async (holder) => {
      await t.prisma.teamMember.updateMany({ where: { teamId: team.id }, data: { identityId: w.nina.id } });
      await holder.query('ROLLBACK');
    });
    expect(await approversOf(requestId)).toEqual([w.nina.id]);
  });
});
