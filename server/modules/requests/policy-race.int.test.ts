import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createApplication,
  createApprovalPolicy,
  createEntitlement,
  createGrant,
  createIdentity,
  createTeam,
} from '@/server/seed/factories.ts';
import { createStatementCounter } from '@/server/testing/count-statements.ts';
import { createTestContext, type TTestContext } from '@/server/testing/test-context.ts';
import { watchLockWaits, withTwoConnections } from '@/server/testing/two-connections.ts';
import { requestExtension } from './request-extension.ts';
import { submitAccessRequests } from './submit-access-requests.ts';

/*
 * A submission (or an extension) racing a change of the policy its chain is drawn from, on either side
 * of its hold (docs/decisions/112): a change after the hold waits for it and then redraws its request;
 * a change before the hold makes it plan again. Set up by lock waits, never by sleeps.
 */
let t: TTestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(async () => {
  await t?.close();
});

const managerStage = {
  name: 'Manager approval',
  approvers: [{ type: 'MANAGER' as const }],
  mode: 'ANY' as const,
};

/** A requester and her manager, an admin, a security team, an application and an unrelated item. */
async function world() {
  const mark = await createIdentity(t.prisma, { firstName: 'Mark' });
  const alice = await createIdentity(t.prisma, { firstName: 'Alice', managerId: mark.id });
  const ivy = await createIdentity(t.prisma, { firstName: 'Ivy', portalRoles: ['IDENTITY_ADMIN'] });
  const sam = await createIdentity(t.prisma, { firstName: 'Sam' });
  const security = await createTeam(t.prisma, { memberIds: [sam.id] });
  const securityStage = {
    name: 'Security review',
    approvers: [{ type: 'TEAM' as const, teamKey: security.key }],
    mode: 'ANY' as const,
  };
  const app = await createApplication(t.prisma, {
    config: { url: 'ldap://127.0.0.1:1', bindDn: 'cn=x', baseDn: 'dc=x' },
  });
  const other = await createEntitlement(t.prisma, app.id, { name: 'Other' });
  return { mark, alice, ivy, securityStage, app, other };
}
type TWorld = Awaited<ReturnType<typeof world>>;

/** An entitlement with a policy of the manager alone attached. */
async function attachedItem(w: TWorld) {
  const policy = await createApprovalPolicy(t.prisma, { name: 'Ledger', stages: [managerStage] });
  const item = await createEntitlement(t.prisma, w.app.id, { name: 'Ledger' });
  await t.prisma.entitlement.update({ where: { id: item.id }, data: { approvalPolicyId: policy.id } });
  return { policy, item };
}

const namesOf = async (requestId: string) =>
  (
    await t.prisma.approvalStage.findMany({
      where: { requestId },
      orderBy: { position: 'asc' },
      select: { name: true },
    })
  ).map((s) => s.name);

/**
 * Submits the item while another transaction holds the submission's idempotency key (for another
 * item, so it locks nothing the submission holds): the submission, planned and holding, waits to
 * write. `change` runs then, and must either finish or wait for the submission.
 */
async function submitWhileHeld(w: TWorld, itemId: string, change: () => Promise<unknown>) {
  const key = `policy-race-${itemId}`;
  return withTwoConnections(t.url, async (holder, observer) => {
    const { waiting, until } = watchLockWaits(observer);
    await holder.query('BEGIN');
    await holder.query(
      `INSERT INTO "AccessRequest" (id, "batchId", "requesterId", "beneficiaryId", "entitlementId",
                                    justification, status, "idempotencyKey", "updatedAt")
       VALUES (gen_random_uuid(), gen_random_uuid(), $1, $1, $2, 'placeholder', 'CANCELLED', $3, now())`,
      [w.alice.id, w.other.id, `${key}:ENTITLEMENT:${itemId}`],
    );
    const submitting = (await t.callerFor(w.alice.id)).requests.create({
      items: [{ kind: 'ENTITLEMENT', id: itemId }],
      justification: 'Month-end close',
      idempotencyKey: key,
    });
    await until(async () => (await waiting()) >= 1);
    let changed = false;
    const changing = change().then(() => {
      changed = true;
    });
    // Either the change is done (nothing held it), or it waits for the submission's hold.
    await until(async () => changed || (await waiting()) >= 2);
    await holder.query('ROLLBACK');
    const [submitted] = await Promise.all([submitting, changing]);
    return submitted.requests[0]!.id;
  });
}

/** Runs `start` while another transaction holds the item FOR UPDATE: it waits at its hold, after its plan. */
async function whileItemLocked<T>(
  itemId: string,
  start: () => Promise<T>,
  meanwhile: () => Promise<unknown>,
): Promise<T> {
  return withTwoConnections(t.url, async (holder, observer) => {
    const { waiting, until } = watchLockWaits(observer);
    await holder.query('BEGIN');
    await holder.query(`SELECT id FROM "Entitlement" WHERE id = $1 FOR UPDATE`, [itemId]);
    const started = start();
    await until(async () => (await waiting()) >= 1);
    await meanwhile();
    await holder.query('ROLLBACK');
    return started;
  });
}

