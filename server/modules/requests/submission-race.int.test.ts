import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createApplication,
  createApprovalPolicy,
  createEntitlement,
  createIdentity,
  createRole,
  createTeam,
} from '@/server/seed/factories.ts';
import { createTestContext, type TTestContext } from '@/server/testing/test-context.ts';
import { watchLockWaits as watch, withTwoConnections } from '@/server/testing/two-connections.ts';

/*
 * A submission that planned from a role's old contents and writes after the role's save: its chain
 * must still end up as the role now needs (docs/decisions/112). The race is set up by lock waits, never
 * by sleeps: another transaction holds the submission's idempotency key, so the submission's write
 * waits after it planned, while the role is saved.
 */
let t: TTestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(async () => {
  await t?.close();
});

/** A requester, her manager, an admin; a Low role of Wiki, and Payroll (High) to add to it. */
async function world() {
  const boss = await createIdentity(t.prisma, { firstName: 'Bea' });
  const mark = await createIdentity(t.prisma, { firstName: 'Mark', managerId: boss.id });
  const alice = await createIdentity(t.prisma, { firstName: 'Alice', managerId: mark.id });
  const ivy = await createIdentity(t.prisma, { firstName: 'Ivy', portalRoles: ['IDENTITY_ADMIN'] });
  const app = await createApplication(t.prisma, {
    config: { url: 'ldap://127.0.0.1:1', bindDn: 'cn=x', baseDn: 'dc=x' },
  });
  const wiki = await createEntitlement(t.prisma, app.id, { name: 'Wiki', risk: 'LOW' });
  const payroll = await createEntitlement(t.prisma, app.id, { name: 'Payroll', risk: 'HIGH' });
  const other = await createEntitlement(t.prisma, app.id, { name: 'Other', risk: 'LOW' });
  const role = await createRole(t.prisma, {
    name: 'Finance Helpers',
    risk: 'LOW',
    entitlementIds: [wiki.id],
  });
  return { mark, alice, ivy, wiki, payroll, other, role };
}
type TWorld = Awaited<ReturnType<typeof world>>;

const namesOf = async (requestId: string) =>
  (
    await t.prisma.approvalStage.findMany({
      where: { requestId },
      orderBy: { position: 'asc' },
      select: { name: true },
    })
  ).map((s) => s.name);

/** Wiki saved by the identity team as it is, but for `changes`. */
async function saveWiki(w: TWorld, changes: { risk?: 'HIGH'; description?: string }) {
  const { id: _id, createdAt: _c, updatedAt: _u, ...fields } = w.wiki;
  await (await t.callerFor(w.ivy.id)).catalogAdmin.saveEntitlement({ ...fields, id: w.wiki.id, ...changes });
}

