import type { TActor } from '@/server/auth/actor.ts';
import type { Prisma } from '@/server/db/client.ts';
import { recordAuditEvents } from '@/server/modules/audit/index.ts';
import {
  closePendingExtensions,
  followApproverChanges,
  handOnApprovalSteps,
} from '@/server/modules/approvals/index.ts';
import { canAct } from '@/server/auth/can-act.ts';
import { endSessions } from '@/server/modules/identities/index.ts';
import { recomputeBirthright } from '@/server/modules/birthright/index.ts';
import { planAccess, type TPlannedOperation } from '@/server/modules/provisioning/index.ts';
import { startMoverReviews } from '@/server/modules/reviews/index.ts';
import type { TJobQueue } from '@/server/queue/enqueue.ts';
import { applyKillSwitch } from './apply-kill-switch.ts';
import { classifyLifecycle } from './classify-lifecycle.ts';
import type { TIdentityRow } from './identity-store.ts';
import type { TLifecycleEvent } from './source-record.ts';
import { endGrants } from '@/server/modules/access/index.ts';

export type TIdentityChange = {
  before: TIdentityRow | null;
  after: TIdentityRow;
  /** Mover attributes whose change ends this person's requested access (the source's mover rule). */
  moverRevokesRequestedAccessOn?: readonly string[];
  /** A leaver whose write already ended their sessions and stamped them (stampLeavers). */
  sessionsEnded?: boolean;
};

/**
 * The leavers among changes about to be written get the kill switch's stamp now and are marked
 * `sessionsEnded`, so the write ends their sessions (updateIdentityRows with sessionsEndedIn) and the
 * kill switch does not write their row a second time (docs/decisions/105). Hand the changes returned
 * to settleLifecycleChanges.
 */
export function stampLeavers<T extends Pick<TIdentityChange, 'before' | 'after'>>(
  changes: readonly T[],
  now: Date,
): Array<T & { sessionsEnded?: boolean }> {
  return changes.map((c) =>
    classifyLifecycle(c.before, c.after).includes('LEAVER')
      ? { ...c, after: { ...c.after, terminatedAt: now }, sessionsEnded: true }
      : c,
  );
}

/** The people among changes whose sessions their identity write ends (stampLeavers). */
export function sessionsEndedIn(
  changes: readonly { after: { id: string }; sessionsEnded?: boolean }[],
): Set<string> {
  return new Set(changes.filter((c) => c.sessionsEnded).map((c) => c.after.id));
}

export type TSettleContext = {
  actor: TActor;
  now: Date;
  ref: string;
  queue: TJobQueue;
  /** The plan reason for changes that are no JML event. */ defaultReason?: string;
};

const REASON_ORDER: Array<[TLifecycleEvent, string]> = [
  ['LEAVER', 'LEAVER'],
  ['REHIRE', 'REHIRE'],
  ['JOINER', 'JOINER'],
  ['MOVER', 'MOVER'],
];

/**
 * What follows from people's records having changed (already written): joiner / mover / leaver /
 * rehire, the kill switch for leavers, signing out whoever may no longer act, the mover rule for requested access, birthright, one
 * planAccess whose operations each say why they exist (the person's event), and the mover's access review. All in the caller's transaction.
 */
export async function settleLifecycleChanges(
  tx: Prisma.TransactionClient,
  changes: readonly TIdentityChange[],
  ctx: TSettleContext,
): Promise<{ events: Map<string, TLifecycleEvent[]>; operations: TPlannedOperation[] }> {
  const events = new Map<string, TLifecycleEvent[]>();
  const leavers: string[] = [];
  const revokeFor: Array<{ identityId: string; attributes: string[] }> = [];
  for (const c of changes) {
    const e = classifyLifecycle(c.before, c.after);
    events.set(c.after.id, e);
    if (e.includes('LEAVER')) leavers.push(c.after.id);
    if (e.includes('MOVER') && c.before && c.moverRevokesRequestedAccessOn?.length) {
      const moved = c.moverRevokesRequestedAccessOn.filter(
        (a) => (c.before as Record<string, unknown>)[a] !== (c.after as Record<string, unknown>)[a],
      );
      if (moved.length) revokeFor.push({ identityId: c.after.id, attributes: moved });
    }
  }
  await applyKillSwitch(tx, leavers, ctx.actor, {
    queue: ctx.queue,
    now: ctx.now,
    sessionsEnded: sessionsEndedIn(changes),
  });
  // The pending steps drawn from a moved person's manager go to the new one (docs/decisions/112),
  // the whole batch's movers in one read. Before the leavers' steps are handed on: a leaving manager
  // whose reports move in the same batch would otherwise escalate their steps up the old chain first.
  await followApproverChanges(
    tx,
    ctx.actor,
    {
      people: changes
        .filter((c) => c.before && c.before.managerId !== c.after.managerId)
        .map((c) => c.after.id),
    },
    { queue: ctx.queue, now: ctx.now, cause: 'MANAGER' },
  );
  await stopActing(tx, changes, leavers, ctx);
  const revoked = await revokeRequestedAccess(tx, revokeFor, ctx);
  const ids = changes.map((c) => c.after.id);
  if (ids.length === 0) return { events, operations: [] };
  const birthrightChanged = await recomputeBirthright(tx, ids, ctx.actor, { now: ctx.now });
  // Whose holdings may have changed, for planAccess's SoD check: grants ended or opened here, and
  // anyone new, leaving or changing status (a start date brings grants into force); an attribute
  // edit that changed none of these leaves their violations as they were.
  const accessChangedFor = [
    ...leavers,
    ...revoked,
    ...birthrightChanged,
    ...changes.filter((c) => !c.before || c.before.status !== c.after.status).map((c) => c.after.id),
  ];
  const fallback = ctx.defaultReason ?? 'SOURCE_SYNC';
  const reasonOf = new Map(
    ids.map((id) => {
      const e = events.get(id) ?? [];
      return [id, REASON_ORDER.find(([ev]) => e.includes(ev))?.[1] ?? fallback] as const;
    }),
  );
  // One plan for the whole batch, each person's operations with the reason of their own event: a
  // plan's statements cost the same for 1 person as for 2,500, so a plan per kind of event cost them
  // up to five times (docs/decisions/093).
  const operations = await planAccess(
    tx,
    ids,
    { reason: fallback, reasonOf, actor: ctx.actor, ref: ctx.ref, accessChangedFor },
    { queue: ctx.queue, now: ctx.now },
  );
  // What a mover kept from the old job goes to the new manager's review (when the organisation says so).
  await startMoverReviews(
    tx,
    ids.filter((id) => events.get(id)?.includes('MOVER')),
    ctx,
  );
  return { events, operations };
}

