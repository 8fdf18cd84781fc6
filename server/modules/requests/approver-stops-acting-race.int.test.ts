import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '@/server/auth/actor.ts';
import { inTransaction } from '@/server/db/client.ts';
import {
  ingestSourceRecords,
  loadIdentityRows,
  settleLifecycleChanges,
} from '@/server/modules/lifecycle/index.ts';
import {
  createApplication,
  createApprovalPolicy,
  createEntitlement,
  createIdentity,
} from '@/server/seed/factories.ts';
import { createTestContext, type TTestContext } from '@/server/testing/test-context.ts';
import { watchLockWaits, withTwoConnections } from '@/server/testing/two-connections.ts';
import { submitAccessRequests } from './submit-access-requests.ts';

/*
 * A submission racing its approver's stopping to act (docs/decisions/115): the write skew decision 112
 * left to the ten-minute sweep. The submission read Mark as able to act; the change that stops him
 * looked for his steps before the submission committed. Now the submission holds its approvers FOR KEY
 * SHARE from its hold, and the change takes them FOR UPDATE before it looks: whichever is first, the
 * request's step does not stay with Mark. Set up by lock waits, never by sleeps.
 */
let t: TTestContext;
let hr: string;
let seq = 0;
beforeAll(async () => {
  t = await createTestContext();
  hr = (
    await t.prisma.identitySource.create({
      data: { key: 'hr-stops-acting', name: 'HR', kind: 'HR_CSV', precedence: 10 },
    })
  ).id;
});
afterAll(async () => {
  await t?.close();
});

/** Alice, her manager Mark, his manager Bea, and an item Mark approves. */
async function world() {
  const person = (firstName: string, managerId?: string) =>
    createIdentity(t.prisma, { firstName, managerId, employeeNumber: `S-${++seq}` });
  const bea = await person('Bea');
  const mark = await person('Mark', bea.id);
  const alice = await person('Alice', mark.id);
  const app = await createApplication(t.prisma, {
    config: { url: 'ldap://127.0.0.1:1', bindDn: 'cn=x', baseDn: 'dc=x' },
  });
  const policy = await createApprovalPolicy(t.prisma, {
    name: 'Ledger',
    stages: [{ name: 'Manager approval', approvers: [{ type: 'MANAGER' }], mode: 'ANY' }],
  });
  const item = await createEntitlement(t.prisma, app.id, { name: 'Ledger' });
  await t.prisma.entitlement.update({ where: { id: item.id }, data: { approvalPolicyId: policy.id } });
  const other = await createEntitlement(t.prisma, app.id, { name: 'Other' });
  return { bea, mark, alice, item, other };
}
type TWorld = Awaited<ReturnType<typeof world>>;

const submit = async (w: TWorld, idempotencyKey?: string) =>
  (
    await submitAccessRequests(
      t.prisma,
      await t.actor(w.alice.id),
      { items: [{ kind: 'ENTITLEMENT', id: w.item.id }], justification: 'Month-end close', idempotencyKey },
      { queue: t.queue },
    )
  ).requests[0]!.id;

/** Who may decide the request's open steps now: Mark's own step handed on shows as Bea's. */
const openApprovers = async (requestId: string) =>
  (
    await t.prisma.approvalStep.findMany({
      where: { requestId, status: 'PENDING', escalatedAt: null },
      select: { approverId: true },
    })
  ).map((s) => s.approverId);

/**
 * Alice submits while another transaction holds her submission's idempotency key (for another item,
 * locking nothing the submission holds): the submission, past its hold (which read Mark as active),
 * waits to write. `change` runs then; it either finishes (it looked for Mark's steps before the request
 * was there: the skew) or waits for the submission.
 */
async function submitWhileWriting(w: TWorld, change: () => Promise<unknown>): Promise<string> {
  const key = `stops-acting-${w.item.id}`;
  return withTwoConnections(t.url, async (holder, observer) => {
    const { waiting, until } = watchLockWaits(observer);
    await holder.query('BEGIN');
    await holder.query(
      `INSERT INTO "AccessRequest" (id, "batchId", "requesterId", "beneficiaryId", "entitlementId",
                                    justification, status, "idempotencyKey", "updatedAt")
       VALUES (gen_random_uuid(), gen_random_uuid(), $1, $1, $2, 'placeholder', 'CANCELLED', $3, now())`,
      [w.alice.id, w.other.id, `${key}:ENTITLEMENT:${w.item.id}`],
    );
    const submitting = submit(w, key);
    submitting.catch(() => {});
    await until(async () => (await waiting()) >= 1);
    let done = false;
    const changing = change().then(() => {
      done = true;
    });
    await until(async () => done || (await waiting()) >= 2);
    await holder.query('ROLLBACK');
    const [id] = await Promise.all([submitting, changing]);
    return id;
  });
}

