import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createApplication,
  createApprovalPolicy,
  createEntitlement,
  createIdentity,
} from '@/server/seed/factories.ts';
import { createCountingContext, type TCountingContext } from '@/server/testing/count-statements.ts';
import { submitAccessRequests } from '@/server/modules/requests/index.ts';
import { decideApprovalStep } from './decide-approval-step.ts';

let t: TCountingContext;
beforeAll(async () => {
  t = await createCountingContext();
});
afterAll(async () => {
  await t?.close();
});

describe('a decision in round trips', () => {
  it('reads its step once under the request’s lock: one approval of two costs a fixed number of statements', async () => {
    const [ann, ben, asker] = await Promise.all(
      ['Ann', 'Ben', 'Asker'].map((firstName) =>
        createIdentity(t.prisma, { firstName, lastName: 'Counted' }),
      ),
    );
    const policy = await createApprovalPolicy(t.prisma, {
      stages: [
        { name: 'Both', approvers: [{ type: 'PEOPLE', identityIds: [ann!.id, ben!.id] }], mode: 'ALL' },
      ],
    });
    const app = await createApplication(t.prisma, { name: 'Counted vault' });
    const vault = await createEntitlement(t.prisma, app.id, { name: 'Counted vault' });
    await t.prisma.entitlement.update({ where: { id: vault.id }, data: { approvalPolicyId: policy.id } });
    const { requests } = await submitAccessRequests(
      t.prisma,
      await t.actor(asker!.id),
      { items: [{ kind: 'ENTITLEMENT', id: vault.id }], justification: 'Quarter close' },
      { queue: t.queue },
    );
    const step = await t.prisma.approvalStep.findFirstOrThrow({
      where: { requestId: requests[0]!.id, approverId: ann!.id },
      select: { id: true },
    });
    const actor = await t.actor(ann!.id);
    const decided = await t.counter.count((db) =>
      decideApprovalStep(db, actor, { stepId: step.id, decision: 'APPROVE' }, { queue: t.queue }),
    );
    expect(decided.result).toEqual({ requestStatus: 'PENDING', stageStatus: 'PENDING' });
    // Inside the transaction the step is read once, with its stage's other steps: the re-authorisation
    // under the request's lock checks that row instead of reading the step (and its request) again.
    const inTransaction = decided.texts.slice(decided.texts.indexOf('BEGIN'));
    expect(inTransaction.filter((x) => /^SELECT .* FROM "public"\."ApprovalStep"/s.test(x))).toHaveLength(1);
    // The whole decision, counted when that read went (26 before): a new statement here changes it knowingly.
    expect(decided.statements).toBe(23);
  });
});
