import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { poolOf } from '@/server/db/client.ts';
import {
  createApplication,
  createApprovalPolicy,
  createEntitlement,
  createIdentity,
  createRole,
  createTeam,
} from '@/server/seed/factories.ts';
import { createTestContext, type TTestContext } from '@/server/testing/test-context.ts';
import { submitAccessRequests } from './submit-access-requests.ts';

let t: TTestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(async () => {
  await t?.close();
});

/**
 * The statements prepared on each of the client's connections (pg_prepared_statements is the
 * session's own): every pooled connection is taken at once, so each is asked.
 */
async function preparedOnEachConnection(): Promise<Set<string>> {
  const pool = poolOf(t.prisma)!;
  const connections = await Promise.all(Array.from({ length: pool.options.max }, () => pool.connect()));
  const names = new Set<string>();
  try {
    for (const c of connections) {
      const { rows } = await c.query<{ name: string }>('SELECT name FROM pg_prepared_statements');
      for (const r of rows) names.add(r.name);
    }
  } finally {
    for (const c of connections) c.release();
  }
  return names;
}

// A submission's prepared statements are a few fixed shapes whatever the chain (docs/decisions/118):
// a text that varied with its data would stay prepared on every pooled connection, one more per shape.
describe('the statements a submission prepares', () => {
  it('are the same few shapes for chains of one and three stages, a team, a role and several items', async () => {
    const app = await createApplication(t.prisma, { name: 'Ledger' });
    const manager = await createIdentity(t.prisma, { firstName: 'Mona' });
    const alice = await createIdentity(t.prisma, { firstName: 'Alice', managerId: manager.id });
    const reviewers = await Promise.all(
      [0, 1, 2].map((i) => createIdentity(t.prisma, { firstName: `Rev${i}`, lastName: 'Board' })),
    );
    const team = await createTeam(t.prisma, { name: 'Board', memberIds: reviewers.map((r) => r.id) });
    const policy = await createApprovalPolicy(t.prisma, {
      stages: [
        { name: 'Manager', approvers: [{ type: 'MANAGER' }], mode: 'ANY' },
        { name: 'Board', approvers: [{ type: 'TEAM', teamKey: team.key }], mode: 'QUORUM', quorum: 2 },
        { name: 'Owners', approvers: [{ type: 'PEOPLE', identityIds: [reviewers[0]!.id] }], mode: 'ALL' },
      ],
    });
    const twoStages = await createApprovalPolicy(t.prisma, {
      stages: [
        { name: 'Board', approvers: [{ type: 'TEAM', teamKey: team.key }], mode: 'ANY' },
        {
          name: 'Owners',
          approvers: [{ type: 'PEOPLE', identityIds: reviewers.map((r) => r.id) }],
          mode: 'ALL',
        },
      ],
    });
    const entitlements = [];
    for (let n = 0; n < 10; n += 1)
      entitlements.push(await createEntitlement(t.prisma, app.id, { name: `Ledger ${n}` }));
    const [one, three, inRole, other, two] = entitlements;
    await t.prisma.entitlement.update({ where: { id: three!.id }, data: { approvalPolicyId: policy.id } });
    await t.prisma.entitlement.update({ where: { id: two!.id }, data: { approvalPolicyId: twoStages.id } });
    const role = await createRole(t.prisma, { entitlementIds: [inRole!.id], name: 'Ledger clerk' });
    const otherRole = await createRole(t.prisma, { entitlementIds: [other!.id], name: 'Ledger auditor' });
    const bob = await createIdentity(t.prisma, { firstName: 'Bob', managerId: reviewers[1]!.id });
    const submit = async (requesterId: string, items: Array<{ kind: 'ENTITLEMENT' | 'ROLE'; id: string }>) =>
      submitAccessRequests(
        t.prisma,
        await t.actor(requesterId),
        { items, justification: 'Month-end close' },
        { queue: t.queue },
      );
    const entitlement = (e: { id: string } | undefined) => ({ kind: 'ENTITLEMENT' as const, id: e!.id });

    // Each kind of submission once: one stage, three stages with a team, a role, three items.
    await submit(alice.id, [entitlement(one)]);
    await submit(alice.id, [entitlement(three)]);
    await submit(alice.id, [{ kind: 'ROLE', id: role.id }]);
    await submit(alice.id, entitlements.slice(5, 8).map(entitlement));
    const shapes = await preparedOnEachConnection();
    expect(shapes.size).toBeGreaterThan(0);
    expect(shapes.size).toBeLessThanOrEqual(10);

    // The same kinds with other data: another requester, two stages, another role, two items.
    await submit(bob.id, [entitlement(one)]);
    await submit(bob.id, [entitlement(two)]);
    await submit(bob.id, [{ kind: 'ROLE', id: otherRole.id }]);
    await submit(bob.id, entitlements.slice(8, 10).map(entitlement));
    expect(await preparedOnEachConnection()).toEqual(shapes);
  });
});
