import type { TActor } from '@/server/auth/actor.ts';
import type { Prisma } from '@/server/db/client.ts';
import type { TJobQueue } from '@/server/queue/enqueue.ts';
import { getMoverReviewSettings } from './mover-settings.ts';
import { startCampaignInTx } from './start-campaign.ts';

const DAY = 86_400_000;

/**
 * The mover micro-review, in the lifecycle's transaction after birthright was recomputed for the new
 * job: the access a person kept from the old job (REQUEST, ADMIN, RECONCILIATION grants) that the new
 * job's birthright does not give is put to their new manager in a MOVER campaign due in `days`.
 * REVIEW escalates what is undecided by then; AUTO_REVOKE revokes it. OFF does nothing; neither does
 * a move with nothing kept. Returns the campaigns started.
 */
export async function startMoverReviews(
  tx: Prisma.TransactionClient,
  moverIds: readonly string[],
  ctx: { actor: TActor; now: Date; queue: TJobQueue },
): Promise<string[]> {
  if (moverIds.length === 0) return [];
  const settings = await getMoverReviewSettings(tx);
  if (settings.mode === 'OFF') return [];
  const grants = await tx.grant.findMany({
    where: {
      identityId: { in: [...moverIds] },
      status: 'ACTIVE',
      source: { in: ['REQUEST', 'ADMIN', 'RECONCILIATION'] },
    },
    orderBy: [{ identityId: 'asc' }, { id: 'asc' }],
    select: { id: true, identityId: true, entitlementId: true, roleId: true },
  });
  const birthright = await tx.grant.findMany({
    where: { identityId: { in: [...moverIds] }, status: 'ACTIVE', source: 'BIRTHRIGHT' },
    select: {
      identityId: true,
      entitlementId: true,
      roleId: true,
      role: { select: { entitlements: { select: { entitlementId: true } } } },
    },
  });
  const given = new Set(
    birthright.flatMap((b) =>
      [b.entitlementId, b.roleId, ...(b.role?.entitlements.map((e) => e.entitlementId) ?? [])]
        .filter(Boolean)
        .map((x) => `${b.identityId}:${x}`),
    ),
  );
  const started: string[] = [];
  for (const identityId of new Set(grants.map((g) => g.identityId))) {
    const kept = grants.filter(
      (g) => g.identityId === identityId && !given.has(`${identityId}:${g.entitlementId ?? g.roleId}`),
    );
    if (kept.length === 0) continue;
    const person = await tx.identity.findUniqueOrThrow({
      where: { id: identityId },
      select: { displayName: true, department: true, title: true },
    });
    const job = [person.title, person.department].filter(Boolean).join(', ');
    const campaign = await tx.reviewCampaign.create({
      data: {
        name: `${person.displayName} moved${job ? ` to ${job}` : ''}: access kept from the old job`,
        kind: 'MOVER',
        status: 'SCHEDULED',
        subjectId: identityId,
        startsAt: ctx.now,
        dueAt: new Date(ctx.now.getTime() + settings.days * DAY),
        undecidedAction: settings.mode === 'AUTO_REVOKE' ? 'REVOKE' : 'ESCALATE',
        revokeTiming: 'IMMEDIATE',
        stages: { create: [{ position: 1, reviewerKind: 'MANAGER' }] },
      },
      select: { id: true },
    });
    await startCampaignInTx(tx, ctx.actor, campaign.id, { queue: ctx.queue, now: ctx.now, grants: kept });
    started.push(campaign.id);
  }
  return started;
}