describe('a submission racing a change of its policy', () => {
  it('gets a stage added to its attached policy while it waits to write', async () => {
    const w = await world();
    const { policy, item } = await attachedItem(w);
    const ivy = await t.callerFor(w.ivy.id);
    const requestId = await submitWhileHeld(w, item.id, () =>
      ivy.approvalPolicies.save({
        id: policy.id,
        key: policy.key,
        name: policy.name,
        stages: [managerStage, w.securityStage],
      }),
    );
    expect(await namesOf(requestId)).toEqual(['Manager approval', 'Security review']);
  });

  it('gets the stages of the first default for its risk, created while it waits to write', async () => {
    const w = await world();
    // No policy is the default for MEDIUM (in this file's database): the plan draws the manager alone.
    const item = await createEntitlement(t.prisma, w.app.id, { name: 'Forecasts', risk: 'MEDIUM' });
    const ivy = await t.callerFor(w.ivy.id);
    const requestId = await submitWhileHeld(w, item.id, () =>
      ivy.approvalPolicies.save({
        key: 'medium-default',
        name: 'Medium risk',
        defaultForRisk: 'MEDIUM',
        stages: [managerStage, w.securityStage],
      }),
    );
    expect(await namesOf(requestId)).toEqual(['Manager approval', 'Security review']);
  });

  it('gets the manager when the risk default it was drawn from is deleted while it waits to write', async () => {
    const w = await world();
    // The HIGH default (the only one in this file's database) asks security alone; without it, a HIGH
    // item attached to nothing falls back to the built-in chain, the manager.
    const ivy = await t.callerFor(w.ivy.id);
    const { id: policyId } = await ivy.approvalPolicies.save({
      key: 'high-default',
      name: 'High risk',
      defaultForRisk: 'HIGH',
      stages: [w.securityStage],
    });
    const item = await createEntitlement(t.prisma, w.app.id, { name: 'Payments', risk: 'HIGH' });
    // The deletion locks no item (nothing is attached to the policy): only its lock on the policy
    // makes it wait for the submission, which holds the policy, before it reads the pending requests.
    const requestId = await submitWhileHeld(w, item.id, () => ivy.approvalPolicies.delete({ id: policyId }));
    expect(await namesOf(requestId)).toEqual(['Security review', 'Manager approval']);
  });

  it('plans again when its policy gained a stage between its plan and its write', async () => {
    const w = await world();
    const { policy, item } = await attachedItem(w);
    const ivy = await t.callerFor(w.ivy.id);
    const submitted = await whileItemLocked(
      item.id,
      async () =>
        (await t.callerFor(w.alice.id)).requests.create({
          items: [{ kind: 'ENTITLEMENT', id: item.id }],
          justification: 'Month-end close',
        }),
      () =>
        ivy.approvalPolicies.save({
          id: policy.id,
          key: policy.key,
          name: policy.name,
          stages: [managerStage, w.securityStage],
        }),
    );
    expect(await namesOf(submitted.requests[0]!.id)).toEqual(['Manager approval', 'Security review']);
  });

  it('is refused when its item stopped being requestable between its plan and its write', async () => {
    const w = await world();
    const { item } = await attachedItem(w);
    const submitting = withTwoConnections(t.url, async (holder, observer) => {
      const { waiting, until } = watchLockWaits(observer);
      // The item is made not requestable by a transaction the submission's hold waits for.
      await holder.query('BEGIN');
      await holder.query(`SELECT id FROM "Entitlement" WHERE id = $1 FOR UPDATE`, [item.id]);
      await holder.query(`UPDATE "Entitlement" SET requestable = false WHERE id = $1`, [item.id]);
      const started = (await t.callerFor(w.alice.id)).requests.create({
        items: [{ kind: 'ENTITLEMENT', id: item.id }],
        justification: 'Month-end close',
      });
      started.catch(() => {});
      await until(async () => (await waiting()) >= 1);
      await holder.query('COMMIT');
      return started;
    });
    await expect(submitting).rejects.toThrow(/cannot be requested/);
    expect(await t.prisma.accessRequest.count({ where: { entitlementId: item.id } })).toBe(0);
  });

  it('does not plan again for an edit that decides nothing of its chain (a new description)', async () => {
    const w = await world();
    const { item } = await attachedItem(w);
    const counter = createStatementCounter(t.url);
    try {
      const actor = await t.actor(w.alice.id);
      const { texts } = await withTwoConnections(t.url, async (holder, observer) => {
        const { waiting, until } = watchLockWaits(observer);
        // The item is edited (its description) by a transaction the submission's hold waits for.
        await holder.query('BEGIN');
        await holder.query(`SELECT id FROM "Entitlement" WHERE id = $1 FOR UPDATE`, [item.id]);
        await holder.query(`UPDATE "Entitlement" SET description = 'Edited' WHERE id = $1`, [item.id]);
        const submitting = counter.count((db) =>
          submitAccessRequests(
            db,
            actor,
            { items: [{ kind: 'ENTITLEMENT', id: item.id }], justification: 'Month-end close' },
            { queue: t.queue },
          ),
        );
        await until(async () => (await waiting()) >= 1);
        await holder.query('COMMIT');
        return submitting;
      });
      // One plan, one transaction: the re-read after the hold found the description changed, nothing else.
      expect(texts.filter((x) => x.trim() === 'BEGIN')).toHaveLength(1);
      expect(await t.prisma.accessRequest.count({ where: { entitlementId: item.id } })).toBe(1);
    } finally {
      await counter.close();
    }
  });

  it('names the item as it is called when it is written, renamed since its plan', async () => {
    const w = await world();
    const { item } = await attachedItem(w);
    const submitted = await withTwoConnections(t.url, async (holder, observer) => {
      const { waiting, until } = watchLockWaits(observer);
      // The item is renamed by a transaction the submission's hold waits for.
      await holder.query('BEGIN');
      await holder.query(`SELECT id FROM "Entitlement" WHERE id = $1 FOR UPDATE`, [item.id]);
      await holder.query(`UPDATE "Entitlement" SET name = 'General ledger' WHERE id = $1`, [item.id]);
      const submitting = (await t.callerFor(w.alice.id)).requests.create({
        items: [{ kind: 'ENTITLEMENT', id: item.id }],
        justification: 'Month-end close',
      });
      await until(async () => (await waiting()) >= 1);
      await holder.query('COMMIT');
      return submitting;
    });
    const [request] = submitted.requests;
    expect(request!.itemName).toBe('General ledger');
    const asked = await t.prisma.notification.findMany({
      where: { recipientId: w.mark.id },
      select: { title: true },
    });
    expect(asked.map((n) => n.title)).toEqual([`Approve General ledger for ${w.alice.displayName}?`]);
    const created = await t.prisma.auditEvent.findFirstOrThrow({
      where: { action: 'request.created', entityId: request!.id },
      select: { after: true },
    });
    expect(created.after).toMatchObject({ item: 'General ledger' });
  });
});

