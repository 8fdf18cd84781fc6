import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createApplication,
  createApprovalPolicy,
  createEntitlement,
  createIdentity,
  createTeam,
} from '@/server/seed/factories.ts';
import { createCountingContext, type TCountingContext } from '@/server/testing/count-statements.ts';
import { saveApprovalPolicyAndRedraw } from './follow-policy-changes.ts';
import { submitAccessRequests } from './submit-access-requests.ts';

let t: TCountingContext;
beforeAll(async () => {
  t = await createCountingContext();
});
afterAll(async () => {
  await t?.close();
});

/**
 * A policy change redraws every pending request it decides (docs/decisions/112): the requests, their
 * stages and their chains' facts (each requester's and beneficiary's managers) are read for all of
 * them at once, so a popular policy costs the reads of an unused one. It read each request's chain
 * facts on their own: one statement more per request, all of them locked meanwhile.
 */
describe('redrawing the pending requests of a policy', () => {
  it('reads as many statements for five pending requests as for two', async () => {
    const sam = await createIdentity(t.prisma, { firstName: 'Sam' });
    const security = await createTeam(t.prisma, { memberIds: [sam.id] });
    const ivy = await createIdentity(t.prisma, { firstName: 'Ivy', portalRoles: ['IDENTITY_ADMIN'] });
    const app = await createApplication(t.prisma, { name: 'Ledger' });
    const managerStage = {
      name: 'Manager approval',
      approvers: [{ type: 'MANAGER' as const }],
      mode: 'ANY' as const,
      quorum: 1,
    };
    const securityStage = {
      name: 'Security review',
      approvers: [{ type: 'TEAM' as const, teamKey: security.key }],
      mode: 'ANY' as const,
      quorum: 1,
    };

    /** A policy of two stages attached to an item, and `n` people, each with a manager of their own, waiting for it. */
    async function pendingFor(n: number) {
      const policy = await createApprovalPolicy(t.prisma, { stages: [managerStage, securityStage] });
      const item = await createEntitlement(t.prisma, app.id);
      await t.prisma.entitlement.update({ where: { id: item.id }, data: { approvalPolicyId: policy.id } });
      for (let i = 0; i < n; i++) {
        const manager = await createIdentity(t.prisma, { firstName: `Lead${n}${i}` });
        const person = await createIdentity(t.prisma, { firstName: `Clerk${n}${i}`, managerId: manager.id });
        await submitAccessRequests(
          t.prisma,
          await t.actor(person.id),
          { items: [{ kind: 'ENTITLEMENT', id: item.id }], justification: 'Month-end close' },
          { queue: t.queue },
        );
      }
      return policy;
    }
    /** The policy saved with its security review dropped: every request is drawn again, none gains a stage. */
    const redraw = async (policy: Awaited<ReturnType<typeof pendingFor>>) => {
      const actor = await t.actor(ivy.id);
      return t.counter.count((db) =>
        saveApprovalPolicyAndRedraw(
          db,
          actor,
          {
            id: policy.id,
            key: policy.key,
            name: policy.name,
            description: '',
            defaultForRisk: null,
            stages: [managerStage],
          },
          { queue: t.queue },
        ),
      );
    };

    const two = await redraw(await pendingFor(2));
    const five = await redraw(await pendingFor(5));

    expect(await t.prisma.accessRequest.count({ where: { status: 'PENDING' } })).toBe(7);
    expect(five.statements).toBe(two.statements);
    // The chains' facts are read once (their management chains, recursive), whatever the requests.
    expect(five.texts.filter((x) => x.includes('WITH RECURSIVE'))).toHaveLength(1);
  });
});
