import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  createApplication,
  createApprovalPolicy,
  createEntitlement,
  createIdentity,
  createTeam,
} from '@/server/seed/factories.ts';
import { createTestContext, type TTestContext } from '@/server/testing/test-context.ts';
import { addTeamMember } from './add-team-member.ts';

/*
 * A team's member change reads the open stages drawn from the team by the GIN index on teamIds, not
 * every open stage (docs/decisions/112): the find is a UNION of one read per kind of change, so the
 * team's read can go by its index. The read before (one OR over every pending request, the teams
 * tested per request) walked all open stages: 300 ms at 20,000.
 */
let t: TTestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(async () => {
  await t?.close();
});

it('a team’s member change finds its stages by the teamIds index', async () => {
  const admin = await createIdentity(t.prisma, { portalRoles: ['IDENTITY_ADMIN'] });
  const requester = await createIdentity(t.prisma);
  const [first, joiner] = [await createIdentity(t.prisma), await createIdentity(t.prisma)];
  const team = await createTeam(t.prisma, { name: 'Keepers', memberIds: [first.id] });
  const policy = await createApprovalPolicy(t.prisma, {
    name: 'Keepers',
    stages: [{ name: 'Keepers review', approvers: [{ type: 'TEAM', teamKey: team.key }], mode: 'ANY' }],
  });
  const app = await createApplication(t.prisma);
  const item = await createEntitlement(t.prisma, app.id, { name: 'Vault' });
  await t.prisma.entitlement.update({ where: { id: item.id }, data: { approvalPolicyId: policy.id } });
  const [request] = (
    await (
      await t.callerFor(requester.id)
    ).requests.create({ entitlementId: item.id, justification: 'Quarterly audit' })
  ).requests;

  // Open stages other teams were drawn for, as a busy portal holds, and statistics about them (as
  // autovacuum would gather): arranged as the owner, in bulk (requests without steps: never followed).
  await t.ownerPrisma.$executeRaw`
    WITH e AS (
      INSERT INTO "Entitlement" (id, "applicationId", "externalId", name, "updatedAt")
      SELECT gen_random_uuid(), ${app.id}::uuid, 'old-' || i, 'Old ' || i, now() FROM generate_series(1, 3000) i
      RETURNING id),
    r AS (
      INSERT INTO "AccessRequest" (id, "batchId", "requesterId", "beneficiaryId", "entitlementId", justification, status, "updatedAt")
      SELECT gen_random_uuid(), gen_random_uuid(), ${requester.id}::uuid, ${requester.id}::uuid, e.id, 'Old', 'PENDING', now() FROM e
      RETURNING id)
    INSERT INTO "ApprovalStage" (id, "requestId", position, name, status, "teamIds")
    SELECT gen_random_uuid(), r.id, 0, 'Review', 'PENDING', ARRAY[gen_random_uuid()] FROM r`;
  await t.ownerPrisma.$executeRaw`ANALYZE "ApprovalStage"`;

  // The index's scans in this transaction (pg_stat_get_xact_numscans: not flushed yet, this backend's own).
  const scans = await t.prisma.$transaction(async (tx) => {
    await addTeamMember(
      tx,
      await t.actor(admin.id),
      { teamId: team.id, identityId: joiner.id },
      { queue: t.queue },
    );
    const [row] = await tx.$queryRaw<Array<{ n: number }>>`
      SELECT pg_stat_get_xact_numscans('"ApprovalStage_teamIds_idx"'::regclass)::int AS n`;
    return row!.n;
  });
  expect(scans).toBeGreaterThan(0);
  // And the follow did its work: the joiner is asked beside the first member.
  const asked = await t.prisma.approvalStep.findMany({
    where: { requestId: request!.id, status: 'PENDING' },
    select: { approverId: true },
  });
  expect(asked.map((s) => s.approverId).sort()).toEqual([first.id, joiner.id].sort());
});
