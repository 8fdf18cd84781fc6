import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { submitAccessRequests } from '@/server/modules/requests/index.ts';
import {
  createApplication,
  createApprovalPolicy,
  createEntitlement,
  createIdentity,
  createRole,
} from '@/server/seed/factories.ts';
import { createTestContext, type TTestContext } from '@/server/testing/test-context.ts';
import { watchLockWaits, withTwoConnections } from '@/server/testing/two-connections.ts';
import { saveApplicationAndFollowOwner } from './save-application-and-follow-owner.ts';

/*
 * An application's new owner takes over the pending APPLICATION_OWNER steps drawn from the old one
 * (docs/decisions/112, stop 38), for its entitlements and for the roles bundling one.
 */
let t: TTestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(async () => {
  await t?.close();
});

const OWNER_STAGE = [{ name: 'Application owner', approvers: [{ type: 'APPLICATION_OWNER' }], mode: 'ANY' }];
const CONFIG = { url: 'ldap://127.0.0.1:1', bindDn: 'cn=x', baseDn: 'dc=x' };

async function world() {
  const mark = await createIdentity(t.prisma, { firstName: 'Mark' });
  const nina = await createIdentity(t.prisma, { firstName: 'Nina' });
  const alice = await createIdentity(t.prisma, { firstName: 'Alice' });
  const ivy = await createIdentity(t.prisma, { firstName: 'Ivy', portalRoles: ['IDENTITY_ADMIN'] });
  const app = await createApplication(t.prisma, { config: CONFIG, ownerId: mark.id });
  const policy = await createApprovalPolicy(t.prisma, { name: 'App owner', stages: OWNER_STAGE });
  const entitlement = await createEntitlement(t.prisma, app.id, { name: 'Ledger' });
  return { mark, nina, alice, ivy, app, policy, entitlement };
}

const changeOwner = async (w: Awaited<ReturnType<typeof world>>, ownerId: string) =>
  saveApplicationAndFollowOwner(
    t.prisma,
    await t.actor(w.ivy.id),
    {
      id: w.app.id,
      key: w.app.key,
      name: w.app.name,
      description: '',
      connectorType: 'LDAP',
      config: CONFIG,
      onDelete: 'DISABLE',
      onDeleteAttributes: {},
      attributeMapping: {},
      accountRules: {},
      concurrency: 4,
      enabled: true,
      ownerId,
      fulfilmentTeamId: null,
    },
    { queue: t.queue, secretKey: t.secretKey() },
  );

const submit = async (requesterId: string, item: { kind: 'ENTITLEMENT' | 'ROLE'; id: string }) =>
  (
    await submitAccessRequests(
      t.prisma,
      await t.actor(requesterId),
      { items: [item], justification: 'Month-end close' },
      { queue: t.queue },
    )
  ).requests[0]!.id;

const pendingApprovers = async (requestId: string) =>
  (await t.prisma.approvalStep.findMany({ where: { requestId, status: 'PENDING' } })).map(
    (s) => s.approverId,
  );