describe('a submission racing its approver stopping to act', () => {
  it('hands the step on when HR terminates the approver while the submission waits to write', async () => {
    const w = await world();
    const requestId = await submitWhileWriting(w, () =>
      ingestSourceRecords(
        t.prisma,
        { id: hr, origin: 'HR_CSV' },
        [
          {
            externalId: w.mark.employeeNumber!,
            employeeNumber: w.mark.employeeNumber!,
            status: 'TERMINATED',
          },
        ],
        { queue: t.queue },
      ),
    );
    expect((await t.prisma.identity.findUniqueOrThrow({ where: { id: w.mark.id } })).status).toBe(
      'TERMINATED',
    );
    expect(await openApprovers(requestId)).toEqual([w.bea.id]);
  });

  it('hands the step on for a status written alone (no key column: its row lock passes KEY SHARE)', async () => {
    // HR's write above sets unique columns too, which locks the row FOR UPDATE by itself; a writer
    // that sets the status alone takes FOR NO KEY UPDATE, and only stopActing's own lock meets the hold.
    const w = await world();
    const requestId = await submitWhileWriting(w, () =>
      inTransaction(t.prisma, async (tx) => {
        const before = (await loadIdentityRows(tx, [w.mark.id])).get(w.mark.id)!;
        await tx.$executeRaw`UPDATE "Identity" SET status = 'SUSPENDED' WHERE id = ${w.mark.id}::uuid`;
        const after = (await loadIdentityRows(tx, [w.mark.id])).get(w.mark.id)!;
        await settleLifecycleChanges(tx, [{ before, after }], {
          actor: systemActor('SOURCE'),
          now: new Date(),
          ref: 'test:suspend',
          queue: t.queue,
        });
      }),
    );
    expect(await openApprovers(requestId)).toEqual([w.bea.id]);
  });

  it('draws without the approver when his suspension committed while the submission waited at its hold', async () => {
    const w = await world();
    const requestId = await withTwoConnections(t.url, async (holder, observer) => {
      const { waiting, until } = watchLockWaits(observer);
      // The suspension as the identity team's status change makes it: the row FOR UPDATE, then the
      // status; committed while the submission, planned with Mark active, waits.
      await holder.query('BEGIN');
      await holder.query(`SELECT id FROM "Identity" WHERE id = $1 FOR UPDATE`, [w.mark.id]);
      await holder.query(`UPDATE "Identity" SET status = 'SUSPENDED' WHERE id = $1`, [w.mark.id]);
      const submitting = submit(w);
      submitting.catch(() => {});
      await until(async () => (await waiting()) >= 1);
      await holder.query('COMMIT');
      return submitting;
    });
    expect(await openApprovers(requestId)).toEqual([w.bea.id]);
  });
  it('waits for a person its approver’s stand-in notice will lock at its hold, before it writes anything', async () => {
    // Sam stands in for Mark: the submission's notice to Sam locks his row (its foreign key). Held
    // with the approvers at the hold, a transaction holding Sam (an HR batch's step) is waited for
    // there, before the submission holds any request; it waited at the notice, requests written.
    const w = await world();
    const sam = await createIdentity(t.prisma, { firstName: 'Sam', employeeNumber: `S-${++seq}` });
    await t.prisma.delegation.create({
      data: {
        delegatorId: w.mark.id,
        delegateId: sam.id,
        startsAt: new Date(Date.now() - 3_600_000),
        endsAt: new Date(Date.now() + 86_400_000),
      },
    });
    const requestId = await withTwoConnections(t.url, async (holder, observer) => {
      const { waiting, until } = watchLockWaits(observer);
      await holder.query('BEGIN');
      await holder.query(`SELECT id FROM "Identity" WHERE id = $1 FOR UPDATE`, [sam.id]);
      const submitting = submit(w);
      submitting.catch(() => {});
      await until(async () => (await waiting()) >= 1);
      const written = await observer.query<{ n: string }>(
        `SELECT count(*) AS n FROM pg_locks l JOIN pg_class c ON c.oid = l.relation
          JOIN pg_stat_activity a ON a.pid = l.pid
         WHERE c.relname = 'AccessRequest' AND l.mode = 'RowExclusiveLock' AND a.wait_event_type = 'Lock'`,
      );
      expect(Number(written.rows[0]!.n)).toBe(0);
      await holder.query('COMMIT');
      return submitting;
    });
    expect(await openApprovers(requestId)).toEqual([w.mark.id]);
    expect(await t.prisma.notification.count({ where: { recipientId: sam.id } })).toBe(1);
  });
});