/**
 * Whoever could act and now cannot (suspended, back to pre-hire, left) is signed out at once (the kill
 * switch already did it for leavers) and their open approval steps go to stand-ins or up the chain.
 */
async function stopActing(
  tx: Prisma.TransactionClient,
  changes: readonly TIdentityChange[],
  leavers: readonly string[],
  ctx: TSettleContext,
) {
  const stopped = changes
    .filter((c) => c.before && canAct(c.before.status) && !canAct(c.after.status))
    .map((c) => c.after.id);
  if (stopped.length === 0) return;
  const signedOut = stopped.filter((id) => !leavers.includes(id));
  await endSessions(tx, signedOut);
  await recordAuditEvents(
    tx,
    signedOut.map((id) => ({
      actor: ctx.actor,
      action: 'identity.sessions_ended',
      entityType: 'Identity',
      entityId: id,
      subjectId: id,
      metadata: { reason: 'STATUS' },
    })),
  );
  // Their rows FOR UPDATE before their steps are looked for (a no-op where the caller holds them
  // already): a submission holding one of them as an approver (FOR KEY SHARE, holdPlannedItems)
  // commits first and its step is found here; one holding them after this draws without them. A
  // status UPDATE alone takes FOR NO KEY UPDATE, which passes KEY SHARE (docs/decisions/115).
  await tx.$queryRaw`SELECT id FROM "Identity" WHERE id = ANY(${stopped}::uuid[]) ORDER BY id FOR UPDATE`;
  await handOnApprovalSteps(tx, stopped, { queue: ctx.queue, now: ctx.now, actor: ctx.actor });
}

/** The mover rule: requested access ends when the move changes an attribute the source names. Returns whose ended. */
async function revokeRequestedAccess(
  tx: Prisma.TransactionClient,
  people: Array<{ identityId: string; attributes: string[] }>,
  ctx: TSettleContext,
): Promise<string[]> {
  if (people.length === 0) return [];
  const grants = await tx.grant.findMany({
    where: { identityId: { in: people.map((p) => p.identityId) }, source: 'REQUEST', status: 'ACTIVE' },
    select: { id: true, identityId: true, entitlement: { select: { applicationId: true } } },
  });
  if (grants.length === 0) return [];
  const why = new Map(people.map((p) => [p.identityId, `Mover: ${p.attributes.join(', ')} changed`]));
  for (const [reason, ids] of groupBy(grants, (g) => why.get(g.identityId)!)) {
    await endGrants(
      tx,
      ids.map((g) => g.id),
      { status: 'REVOKED', at: ctx.now, reason },
    );
  }
  await closePendingExtensions(
    tx,
    grants.map((g) => g.id),
    'CANCELLED',
    { queue: ctx.queue, now: ctx.now },
  );
  await recordAuditEvents(
    tx,
    grants.map((g) => ({
      actor: ctx.actor,
      action: 'grant.revoked',
      entityType: 'Grant',
      entityId: g.id,
      subjectId: g.identityId,
      applicationId: g.entitlement?.applicationId,
      before: { status: 'ACTIVE' },
      after: { status: 'REVOKED', reason: why.get(g.identityId) },
    })),
  );
  return grants.map((g) => g.identityId);
}

function groupBy<T>(rows: readonly T[], key: (r: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const r of rows) {
    const list = out.get(key(r)) ?? [];
    list.push(r);
    out.set(key(r), list);
  }
  return out;
}