describe("an application's new owner", () => {
  it('takes over the owner step of a request for its entitlement, audited as an owner change', async () => {
    const w = await world();
    await t.prisma.entitlement.update({
      where: { id: w.entitlement.id },
      data: { approvalPolicyId: w.policy.id },
    });
    const requestId = await submit(w.alice.id, { kind: 'ENTITLEMENT', id: w.entitlement.id });
    const [step] = await t.prisma.approvalStep.findMany({ where: { requestId } });
    expect(step!.approverId).toBe(w.mark.id);

    await changeOwner(w, w.nina.id);

    expect(await pendingApprovers(requestId)).toEqual([w.nina.id]);
    expect((await t.prisma.approvalStep.findUniqueOrThrow({ where: { id: step!.id } })).approverId).toBe(
      w.nina.id,
    );
    const events = await t.prisma.auditEvent.findMany({
      where: { action: 'approval.reassigned', metadata: { path: ['requestId'], equals: requestId } },
      select: { metadata: true },
    });
    expect(events.map((e) => e.metadata)).toEqual([
      expect.objectContaining({ cause: 'OWNER', reassignments: [{ from: w.mark.id, to: w.nina.id }] }),
    ]);
  });

  it('takes over the owner step of a request for a role bundling one of its entitlements', async () => {
    const w = await world();
    const role = await createRole(t.prisma, { entitlementIds: [w.entitlement.id] });
    await t.prisma.role.update({ where: { id: role.id }, data: { approvalPolicyId: w.policy.id } });
    const requestId = await submit(w.alice.id, { kind: 'ROLE', id: role.id });
    expect(await pendingApprovers(requestId)).toEqual([w.mark.id]);

    await changeOwner(w, w.nina.id);

    expect(await pendingApprovers(requestId)).toEqual([w.nina.id]);
  });

  it("does not block a final approval's writes naming the application while it waits for the approval's request", async () => {
    const w = await world();
    await t.prisma.entitlement.update({
      where: { id: w.entitlement.id },
      data: { approvalPolicyId: w.policy.id },
    });
    const requestId = await submit(w.alice.id, { kind: 'ENTITLEMENT', id: w.entitlement.id });

    await withTwoConnections(t.url, async (approval, observer) => {
      const { waiting, until } = watchLockWaits(observer);
      // A final approval: it holds its request, as every decision does first...
      await approval.query('BEGIN');
      await approval.query(`SELECT id FROM "AccessRequest" WHERE id = $1 FOR UPDATE`, [requestId]);
      // ...while the save, its application row locked, waits for that request to follow the owner.
      const saving = changeOwner(w, w.nina.id);
      saving.catch(() => {});
      await until(async () => (await waiting()) >= 1);
      // The approval's operation names the application: its reference check takes KEY SHARE, which
      // FOR UPDATE on the application refused (a deadlock); FOR NO KEY UPDATE lets it pass.
      await approval.query(`SELECT id FROM "Application" WHERE id = $1 FOR KEY SHARE NOWAIT`, [w.app.id]);
      await approval.query(
        `INSERT INTO "ProvisioningOperation" (id, "applicationId", kind, reason)
         VALUES (gen_random_uuid(), $1, 'UPDATE_ACCOUNT', 'TEST')`,
        [w.app.id],
      );
      await approval.query('COMMIT');
      await saving;
    });

    expect(await pendingApprovers(requestId)).toEqual([w.nina.id]);
  });

  it('takes over the owner step of a request written while the save waited for its hold', async () => {
    const w = await world();
    const role = await createRole(t.prisma, { entitlementIds: [w.entitlement.id] });
    await t.prisma.role.update({ where: { id: role.id }, data: { approvalPolicyId: w.policy.id } });
    const other = await createEntitlement(t.prisma, w.app.id, { name: 'Other' });
    const key = `owner-race-${role.id}`;
    const { requestId, savedWhileHeld } = await withTwoConnections(t.url, async (holder, observer) => {
      const { waiting, until } = watchLockWaits(observer);
      // Another transaction holds the submission's idempotency key (for another item, locking nothing
      // the submission holds): the submission, past its hold (which read Mark), waits to write.
      await holder.query('BEGIN');
      await holder.query(
        `INSERT INTO "AccessRequest" (id, "batchId", "requesterId", "beneficiaryId", "entitlementId",
                                      justification, status, "idempotencyKey", "updatedAt")
         VALUES (gen_random_uuid(), gen_random_uuid(), $1, $1, $2, 'placeholder', 'CANCELLED', $3, now())`,
        [w.alice.id, other.id, `${key}:ROLE:${role.id}`],
      );
      const submitting = submitAccessRequests(
        t.prisma,
        await t.actor(w.alice.id),
        { items: [{ kind: 'ROLE', id: role.id }], justification: 'Month-end close', idempotencyKey: key },
        { queue: t.queue },
      );
      submitting.catch(() => {});
      await until(async () => (await waiting()) >= 1);
      let saved = false;
      const saving = changeOwner(w, w.nina.id).then(() => {
        saved = true;
      });
      // Without the hold on the application the save's follow ran now, found no request, and the
      // request, written after, kept Mark.
      await until(async () => saved || (await waiting()) >= 2);
      const savedWhileHeld = saved;
      await holder.query('ROLLBACK');
      const [submitted] = await Promise.all([submitting, saving]);
      return { requestId: submitted.requests[0]!.id, savedWhileHeld };
    });
    expect(savedWhileHeld).toBe(false);
    expect(await pendingApprovers(requestId)).toEqual([w.nina.id]);
  });
});
