import type { TActor } from '@/server/auth/actor.ts';
import type { Prisma } from '@/server/db/client.ts';
import { followApproverChanges } from '@/server/modules/approvals/index.ts';
import type { TJobQueue } from '@/server/queue/enqueue.ts';

/**
 * A team's pending approval steps follow its members (docs/decisions/112): a member who left the
 * team no longer holds them, one who joined is asked where the team is asked. The stages concerned
 * are found through the TEAM steps of the team's members, the one who changed included.
 */
export async function followTeamChange(
  tx: Prisma.TransactionClient,
  actor: TActor,
  input: { teamId: string; identityId: string },
  deps: { queue: TJobQueue; now?: Date },
): Promise<void> {
  const members = await tx.teamMember.findMany({
    where: { teamId: input.teamId },
    select: { identityId: true },
  });
  await followApproverChanges(
    tx,
    actor,
    { teamMembers: [...members.map((m) => m.identityId), input.identityId] },
    { queue: deps.queue, now: deps.now ?? new Date(), cause: 'TEAM' },
  );
}