describe('a submission racing the save of its role', () => {
  beforeAll(async () => {
    const sam = await createIdentity(t.prisma, { firstName: 'Sam' });
    const security = await createTeam(t.prisma, { memberIds: [sam.id] });
    await createApprovalPolicy(t.prisma, {
      name: 'High risk',
      defaultForRisk: 'HIGH',
      stages: [
        { name: 'Manager approval', approvers: [{ type: 'MANAGER' }], mode: 'ANY', quorum: 1 },
        {
          name: 'Security review',
          approvers: [{ type: 'TEAM', teamKey: security.key }],
          mode: 'ANY',
          quorum: 1,
        },
      ],
    });
  });

  it('gets the security review when the save waits for the submission', async () => {
    const w = await world();
    const key = `race-${w.role.id}`;
    const outcome = await withTwoConnections(t.url, async (holder, observer) => {
      const { waiting, until } = watch(observer);
      // Another transaction writes the key the submission will write (for another item, so it locks
      // neither the role nor its entitlements): the submission's write waits for it, after its plan.
      await holder.query('BEGIN');
      await holder.query(
        `INSERT INTO "AccessRequest" (id, "batchId", "requesterId", "beneficiaryId", "entitlementId",
                                      justification, status, "idempotencyKey", "updatedAt")
         VALUES (gen_random_uuid(), gen_random_uuid(), $1, $1, $2, 'placeholder', 'CANCELLED', $3, now())`,
        [w.alice.id, w.other.id, `${key}:ROLE:${w.role.id}`],
      );
      const submitting = (await t.callerFor(w.alice.id)).requests.create({
        items: [{ kind: 'ROLE', id: w.role.id }],
        justification: 'Needed for the quarter close',
        idempotencyKey: key,
      });
      await until(async () => (await waiting()) >= 1);
      // The role gains Payroll while the submission waits to write what it planned from Wiki alone.
      let saved = false;
      const saving = (async () => {
        await (
          await t.callerFor(w.ivy.id)
        ).catalogAdmin.saveRole({ ...w.role, entitlementIds: [w.wiki.id, w.payroll.id] });
        saved = true;
      })();
      // Either the save is done (nothing held it), or it waits for the submission's hold on the role.
      await until(async () => saved || (await waiting()) >= 2);
      await holder.query('ROLLBACK');
      const [submitted] = await Promise.all([submitting, saving]);
      return submitted;
    });

    expect(await namesOf(outcome.id)).toEqual(['Manager approval', 'Security review']);
    const step = await t.prisma.approvalStep.findFirstOrThrow({
      where: { requestId: outcome.id, approverId: w.mark.id, status: 'PENDING' },
    });
    expect(
      await (await t.callerFor(w.mark.id)).approvals.decide({ stepId: step.id, decision: 'APPROVE' }),
    ).toEqual({
      requestStatus: 'PENDING',
      stageStatus: 'APPROVED',
    });
    expect(await t.prisma.grant.count({ where: { identityId: w.alice.id } })).toBe(0);
  });

  it("gets the security review when its entitlement's risk rises while it waits to write", async () => {
    const w = await world();
    const key = `entitlement-race-${w.wiki.id}`;
    const outcome = await withTwoConnections(t.url, async (holder, observer) => {
      const { waiting, until } = watch(observer);
      await holder.query('BEGIN');
      await holder.query(
        `INSERT INTO "AccessRequest" (id, "batchId", "requesterId", "beneficiaryId", "entitlementId",
                                      justification, status, "idempotencyKey", "updatedAt")
         VALUES (gen_random_uuid(), gen_random_uuid(), $1, $1, $2, 'placeholder', 'CANCELLED', $3, now())`,
        [w.alice.id, w.other.id, `${key}:ENTITLEMENT:${w.wiki.id}`],
      );
      const submitting = (await t.callerFor(w.alice.id)).requests.create({
        items: [{ kind: 'ENTITLEMENT', id: w.wiki.id }],
        justification: 'Needed for the quarter close',
        idempotencyKey: key,
      });
      await until(async () => (await waiting()) >= 1);
      let saved = false;
      const saving = saveWiki(w, { risk: 'HIGH' }).then(() => {
        saved = true;
      });
      // Either the save is done (nothing held it), or it waits for the submission's hold on Wiki.
      await until(async () => saved || (await waiting()) >= 2);
      await holder.query('ROLLBACK');
      const [submitted] = await Promise.all([submitting, saving]);
      return submitted.requests[0]!;
    });
    expect(await namesOf(outcome.id)).toEqual(['Manager approval', 'Security review']);
  });

  it('saves an entitlement without waiting for a transaction that grants it (an HR batch)', async () => {
    const w = await world();
    const outcome = await withTwoConnections(t.url, async (holder, observer) => {
      const { waiting, until } = watch(observer);
      // A grant of Wiki written by a transaction still open: its foreign key holds Wiki FOR KEY SHARE.
      await holder.query('BEGIN');
      await holder.query(
        `INSERT INTO "Grant" (id, "identityId", "entitlementId", source, "updatedAt")
         VALUES (gen_random_uuid(), $1, $2, 'BIRTHRIGHT', now())`,
        [w.alice.id, w.wiki.id],
      );
      try {
        const saving = saveWiki(w, { description: 'Team pages' });
        saving.catch(() => {});
        return await Promise.race([
          saving.then(() => 'saved'),
          until(async () => (await waiting()) >= 1).then(() => 'waited for the grant'),
        ]);
      } finally {
        await holder.query('ROLLBACK');
      }
    });
    expect(outcome).toBe('saved');
    expect((await t.prisma.entitlement.findUniqueOrThrow({ where: { id: w.wiki.id } })).description).toBe(
      'Team pages',
    );
  });

  it('plans again when the role was saved between its plan and its write', async () => {
    const w = await world();
    const outcome = await withTwoConnections(t.url, async (holder, observer) => {
      const { waiting, until } = watch(observer);
      // Another transaction holds Wiki: the submission, planned, waits to take its hold on it.
      await holder.query('BEGIN');
      await holder.query(`SELECT id FROM "Entitlement" WHERE id = $1 FOR UPDATE`, [w.wiki.id]);
      const submitting = (await t.callerFor(w.alice.id)).requests.create({
        items: [{ kind: 'ROLE', id: w.role.id }],
        justification: 'Needed for the quarter close',
      });
      await until(async () => (await waiting()) >= 1);
      // Saved and committed meanwhile: nothing pending to redraw yet.
      await (
        await t.callerFor(w.ivy.id)
      ).catalogAdmin.saveRole({ ...w.role, entitlementIds: [w.wiki.id, w.payroll.id] });
      await holder.query('ROLLBACK');
      return submitting;
    });
    expect(await namesOf(outcome.id)).toEqual(['Manager approval', 'Security review']);
  });
  it('lets routine updates of the items it holds through (aggregation), and waits only for a change', async () => {
    const w = await world();
    const key = `routine-${w.role.id}`;
    await withTwoConnections(t.url, async (holder, observer) => {
      const { waiting, until } = watch(observer);
      await holder.query('BEGIN');
      await holder.query(
        `INSERT INTO "AccessRequest" (id, "batchId", "requesterId", "beneficiaryId", "entitlementId",
                                      justification, status, "idempotencyKey", "updatedAt")
         VALUES (gen_random_uuid(), gen_random_uuid(), $1, $1, $2, 'placeholder', 'CANCELLED', $3, now())`,
        [w.alice.id, w.other.id, `${key}:ROLE:${w.role.id}`],
      );
      const submitting = (await t.callerFor(w.alice.id)).requests.create({
        items: [{ kind: 'ROLE', id: w.role.id }],
        justification: 'Needed for the quarter close',
        idempotencyKey: key,
      });
      // The submission holds Wiki and the role while it waits to write.
      await until(async () => (await waiting()) >= 1);
      await observer.query("SET lock_timeout = '3s'");
      // What aggregation writes on every entitlement it sees passes the hold…
      await observer.query('UPDATE "Entitlement" SET "lastSeenAt" = now() WHERE id = $1', [w.wiki.id]);
      // …and a change that must see the request waits for it.
      await observer.query("SET lock_timeout = '200ms'");
      await expect(
        observer.query('SELECT id FROM "Entitlement" WHERE id = $1 FOR UPDATE', [w.wiki.id]),
      ).rejects.toThrow(/lock timeout/);
      await holder.query('ROLLBACK');
      await submitting;
    });
  });
});