/** An item with a manager-only policy, and Alice's grant of it, ending in five days. */
async function heldItem(w: TWorld) {
  const { policy, item } = await attachedItem(w);
  const grant = await createGrant(t.prisma, {
    identityId: w.alice.id,
    entitlementId: item.id,
    source: 'REQUEST',
    endsAt: new Date(Date.now() + 5 * 86_400_000),
  });
  return { policy, item, grant };
}

const extend = async (w: TWorld, grantId: string) =>
  requestExtension(
    t.prisma,
    await t.actor(w.alice.id),
    { grantId, requestedEndsAt: new Date(Date.now() + 20 * 86_400_000), justification: 'Another month' },
    { queue: t.queue },
  );

describe('an extension racing a change of its policy', () => {
  it('gets the first stage its policy gained while it waits to write', async () => {
    const w = await world();
    const { policy, item, grant } = await heldItem(w);
    const ivy = await t.callerFor(w.ivy.id);
    const extended = await withTwoConnections(t.url, async (holder, observer) => {
      const { waiting, until } = watchLockWaits(observer);
      // Another transaction's pending extension of the same item: the extension, planned and holding,
      // waits at its write for that one to go.
      await holder.query('BEGIN');
      await holder.query(
        `INSERT INTO "AccessRequest" (id, "batchId", kind, "requesterId", "beneficiaryId", "entitlementId",
                                      justification, status, "updatedAt")
         VALUES (gen_random_uuid(), gen_random_uuid(), 'EXTEND', $1, $1, $2, 'placeholder', 'PENDING', now())`,
        [w.alice.id, item.id],
      );
      const extending = extend(w, grant.id);
      await until(async () => (await waiting()) >= 1);
      let saved = false;
      // An extension asks the first stage only: the policy's first stage becomes the security review.
      const saving = ivy.approvalPolicies
        .save({ id: policy.id, key: policy.key, name: policy.name, stages: [w.securityStage, managerStage] })
        .then(() => {
          saved = true;
        });
      await until(async () => saved || (await waiting()) >= 2);
      await holder.query('ROLLBACK');
      const [written] = await Promise.all([extending, saving]);
      return written;
    });
    expect(await namesOf(extended.id)).toEqual(['Manager approval', 'Security review']);
  });

  it('plans again when its policy changed between its plan and its write', async () => {
    const w = await world();
    const { policy, item, grant } = await heldItem(w);
    const ivy = await t.callerFor(w.ivy.id);
    const extended = await whileItemLocked(
      item.id,
      () => extend(w, grant.id),
      () =>
        ivy.approvalPolicies.save({
          id: policy.id,
          key: policy.key,
          name: policy.name,
          stages: [w.securityStage, managerStage],
        }),
    );
    expect(await namesOf(extended.id)).toEqual(['Security review']);
  });
});
