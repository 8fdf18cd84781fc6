import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTransaction, Prisma } from '@/server/db/client.ts';
import { sendStatement } from '@/server/db/query-json.ts';
import { loadRequestItems } from '@/server/modules/approvals/index.ts';
import {
  createApplication,
  createApprovalPolicy,
  createEntitlement,
  createIdentity,
  createRole,
} from '@/server/seed/factories.ts';
import { nodesOf, type TExplained, type TPlanNode } from '@/server/testing/plan-nodes.ts';
import { createTestContext, type TTestContext } from '@/server/testing/test-context.ts';
import { holdLocksSql } from './hold-locks.ts';

let t: TTestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(async () => {
  await t?.close();
});

/** The same, without the subqueries a node computes on the side (the people's stand-ins). */
const mainNodesOf = (node: TPlanNode): TPlanNode[] => [
  node,
  ...(node.Plans ?? [])
    .filter((n) => !['InitPlan', 'SubPlan'].includes(n['Parent Relationship'] ?? ''))
    .flatMap(mainNodesOf),
];

/** Which of the hold's steps a subtree of the plan is: the rows it locks, or the advisory locks it takes. */
function stepOf(node: TPlanNode): string {
  const nodes = nodesOf(node);
  const locked = nodes.find((n) => n['Node Type'] === 'LockRows');
  if (locked) return mainNodesOf(locked).find((n) => n['Relation Name'])?.['Relation Name'] ?? '?';
  return nodes.some((n) => n['Node Type'] === 'Function Scan') ? 'advisory locks' : '?';
}

/**
 * The steps from the first to run to the last, when the plan is a left-deep chain of nested loops
 * (each join's outer side the steps before, its inner side one step); null when it is not.
 */
function chainOf(plan: TPlanNode): Array<{ step: string; gated: boolean }> | null {
  const steps: Array<{ step: string; gated: boolean }> = [];
  let node = plan;
  while (node['Node Type'] === 'Nested Loop') {
    const [outer, inner] = node.Plans ?? [];
    if (outer?.['Parent Relationship'] !== 'Outer' || inner?.['Parent Relationship'] !== 'Inner') return null;
    // The inner step filters on the count of the step before it (`x.n >= 0`): it runs after that step.
    const gated = nodesOf(inner).some((n) =>
      / >= 0\)/.test(`${n['One-Time Filter'] ?? ''} ${n.Filter ?? ''}`),
    );
    steps.unshift({ step: stepOf(inner), gated });
    node = outer;
  }
  steps.unshift({ step: stepOf(node), gated: true });
  return steps;
}

describe('the hold’s locks statement (decision 116)', () => {
  it('is planned as a left-deep chain that takes each step’s locks after the step before, custom or generic', async () => {
    // Every step has something to lock: an entitlement and a role, people, an item attached to no
    // policy (a risk lock) and a policy.
    const app = await createApplication(t.prisma, { name: 'Ledger' });
    const manager = await createIdentity(t.prisma, { firstName: 'Mona' });
    const alice = await createIdentity(t.prisma, { firstName: 'Alice', managerId: manager.id });
    const entitlement = await createEntitlement(t.prisma, app.id, { name: 'Ledger read' });
    const role = await createRole(t.prisma, { entitlementIds: [entitlement.id], name: 'Ledger clerk' });
    await createApprovalPolicy(t.prisma, {
      stages: [{ name: 'Manager', approvers: [{ type: 'MANAGER' }], mode: 'ANY' }],
      defaultForRisk: 'LOW',
    });
    const items = await loadRequestItems(t.prisma, [
      { kind: 'ENTITLEMENT', id: entitlement.id },
      { kind: 'ROLE', id: role.id },
    ]);
    const sql = holdLocksSql({
      requesterId: alice.id,
      beneficiaryId: alice.id,
      items: [...items.values()],
      approverIds: [manager.id],
    });
    // The plan for these values, and the generic plan a prepared statement may switch to after five runs.
    const custom = await t.prisma.$queryRaw<TExplained>(Prisma.sql`EXPLAIN (VERBOSE, FORMAT JSON) ${sql}`);
    const generic = await t.prisma.$queryRawUnsafe<TExplained>(
      `EXPLAIN (GENERIC_PLAN, VERBOSE, FORMAT JSON) ${sql.text}`,
    );
    const order = [
      'advisory locks',
      'Entitlement',
      'Identity',
      'Role',
      'advisory locks',
      'ApprovalPolicy',
    ].map((step) => ({ step, gated: true }));
    expect(chainOf(custom[0]!['QUERY PLAN'][0]!.Plan)).toEqual(order);
    expect(chainOf(generic[0]!['QUERY PLAN'][0]!.Plan)).toEqual(order);
  });

  it('locks an approver’s stand-in by the delegation’s UTC times, whatever the session’s TimeZone', async () => {
    const boss = await createIdentity(t.prisma, { firstName: 'Vera' });
    const standIn = await createIdentity(t.prisma, { firstName: 'Sven' });
    const hour = 3_600_000;
    // Started an hour ago, ends in an hour (timestamp columns hold UTC wall time, as Prisma writes it).
    await t.prisma.delegation.create({
      data: {
        delegatorId: boss.id,
        delegateId: standIn.id,
        startsAt: new Date(Date.now() - hour),
        endsAt: new Date(Date.now() + hour),
      },
    });
    const sql = holdLocksSql({
      requesterId: boss.id,
      beneficiaryId: boss.id,
      items: [],
      approverIds: [boss.id],
    });
    const takeStandIn = () =>
      t.prisma.$queryRaw`SELECT id FROM "Identity" WHERE id = ${standIn.id}::uuid FOR UPDATE NOWAIT`;
    // A server (or session) twelve hours behind UTC: now()::timestamp would be half a day early.
    const refused = await inTransaction(t.prisma, async (tx) => {
      await tx.$executeRawUnsafe(`SET LOCAL TimeZone = 'Etc/GMT+12'`);
      await sendStatement(tx, sql, { prepared: true });
      return takeStandIn().then(
        () => null,
        (e: unknown) => e,
      );
    });
    expect(String(refused)).toMatch(/could not obtain lock/);
    await expect(takeStandIn()).resolves.toHaveLength(1);
  });
});
