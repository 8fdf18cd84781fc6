import type { Prisma, TDb } from '@/server/db/client.ts';
import { notify } from '@/server/modules/notifications/index.ts';
import type { TJobQueue } from '@/server/queue/enqueue.ts';
import type { TSodConflictSummary } from './check-sod.ts';

/** Who hears about SoD problems: the identity team and security officers. */
export async function sodWatcherIds(db: TDb): Promise<string[]> {
  const people = await db.identity.findMany({
    where: {
      status: 'ACTIVE',
      portalRoles: { some: { role: { in: ['IDENTITY_ADMIN', 'SECURITY_OFFICER'] } } },
    },
    select: { id: true },
  });
  return people.map((p) => p.id);
}

export async function notifySodWatchers(
  tx: Prisma.TransactionClient,
  message: { kind: string; title: string; body: string },
  deps: { queue?: TJobQueue },
): Promise<void> {
  await notifySodWatchersOfMany(tx, [message], deps);
}

/** notifySodWatchers for many messages (a scan's findings): the watchers read once, one write. */
export async function notifySodWatchersOfMany(
  tx: Prisma.TransactionClient,
  messages: ReadonlyArray<{ kind: string; title: string; body: string }>,
  deps: { queue?: TJobQueue },
): Promise<void> {
  if (messages.length === 0) return;
  const ids = await sodWatcherIds(tx);
  await notify(
    tx,
    messages.flatMap((message) =>
      ids.map((recipientId) => ({ recipientId, ...message, link: '/admin/sod-violations' })),
    ),
    deps.queue ? { queue: deps.queue } : undefined,
  );
}

export const violationDetails = (c: TSodConflictSummary, extra: Record<string, unknown> = {}) =>
  JSON.parse(
    JSON.stringify({
      severity: c.severity,
      status: c.status,
      explanation: c.explanation,
      grantIds: c.grantIds,
      ...extra,
    }),
  ) as Prisma.InputJsonValue;

/**
 * Records a violation that was stopped before it happened (a birthright grant or a provisioning
 * add refused by a blocking rule): kept for the record, already resolved, and announced.
 */
export async function recordPreventedViolation(
  tx: Prisma.TransactionClient,
  input: {
    identityId: string;
    conflict: TSodConflictSummary;
    prevented: 'BIRTHRIGHT' | 'PROVISIONING';
    what: string;
  },
  deps: { now: Date; queue?: TJobQueue },
): Promise<void> {
  // A rule run again (birthright recomputes often) stops the same thing again: say it once a week.
  const recent = await tx.sodViolation.count({
    where: {
      ruleId: input.conflict.ruleId,
      identityId: input.identityId,
      detectedAt: { gt: new Date(deps.now.getTime() - 7 * 86_400_000) },
      details: { path: ['prevented'], equals: input.prevented },
    },
  });
  if (recent > 0) return;
  await tx.sodViolation.create({
    data: {
      ruleId: input.conflict.ruleId,
      identityId: input.identityId,
      details: violationDetails(input.conflict, { prevented: input.prevented, what: input.what }),
      detectedAt: deps.now,
      resolvedAt: deps.now,
    },
  });
  const person = await tx.identity.findUnique({
    where: { id: input.identityId },
    select: { displayName: true },
  });
  await notifySodWatchers(
    tx,
    {
      kind: 'sod.prevented',
      title: `Segregation of duties stopped ${input.what} for ${person?.displayName ?? 'someone'}`,
      body: input.conflict.explanation,
    },
    deps,
  );
}
