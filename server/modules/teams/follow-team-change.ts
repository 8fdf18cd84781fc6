import type { TActor } from '@/server/auth/actor.ts';
import type { Prisma } from '@/server/db/client.ts';
import { followApproverChanges } from '@/server/modules/approvals/index.ts';
import type { TJobQueue } from '@/server/queue/enqueue.ts';

/**
 * A team's pending approval steps follow its members (docs/decisions/112): a member who left the
 * team no longer holds them, one who joined is asked where the team is asked. Only the stages drawn
 * from this team (ApprovalStage.teamIds, stop 39), a stage that fell back to the identity admins
 * for want of an active member included: a member who is also in another team keeps their steps in
 * the stages drawn from that one. A stage holding the member's TEAM step that the chain now draws
 * from other teams than its teamIds says is followed too (teamIds written before a policy switched).
 * A deleted team's members all leave at once (deleteTeam), so it takes the members as a list.
 */
export async function followTeamChange(
  tx: Prisma.TransactionClient,
  actor: TActor,
  input: { teamId: string; identityIds: readonly string[] },
  deps: { queue: TJobQueue; now?: Date },
): Promise<void> {
  await followApproverChanges(
    tx,
    actor,
    // The member's own steps find a stage whose teamIds is stale (mend of stop 39).
    { teams: [input.teamId], teamMembers: input.identityIds },
    { queue: deps.queue, now: deps.now ?? new Date(), cause: 'TEAM' },
  );
}
